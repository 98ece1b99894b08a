/**
 * How the driver notices that the caller has gone, against the simulator: busy events, silence
 * measured by the host when the modem sends no event (the simulator's noBusyTone fault, after a
 * CX93010 that "sometimes won't send BUSY"), +VSD silence events on the USR 5637, the time
 * limit, and a caller who hangs up silently while held. Also one key read once although the modem
 * repeats it (a mobile's "000").
 */
import { afterEach, describe, expect, it } from 'vitest';

import type { HangUpCause, RecordOptions } from '../../../src/modem/voiceModem.js';
import { openSimModem, type SimModemRig } from '../../helpers/simModem.js';

let rig: SimModemRig | null = null;

afterEach(async () => {
  await rig?.dispose();
  rig = null;
});

const LONG: RecordOptions = { maxMs: 60_000, silenceMs: 60_000, noSpeechMs: 60_000, stopKeys: [] };

async function answeredModem(personality: 'conexant' | 'usr5637' | 'lucent'): Promise<SimModemRig> {
  rig = await openSimModem(personality);
  await rig.modem.setup();
  await rig.modem.answer();
  rig.sim.setFarEndAudio('speech');
  return rig;
}

describe('recording ends when the caller hangs up', () => {
  it('ends on a busy event', async () => {
    const { modem, sim, clock } = await answeredModem('conexant');
    const recording = modem.record(LONG);
    clock.setTimeout(() => sim.farEndHangUp(), 1000);
    expect((await recording).end).toEqual({ kind: 'hang-up', cause: 'busy' });
  });

  it('ends on measured silence when no event comes', async () => {
    const { modem, sim, clock } = await answeredModem('conexant');
    sim.setFault({ noBusyTone: true });
    const recording = modem.record({ ...LONG, silenceMs: 3000 });
    clock.setTimeout(() => sim.farEndHangUp(), 2000);
    expect((await recording).end).toEqual({ kind: 'silence' });
  });

  it('ends on the +VSD silence event of the USR 5637', async () => {
    const { modem, sim } = await answeredModem('usr5637');
    sim.setFault({ noBusyTone: true });
    sim.setFarEndAudio('silence');
    const recording = modem.record(LONG);
    expect((await recording).end).toEqual({ kind: 'hang-up', cause: 'silence-event' });
  });

  it('ends at the time limit', async () => {
    const { modem } = await answeredModem('conexant');
    const { end } = await modem.record({ ...LONG, maxMs: 1500 });
    expect(end).toEqual({ kind: 'max-length' });
  });

  it('reads one key from a burst of repeats', async () => {
    const { modem, sim, clock } = await answeredModem('conexant');
    const digits: string[] = [];
    modem.digits.add((digit) => digits.push(digit));
    const recording = modem.record({ ...LONG, maxMs: 2000 });
    clock.setTimeout(() => sim.pressKey('0', 3), 300);
    await recording;
    expect(digits).toEqual(['0']);
  });
});

describe('listening to a held caller', () => {
  it('notices a silent hang-up', async () => {
    const { modem, sim, clock } = await answeredModem('conexant');
    sim.setFault({ noBusyTone: true });
    const causes: HangUpCause[] = [];
    modem.hangUpSignals.add((cause) => causes.push(cause));

    const listening = modem.listenWhileHeld({ maxMs: 60_000, silenceMs: 4000 });
    clock.setTimeout(() => sim.farEndHangUp(), 1000);
    expect(await listening).toEqual({ kind: 'hang-up', cause: 'silence-measured' });
    expect(causes).toEqual(['silence-measured']);
  });

  it('notices a busy event', async () => {
    const { modem, sim, clock } = await answeredModem('lucent');
    const listening = modem.listenWhileHeld({ maxMs: 60_000 });
    clock.setTimeout(() => sim.farEndHangUp(), 1000);
    expect(await listening).toEqual({ kind: 'hang-up', cause: 'busy' });
  });

  it('stops on abort and leaves the modem usable', async () => {
    const { modem } = await answeredModem('conexant');
    const controller = new AbortController();
    const listening = modem.listenWhileHeld({ maxMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect(await listening).toEqual({ kind: 'aborted' });
    expect((await modem.channel.send('AT')).result).toBe('OK');
  });
});
