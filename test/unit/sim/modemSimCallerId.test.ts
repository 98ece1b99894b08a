/** Caller ID as the simulated modems print it, in each +VCID mode and personality. */
import { afterEach, describe, expect, it } from 'vitest';

import { createSimHarness, type SimHarness } from './simHarness.js';

const CALLER = { date: '0117', time: '1452', number: '5045550123', name: 'WIRELESS CALLER' };

let harness: SimHarness;

afterEach(() => harness?.dispose());

describe('printCallerId', () => {
  it('prints nothing while caller ID is off', () => {
    harness = createSimHarness('conexant');
    harness.sim.printCallerId(CALLER);
    expect(harness.output()).toBe('');
  });

  it('prints spaced tags on Conexant', () => {
    harness = createSimHarness('conexant');
    harness.command('AT+VCID=1');
    harness.clear();
    harness.sim.printCallerId(CALLER);
    expect(harness.output()).toBe(
      'DATE = 0117\r\nTIME = 1452\r\nNMBR = 5045550123\r\nNAME = WIRELESS CALLER\r\n\r\n',
    );
  });

  it('prints unspaced tags on USR', () => {
    harness = createSimHarness('usr5637');
    harness.command('AT+VCID=1');
    harness.clear();
    harness.sim.printCallerId(CALLER);
    expect(harness.output()).toBe(
      'DATE=0117\r\nTIME=1452\r\nNMBR=5045550123\r\nNAME=WIRELESS CALLER\r\n\r\n',
    );
  });

  it('prints only the given fields', () => {
    harness = createSimHarness('conexant');
    harness.command('AT+VCID=1');
    harness.clear();
    harness.sim.printCallerId({ number: 'P' });
    expect(harness.output()).toBe('NMBR = P\r\n\r\n');
  });

  it('prints the packet in raw mode', () => {
    harness = createSimHarness('conexant');
    harness.command('AT+VCID=2');
    harness.clear();
    harness.sim.printCallerId({ date: '0421', time: '1530', number: 'P' });
    expect(harness.output()).toBe('800D0108303432313135333004015085\r\n');
  });

  it('forgets caller ID after ATZ on Conexant', () => {
    harness = createSimHarness('conexant');
    harness.command('AT+VCID=1');
    harness.command('ATZ');
    harness.clear();
    harness.sim.printCallerId(CALLER);
    expect(harness.output()).toBe('');
  });

  it('ignores caller ID while off-hook', () => {
    harness = createSimHarness('conexant');
    harness.command('AT+VCID=1');
    harness.command('ATH1');
    harness.clear();
    harness.sim.printCallerId(CALLER);
    expect(harness.output()).toBe('');
  });
});

describe('printCallerIdRaw', () => {
  it('decodes a good packet in formatted mode', () => {
    harness = createSimHarness('usr5637');
    harness.command('AT+VCID=1');
    harness.clear();
    harness.sim.printCallerIdRaw('801701083034323131353330020B303330353535303132333497');
    expect(harness.output()).toBe('DATE=0421\r\nTIME=1530\r\nNMBR=03055501234\r\n\r\n');
  });

  it('suppresses a bad checksum in formatted mode', () => {
    harness = createSimHarness('conexant');
    harness.command('AT+VCID=1');
    harness.clear();
    harness.sim.printCallerIdRaw('801701083034323131353330020B303330353535303132333400');
    expect(harness.output()).toBe('');
  });

  it('prints nothing with caller ID off', () => {
    harness = createSimHarness('conexant');
    harness.sim.printCallerIdRaw('800D0108303432313135333004015085');
    expect(harness.output()).toBe('');
  });
});

describe('printLine', () => {
  it('prints text and CR LF exactly', () => {
    harness = createSimHarness('conexant');
    harness.sim.printLine('TIME = 12541');
    harness.sim.printLine('');
    expect(harness.output()).toBe('TIME = 12541\r\n\r\n');
  });
});
