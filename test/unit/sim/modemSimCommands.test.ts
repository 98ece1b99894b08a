/**
 * Command state of the simulator, compared byte for byte with transcripts: the CX93001 captures
 * from pycallblock and callattendant issues, and the USR 5637 responses from NCID and the USR
 * command reference. Where no capture exists the expected bytes follow V.250 framing.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { TIMER_TOLERANCE_MS, createSimHarness, waitUntil, type SimHarness } from './simHarness.js';

let harness: SimHarness;

afterEach(() => harness?.dispose());

describe('echo and result framing', () => {
  it('echoes the command before the answer', () => {
    harness = createSimHarness('conexant');
    expect(harness.command('ATV1')).toBe('ATV1\r\r\nOK\r\n');
  });

  it('echoes ATE0 itself, then stops echoing', () => {
    harness = createSimHarness('conexant');
    expect(harness.command('ATE0')).toBe('ATE0\r\r\nOK\r\n');
    expect(harness.command('AT')).toBe('\r\nOK\r\n');
  });

  it('frames numeric result codes after ATV0', () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    expect(harness.command('ATV0')).toBe('0\r');
    expect(harness.command('AT+FOO')).toBe('4\r');
    expect(harness.command('ATI0')).toBe('56000\r\n0\r');
  });

  it('suppresses result codes after ATQ1', () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    expect(harness.command('ATQ1')).toBe('');
    expect(harness.command('ATI0')).toBe('\r\n56000\r\n');
  });

  it('ignores line feeds and lines without AT', () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    harness.clear();
    harness.send('AT\r\n\r\nhello\r');
    expect(harness.output()).toBe('\r\nOK\r\n');
  });

  it('accepts lower case and spaces', () => {
    harness = createSimHarness('conexant');
    expect(harness.command('at z s0=0 e0 q0 v1')).toBe('at z s0=0 e0 q0 v1\r\r\nOK\r\n');
    expect(harness.sim.offHook).toBe(false);
    expect(harness.command('ATS0?')).toBe('\r\n000\r\n\r\nOK\r\n');
  });

  it('answers ERROR for unknown commands', () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    expect(harness.command('AT+CGMI')).toBe('\r\nERROR\r\n');
    expect(harness.command('ATE2')).toBe('\r\nERROR\r\n');
  });

  it('runs command lines that arrive in pieces', () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    harness.clear();
    harness.send('AT+G');
    harness.send('MI\r');
    expect(harness.output()).toBe('\r\n+GMI: CONEXANT\r\n\r\nOK\r\n');
  });
});

describe('identification by personality', () => {
  it('matches the CX93001 transcript', () => {
    harness = createSimHarness('conexant');
    expect(harness.command('ATZ')).toBe('ATZ\r\r\nOK\r\n');
    expect(harness.command('AT+FCLASS?')).toBe('AT+FCLASS?\r\r\n0\r\nOK\r\n');
    expect(harness.command('ATI3')).toBe('ATI3\r\r\nCX93001-EIS_V0.2013-V92\r\n\r\nOK\r\n');
    expect(harness.command('AT+GMI')).toBe('AT+GMI\r\r\n+GMI: CONEXANT\r\n\r\nOK\r\n');
    expect(harness.command('ATI0')).toBe('ATI0\r\r\n56000\r\n\r\nOK\r\n');
  });

  it('answers as a USR 5637', () => {
    harness = createSimHarness('usr5637');
    harness.command('ATE0');
    expect(harness.command('ATI0')).toBe('\r\n5601\r\n\r\nOK\r\n');
    expect(harness.command('ATI3')).toBe('\r\nU.S. Robotics 56K FAX USB V1.2.23\r\n\r\nOK\r\n');
  });

  it('lists the CX93001 service classes', () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    expect(harness.command('AT+FCLASS=?')).toBe('\r\n0,1,1.0,2,8\r\n\r\nOK\r\n');
  });

  it('prints a plausible profile for AT&V', () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    const report = harness.command('AT&V');
    expect(report).toMatch(/^\r\nACTIVE PROFILE:\r\nB1 E0 L2 M1 N0 Q0 T V1 /);
    expect(report).toContain('S07:050');
    expect(report).toMatch(/STORED PROFILE 0:/);
    expect(report.endsWith('\r\nOK\r\n')).toBe(true);
  });
});

describe('query answers by personality', () => {
  it('answers Conexant queries bare', () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    expect(harness.command('AT+VCID=1;+VCID?')).toBe('\r\n1\r\n\r\nOK\r\n');
    harness.command('AT+FCLASS=8');
    expect(harness.command('AT+VSM?')).toBe('\r\n1,8000,0,0\r\n\r\nOK\r\n');
    expect(harness.command('AT+VSD?')).toBe('\r\n128,0\r\n\r\nOK\r\n');
  });

  it('answers USR queries with a prefix', () => {
    harness = createSimHarness('usr5637');
    harness.command('ATE0');
    expect(harness.command('AT+VCID=1;+VCID?')).toBe('\r\n+VCID: 1\r\n\r\nOK\r\n');
    harness.command('AT+FCLASS=8');
    expect(harness.command('AT+FCLASS?')).toBe('\r\n8\r\n\r\nOK\r\n');
    expect(harness.command('AT+VSD?')).toBe('\r\n+VSD: 128, 50\r\n\r\nOK\r\n');
  });

  it('keeps Conexant +VSD at 128,0', () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    harness.command('AT+FCLASS=8');
    expect(harness.command('AT+VSD=128,50')).toBe('\r\nOK\r\n');
    expect(harness.command('AT+VSD?')).toBe('\r\n128,0\r\n\r\nOK\r\n');
  });

  it('applies USR +VSD', () => {
    harness = createSimHarness('usr5637');
    harness.command('ATE0');
    harness.command('AT+FCLASS=8');
    expect(harness.command('AT+VSD=128,30')).toBe('\r\nOK\r\n');
    expect(harness.command('AT+VSD?')).toBe('\r\n+VSD: 128, 30\r\n\r\nOK\r\n');
  });

  it('reports country codes with a prefix', () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    expect(harness.command('AT+GCI=42')).toBe('\r\nOK\r\n');
    expect(harness.command('AT+GCI?')).toBe('\r\n+GCI: 42\r\n\r\nOK\r\n');
    expect(harness.command('AT+GCI=ZZ')).toBe('\r\nERROR\r\n');
  });

  it('reads Conexant dash commands with a prefix', () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    expect(harness.command('AT-SCID=1;+VCID=1;-STE=3')).toBe('\r\nOK\r\n');
    expect(harness.command('AT-STE?')).toBe('\r\n-STE: 3\r\n\r\nOK\r\n');
  });
});

describe('voice commands', () => {
  it('answers ERROR outside voice class', () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    expect(harness.command('AT+VSD?')).toBe('\r\nERROR\r\n');
    expect(harness.command('AT+VLS=1')).toBe('\r\nERROR\r\n');
    expect(harness.sim.offHook).toBe(false);
  });

  it('lists the CX93001 voice formats', () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    harness.command('AT+FCLASS=8');
    expect(harness.command('AT+VSM=?')).toBe(
      '\r\n0,"SIGNED PCM",8,0,8000,0,0\r\n1,"UNSIGNED PCM",8,0,8000,0,0\r\n129,"IMA ADPCM",4,0,8000,0,0\r\n' +
        '130,"UNSIGNED PCM",8,0,8000,0,0\r\n131,"Mu-Law",8,0,8000,0,0\r\n132,"A-Law",8,0,8000,0,0\r\n' +
        '133,"14 bit PCM",14,0,8000,0,0\r\n\r\nOK\r\n',
    );
  });

  it('lists the USR voice formats with rate lists', () => {
    harness = createSimHarness('usr5637');
    harness.command('ATE0');
    harness.command('AT+FCLASS=8');
    const lines = harness.command('AT+VSM=?').split('\r\n');
    expect(lines).toContain('128,"8-BIT LINEAR",(7200,8000,11025)');
    expect(lines).toContain('131,"8-BIT ULAW",(8000)');
  });

  it('checks voice format ids and rates', () => {
    harness = createSimHarness('usr5637');
    harness.command('ATE0');
    harness.command('AT+FCLASS=8');
    expect(harness.command('AT+VSM=128,8000')).toBe('\r\nOK\r\n');
    expect(harness.command('AT+VSM=130,7200')).toBe('\r\nERROR\r\n');
    expect(harness.command('AT+VSM=1,8000,0,0')).toBe('\r\nERROR\r\n');
  });

  it('accepts all four +VSM arguments on Conexant', () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    harness.command('AT+FCLASS=8');
    expect(harness.command('AT+VSM=130,8000,0,0')).toBe('\r\nOK\r\n');
    expect(harness.command('AT+VSM?')).toBe('\r\n130,8000,0,0\r\n\r\nOK\r\n');
  });

  it('rejects the test form of +VTX on Conexant', () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    harness.command('AT+FCLASS=8');
    expect(harness.command('AT+VTX=?')).toBe('\r\nERROR\r\n');
    expect(harness.sim.dataState).toBe('command');
  });

  it('answers OK after a tone has played', async () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    harness.command('AT+FCLASS=8');
    const started = harness.clock.now();
    expect(harness.command('AT+VTS=[900,900,120]')).toBe('');

    await waitUntil(() => harness.output() === '\r\nOK\r\n', 'OK after the tone');
    expect(harness.clock.now() - started).toBeGreaterThanOrEqual(1200 - TIMER_TOLERANCE_MS);
  });

  it('holds commands sent during a tone', async () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    harness.command('AT+FCLASS=8');
    harness.clear();
    harness.send('AT+VTS=[900,900,20]\rATI0\r');
    expect(harness.output()).toBe('');

    await waitUntil(() => harness.output().includes('56000'), 'ATI0 answer');
    expect(harness.output()).toBe('\r\nOK\r\n\r\n56000\r\n\r\nOK\r\n');
  });
});

describe('hook and reset', () => {
  it('goes off-hook with +VLS=1 and on-hook with ATH', () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    harness.command('AT+FCLASS=8');
    expect(harness.command('AT+VLS=1')).toBe('\r\nOK\r\n');
    expect(harness.sim.offHook).toBe(true);
    expect(harness.command('AT+VLS?')).toBe('\r\n1\r\n\r\nOK\r\n');
    expect(harness.command('ATH')).toBe('\r\nOK\r\n');
    expect(harness.activities).toEqual(['off-hook', 'on-hook']);
  });

  it('answers VCON to ATA in voice class', () => {
    harness = createSimHarness('usr5637');
    harness.command('ATE0');
    harness.command('AT+FCLASS=8');
    expect(harness.command('ATA')).toBe('\r\nVCON\r\n');
    expect(harness.sim.offHook).toBe(true);
  });

  it('ends a data answer on the next host byte', () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    expect(harness.command('ATA')).toBe('');
    expect(harness.sim.offHook).toBe(true);
    expect(harness.command('AT')).toBe('\r\nNO CARRIER\r\n');
    expect(harness.sim.offHook).toBe(false);
  });

  it('emits no activity for a repeated hook state', () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    harness.command('ATH1');
    harness.command('ATH1');
    harness.command('ATH0');
    harness.command('ATH0');
    expect(harness.activities).toEqual(['off-hook', 'on-hook']);
  });

  it('ATZ hangs up and restores factory echo', () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    harness.command('AT+FCLASS=8');
    harness.command('AT+VLS=1');
    harness.command('AT&W');
    expect(harness.command('ATZ')).toBe('\r\nOK\r\n');
    expect(harness.sim.offHook).toBe(false);
    expect(harness.sim.voiceClass).toBe(false);
    expect(harness.command('AT')).toBe('AT\r\r\nOK\r\n');
  });

  it('Conexant forgets caller ID after ATZ', () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    harness.command('AT+VCID=1');
    harness.command('AT&W0');
    harness.command('ATZ');
    expect(harness.sim.callerIdMode).toBe(0);
    expect(harness.command('AT+VCID?')).toBe('AT+VCID?\r\r\n0\r\n\r\nOK\r\n');
  });

  it('USR keeps saved caller ID after ATZ', () => {
    harness = createSimHarness('usr5637');
    harness.command('AT+VCID=1');
    harness.command('AT&W0');
    harness.command('ATZ');
    expect(harness.sim.callerIdMode).toBe(1);
  });
});

describe('rings', () => {
  it('reports RING in data class', () => {
    harness = createSimHarness('conexant');
    harness.sim.ring();
    expect(harness.output()).toBe('\r\nRING\r\n');
  });

  it('reports DLE R in voice class', () => {
    harness = createSimHarness('conexant');
    harness.command('AT+FCLASS=8');
    harness.clear();
    harness.sim.ring();
    expect([...harness.bytes()]).toEqual([0x10, 0x52]);
  });

  it('ignores rings while off-hook', () => {
    harness = createSimHarness('conexant');
    harness.command('ATH1');
    harness.clear();
    harness.sim.ring();
    expect(harness.output()).toBe('');
  });
});

describe('faults', () => {
  it('unresponsive modem answers nothing', () => {
    harness = createSimHarness('conexant');
    harness.sim.setFault({ unresponsive: true });
    expect(harness.command('AT')).toBe('');
    harness.sim.setFault({ unresponsive: false });
    expect(harness.command('AT')).toBe('AT\r\r\nOK\r\n');
  });
});
