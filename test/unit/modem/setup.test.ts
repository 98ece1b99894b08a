/**
 * The set-up against the simulator's personalities, and its read-back warnings against a scripted
 * modem that reports caller ID off after AT+VCID=1 (as a Conexant dongle in a Home Assistant
 * report did: `AT+VCID?` → `0`).
 */
import { afterEach, describe, expect, it } from 'vitest';

import { AtChannel } from '../../../src/modem/atChannel.js';
import { runSetup } from '../../../src/modem/setup.js';
import { createClock } from '../../../src/util/clock.js';
import { createSilentLogger } from '../../../src/util/log.js';
import { openSimModem, type SimModemRig } from '../../helpers/simModem.js';
import { MemoryLink } from '../../helpers/memoryLink.js';

let rig: SimModemRig | null = null;

afterEach(async () => {
  await rig?.dispose();
  rig = null;
});

describe('set-up against simulated chipsets', () => {
  const expected = { conexant: 'conexant', usr5637: 'usr', lucent: 'lucent' } as const;

  for (const [personality, chipset] of Object.entries(expected)) {
    it(`detects ${personality} as ${chipset}`, async () => {
      rig = await openSimModem(personality as keyof typeof expected);
      const profile = await rig.modem.setup();
      expect(profile.chipset).toBe(chipset);
    });
  }

  it('turns caller ID on after ATZ on a modem that forgets it', async () => {
    rig = await openSimModem('conexant');
    await rig.modem.setup();
    expect(rig.sim.callerIdMode).toBe(1);
  });

  it('sets caller ID mode 2 when asked for packets', async () => {
    rig = await openSimModem('usr5637', { callerIdMode: 'unformatted' });
    await rig.modem.setup();
    expect(rig.sim.callerIdMode).toBe(2);
  });

  it('applies silence detection on the USR 5637', async () => {
    rig = await openSimModem('usr5637');
    const profile = await rig.modem.setup();
    expect(profile.silenceDetection).toBe(true);
  });

  it('leaves silence detection to the host on Conexant', async () => {
    rig = await openSimModem('conexant');
    const profile = await rig.modem.setup();
    expect(profile.silenceDetection).toBe(false);
  });

  it('sets up through line noise', async () => {
    rig = await openSimModem('conexant');
    rig.sim.setFault({ garbage: true });
    const profile = await rig.modem.setup();
    expect(profile.callerIdEnabled).toBe(true);
  });

  it('sets up again after the modem reset itself', async () => {
    rig = await openSimModem('conexant');
    await rig.modem.setup();
    rig.sim.resetSpontaneously();
    expect(rig.sim.callerIdMode).toBe(0);
    await rig.modem.setup();
    expect(rig.sim.callerIdMode).toBe(1);
  });
});

/** Answers every command with OK, and AT+VCID? with a bare 0 (caller ID off). */
function scriptedConexantLink(): MemoryLink {
  const link = new MemoryLink();
  const answers: Record<string, string> = {
    ATI0: '\r\n56000\r\n\r\nOK\r\n',
    ATI3: '\r\nCX93001-EIS_V0.2002-V92\r\n\r\nOK\r\n',
    'AT+GMI': '\r\n+GMI: CONEXANT\r\n\r\nOK\r\n',
    'AT+VCID?': '\r\n0\r\n\r\nOK\r\n',
    'AT+GCI?': '\r\n+GCI: 42\r\n\r\nOK\r\n',
    'AT+FCLASS?': '\r\n8\r\n\r\nOK\r\n',
    'ATS0?': '\r\n000\r\n\r\nOK\r\n',
    'AT+VSM?': '\r\n1,8000,0,0\r\n\r\nOK\r\n',
    'AT+VSM=?': '\r\n0,"SIGNED PCM",8,0,8000,0,0\r\n1,"UNSIGNED PCM",8,0,8000,0,0\r\n\r\nOK\r\n',
  };
  link.onWrite = (bytes) => {
    const command = bytes.toString('latin1').trim();
    link.reply(answers[command] ?? '\r\nOK\r\n');
  };
  return link;
}

describe('set-up read-back', () => {
  it('warns when caller ID reads back off', async () => {
    const channel = new AtChannel(scriptedConexantLink(), {
      name: 'line',
      clock: createClock(20),
      logger: createSilentLogger(),
    });
    const profile = await runSetup(channel, {
      side: 'line',
      countryCode: '42',
      initExtra: [],
      logger: createSilentLogger(),
    });
    expect(profile.warnings).toContain('The modem reports caller ID mode 0 after AT+VCID=1.');
  });

  it('reports caller ID off when it reads back off', async () => {
    const channel = new AtChannel(scriptedConexantLink(), {
      name: 'line',
      clock: createClock(20),
      logger: createSilentLogger(),
    });
    const profile = await runSetup(channel, {
      side: 'line',
      countryCode: '42',
      initExtra: [],
      logger: createSilentLogger(),
    });
    expect(profile.callerIdEnabled).toBe(false);
  });
});
