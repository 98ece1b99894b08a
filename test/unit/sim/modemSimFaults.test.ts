/**
 * The Lucent personality (after mgetty's README.lucent for the Zoom 2949L) and the fault switches
 * that reproduce what users of call blockers report.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { GARBAGE_BURST } from '../../../src/sim/modemSim.js';
import { SimRegistry } from '../../../src/sim/simBinding.js';
import { createSimHarness, type SimHarness } from './simHarness.js';

let harness: SimHarness | null = null;

afterEach(() => {
  harness?.dispose();
  harness = null;
});

describe('lucent personality', () => {
  it('answers plain ATI with ERROR', () => {
    harness = createSimHarness('lucent');
    expect(harness.command('ATI')).toBe('ATI\r\r\nERROR\r\n');
  });

  it('answers ATI0 with the Zoom text', () => {
    harness = createSimHarness('lucent');
    harness.command('ATE0');
    expect(harness.command('ATI0')).toBe('\r\nZOOM V.90 56K -L Z207\r\n\r\nOK\r\n');
  });

  it('prints caller ID without spaces', () => {
    harness = createSimHarness('lucent');
    harness.command('AT+VCID=1');
    harness.clear();
    harness.sim.printCallerId({ date: '0117', time: '1452', number: '5045550123' });
    expect(harness.output()).toContain('NMBR=5045550123\r\n');
  });
});

describe('forget caller ID on reset', () => {
  it('is on by default for Conexant', () => {
    harness = createSimHarness('conexant');
    harness.command('AT+VCID=1');
    harness.command('AT&W');
    harness.command('ATZ');
    expect(harness.sim.callerIdMode).toBe(0);
  });

  it('is off by default for the USR 5637', () => {
    harness = createSimHarness('usr5637');
    harness.command('AT+VCID=1');
    harness.command('AT&W');
    harness.command('ATZ');
    expect(harness.sim.callerIdMode).toBe(1);
  });

  it('can be switched on for the USR 5637', () => {
    harness = createSimHarness('usr5637');
    harness.sim.setFault({ forgetCallerIdOnReset: true });
    harness.command('AT+VCID=1');
    harness.command('AT&W');
    harness.command('ATZ');
    expect(harness.sim.callerIdMode).toBe(0);
  });

  it('applies to a reset the modem does by itself', () => {
    harness = createSimHarness('conexant');
    harness.command('AT+VCID=1');
    harness.sim.resetSpontaneously();
    expect(harness.sim.callerIdMode).toBe(0);
  });
});

describe('garbage fault', () => {
  it('sends a burst of noise before the result code', () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    harness.sim.setFault({ garbage: true });
    expect(harness.command('AT')).toBe(`${GARBAGE_BURST.toString('latin1')}\r\nOK\r\n`);
  });
});

describe('detach and attach', () => {
  it('removes the path until the modem is back', async () => {
    harness = createSimHarness('conexant');
    const registry = new SimRegistry();
    registry.register('sim://x', harness.sim);
    registry.detach('sim://x');
    expect(registry.has('sim://x')).toBe(false);
  });

  it('brings the same modem back at its path', async () => {
    harness = createSimHarness('conexant');
    const registry = new SimRegistry();
    registry.register('sim://x', harness.sim);
    registry.detach('sim://x');
    registry.attach('sim://x');
    expect((await registry.binding.list()).map((port) => port.path)).toEqual(['sim://x']);
  });
});
