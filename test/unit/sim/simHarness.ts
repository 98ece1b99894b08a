/**
 * Test harness for ModemSim: a simulator on a scaled clock, with everything it sends to the host
 * collected as latin1 text, so that tests can compare it with transcripts byte for byte.
 */
import { ModemSim, type ModemSimActivity, type PersonalityName } from '../../../src/sim/modemSim.js';
import { createClock, type Clock } from '../../../src/util/clock.js';

/** Clock speed-up of the simulator tests. */
export const TEST_TIME_SCALE = 20;

/**
 * Clock milliseconds by which a timer may seem to fire early: Node rounds timer start times to
 * whole real milliseconds, and one real millisecond is TEST_TIME_SCALE clock milliseconds.
 */
export const TIMER_TOLERANCE_MS = 2 * TEST_TIME_SCALE;

export interface SimHarness {
  sim: ModemSim;
  clock: Clock;
  activities: ModemSimActivity[];
  /** Everything sent to the host since the last clear(), as latin1 text. */
  output(): string;
  /** Bytes sent to the host since the last clear(). */
  bytes(): Buffer;
  clear(): void;
  /** Writes text (latin1) or bytes as the host. */
  send(data: string | Uint8Array): void;
  /** Sends `command` plus CR and returns what came back, after clearing the output. */
  command(command: string): string;
  dispose(): void;
}

export function createSimHarness(personality: PersonalityName = 'conexant'): SimHarness {
  const clock = createClock(TEST_TIME_SCALE);
  const sim = new ModemSim({ personality, clock });
  const chunks: Buffer[] = [];
  const activities: ModemSimActivity[] = [];
  sim.onHostData((bytes) => chunks.push(Buffer.from(bytes)));
  sim.onActivity((activity) => activities.push(activity));

  const harness: SimHarness = {
    sim,
    clock,
    activities,
    output: () => Buffer.concat(chunks).toString('latin1'),
    bytes: () => Buffer.concat(chunks),
    clear: () => {
      chunks.length = 0;
    },
    send: (data) => sim.writeFromHost(typeof data === 'string' ? Buffer.from(data, 'latin1') : data),
    command: (command) => {
      harness.clear();
      harness.send(`${command}\r`);
      return harness.output();
    },
    dispose: () => sim.dispose(),
  };
  return harness;
}

/** Waits in real time until `condition` holds; throws after `timeoutMs` naming `what`. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Puts the harness's modem off-hook in voice class with echo off. */
export function answerInVoiceMode(harness: SimHarness): void {
  harness.command('ATE0');
  harness.command('AT+FCLASS=8');
  harness.command('AT+VLS=1');
  harness.clear();
}
