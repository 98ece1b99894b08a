/**
 * The recovery ladder with a scripted daemon: which steps run, in which order, for a modem that
 * does not answer, and the new set-up after calls that keep arriving without caller ID.
 */
import { describe, expect, it } from 'vitest';

import { ModemRecovery, type RecoveryHost } from '../../../src/daemon/modemRecovery.js';
import type { VoiceModem } from '../../../src/modem/voiceModem.js';
import type { CallRecord } from '../../../src/storage/callLog.js';
import { createClock } from '../../../src/util/clock.js';
import { VorzimmerError } from '../../../src/util/errors.js';
import { createSilentLogger } from '../../../src/util/log.js';

interface Script {
  answersAt: boolean;
  setupWorks: boolean;
  reopenWorks: boolean;
}

function fakeModem(script: Script, steps: string[], side: string): VoiceModem {
  return {
    channel: {
      send: async () => {
        if (script.answersAt) return { result: 'OK', lines: [] };
        throw new VorzimmerError('MODEM_TIMEOUT', 'no answer');
      },
    },
    setup: async () => {
      steps.push(`setup ${side}`);
      if (!script.setupWorks) throw new VorzimmerError('MODEM_TIMEOUT', 'no answer to ATZ');
      return { callerIdEnabled: true };
    },
  } as unknown as VoiceModem;
}

function createRig(script: Script): { recovery: ModemRecovery; steps: string[]; done: Promise<void> } {
  const steps: string[] = [];
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const modems = { line: fakeModem(script, steps, 'line'), phone: fakeModem(script, steps, 'phone') };

  const host: RecoveryHost = {
    isIdle: () => true,
    currentModems: () => modems,
    suspend: async () => void steps.push('suspend'),
    resume: async () => {
      steps.push('resume');
      finish();
    },
    reopen: async () => {
      steps.push('reopen');
      if (!script.reopenWorks) throw new VorzimmerError('MODEM_TIMEOUT', 'no answer after reopen');
      finish();
    },
    fail: async () => {
      steps.push('fail');
      finish();
    },
  };

  const recovery = new ModemRecovery(host, {
    clock: createClock(1000),
    logger: createSilentLogger(),
    region: 'DE',
    paths: { line: '/dev/line', phone: '/dev/phone' },
    pathCheck: async () => true,
  });
  return { recovery, steps, done };
}

describe('recovery ladder for a modem that does not answer', () => {
  it('stops after a reset that works', async () => {
    const { recovery, steps, done } = createRig({ answersAt: false, setupWorks: true, reopenWorks: true });
    await recovery.checkWhenIdle();
    await done;
    expect(steps).toEqual(['suspend', 'setup line', 'resume']);
  });

  it('reopens when the reset fails', async () => {
    const { recovery, steps, done } = createRig({ answersAt: false, setupWorks: false, reopenWorks: true });
    await recovery.checkWhenIdle();
    await done;
    expect(steps).toEqual(['suspend', 'setup line', 'reopen']);
  });

  it('fails loudly when the reopen fails too', async () => {
    const { recovery, steps, done } = createRig({ answersAt: false, setupWorks: false, reopenWorks: false });
    await recovery.checkWhenIdle();
    await done;
    expect(steps).toEqual(['suspend', 'setup line', 'reopen', 'fail']);
  });

  it('does nothing while the modems answer', async () => {
    const { recovery, steps } = createRig({ answersAt: true, setupWorks: true, reopenWorks: true });
    await recovery.checkWhenIdle();
    expect(steps).toEqual([]);
  });
});

function callRecord(callerIdStatus: CallRecord['callerIdStatus']): CallRecord {
  return { callerIdStatus } as CallRecord;
}

describe('calls without caller ID', () => {
  it('set the line modem up again after three in a row', async () => {
    const { recovery, steps, done } = createRig({ answersAt: true, setupWorks: true, reopenWorks: true });
    for (let call = 0; call < 3; call++) recovery.callEnded(callRecord('absent'));
    await done;
    expect(steps).toEqual(['suspend', 'setup line', 'resume']);
  });

  it('count again after a call with caller ID', async () => {
    const { recovery, steps } = createRig({ answersAt: true, setupWorks: true, reopenWorks: true });
    recovery.callEnded(callRecord('absent'));
    recovery.callEnded(callRecord('absent'));
    recovery.callEnded(callRecord('present'));
    recovery.callEnded(callRecord('absent'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(steps).toEqual([]);
  });
});
