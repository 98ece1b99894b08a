/**
 * Runs the steps of one scenario list (`line` or `desk`) against the simulated world.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { wavToModemAudio } from '../protocol/audio.js';
import type { ScenarioStep } from './schema.js';
import type { ScenarioWorld } from './world.js';

/** A step that did not complete, such as an `await` that timed out. */
export class StepFailure extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(message);
  }
}

/** Interval at which a ring loop checks whether the line was answered (product ms). */
const ANSWER_POLL_MS = 50;

export interface StepRunnerOptions {
  list: 'line' | 'desk';
  world: ScenarioWorld;
  /** Folder of the scenario file, for `say` paths. */
  baseDir: string;
  onStep: (index: number, step: ScenarioStep) => void;
  /** Runs a console command line and returns its output; without it, `console` steps fail. */
  console?: (line: string) => Promise<string>;
}

/** Runs every step of one list in order. @throws StepFailure naming the step that failed. */
export async function runSteps(steps: readonly ScenarioStep[], options: StepRunnerOptions): Promise<void> {
  const awaitCounts = new Map<string, number>();
  for (const [index, step] of steps.entries()) {
    options.onStep(index, step);
    await runStep(step, `${options.list}[${index}]`, options, awaitCounts);
  }
}

async function runStep(
  step: ScenarioStep,
  where: string,
  options: StepRunnerOptions,
  awaitCounts: Map<string, number>,
): Promise<void> {
  const { world, list } = options;
  const modem = list === 'line' ? world.lineModem : world.phoneModem;

  if ('modem' in step) {
    world.lineModem.printLine(step.modem);
  } else if ('ring' in step) {
    await ring(
      world,
      typeof step.ring === 'number'
        ? { count: step.ring, untilAnswered: false }
        : { count: step.ring.max, untilAnswered: true },
    );
  } else if ('callerId' in step) {
    world.lineModem.printCallerId(step.callerId);
  } else if ('callerIdRaw' in step) {
    world.lineModem.printCallerIdRaw(step.callerIdRaw.toUpperCase());
  } else if ('wait' in step) {
    await world.clock.sleep(step.wait);
  } else if ('await' in step) {
    const nth = (awaitCounts.get(step.await) ?? 0) + 1;
    awaitCounts.set(step.await, nth);
    const happened = await world.events.waitFor(step.await, nth, step.timeoutMs);
    if (!happened) {
      throw new StepFailure(
        where,
        `${where}: "${step.await}" (occurrence ${nth}) did not happen within ${step.timeoutMs} ms`,
      );
    }
  } else if ('say' in step) {
    await say(world, step.say, options.baseDir, where);
  } else if ('silence' in step) {
    world.lineModem.setFarEndAudio('silence');
    await world.clock.sleep(step.silence.seconds * 1000);
  } else if ('key' in step) {
    modem.pressKey(step.key);
  } else if ('keyBurst' in step) {
    world.lineModem.pressKey(step.keyBurst.charAt(0), step.keyBurst.length);
  } else if ('hangUp' in step) {
    if (list === 'line') {
      world.callerGone = true;
      world.lineModem.farEndHangUp();
    } else {
      world.board.setDeskHook('on-hook');
    }
  } else if ('pickUp' in step) {
    world.board.setDeskHook('off-hook');
  } else if ('console' in step) {
    if (!options.console) throw new StepFailure(where, `${where}: no console is available in this run`);
    await options.console(step.console);
  }
}

/**
 * Rings the line with the region's cadence. The first ring of a step starts one off-period after
 * the previous ring ended, or at once if there was none. The step ends when its last ring ends.
 */
async function ring(world: ScenarioWorld, options: { count: number; untilAnswered: boolean }): Promise<void> {
  const { clock } = world;
  for (let index = 0; index < options.count; index++) {
    if (world.callerGone || (options.untilAnswered && world.lineAnswered)) return;

    if (world.lastRingEndedAt !== null) {
      const startAt = world.lastRingEndedAt + world.ringOffMs;
      if (!(await sleepUntil(world, startAt, options.untilAnswered))) return;
    }

    world.lineModem.ring();
    const answeredDuringRing = !(await sleepUntil(
      world,
      clock.now() + world.ringOnMs,
      options.untilAnswered,
    ));
    world.lastRingEndedAt = clock.now();
    if (answeredDuringRing) return;
  }
}

/** Sleeps until clock time `at`. Returns false early if `stopOnAnswer` and the line is answered. */
async function sleepUntil(world: ScenarioWorld, at: number, stopOnAnswer: boolean): Promise<boolean> {
  const { clock } = world;
  while (clock.now() < at) {
    if (stopOnAnswer && world.lineAnswered) return false;
    await clock.sleep(Math.min(ANSWER_POLL_MS, at - clock.now()));
  }
  return !(stopOnAnswer && world.lineAnswered);
}

async function say(
  world: ScenarioWorld,
  what: string | { seconds: number },
  baseDir: string,
  where: string,
): Promise<void> {
  if (typeof what !== 'string') {
    world.lineModem.setFarEndAudio('speech');
    await world.clock.sleep(what.seconds * 1000);
    world.lineModem.setFarEndAudio('silence');
    return;
  }

  const file = path.resolve(baseDir, what);
  let audio: Buffer;
  try {
    audio = wavToModemAudio(await readFile(file));
  } catch (error) {
    throw new StepFailure(
      where,
      `${where}: cannot use ${file} as caller speech: ${(error as Error).message}`,
    );
  }
  world.lineModem.setFarEndAudio(audio);
  await world.clock.sleep((audio.length / 8000) * 1000);
  world.lineModem.setFarEndAudio('silence');
}
