/**
 * The real daemon on the in-process simulators, for benchmarks that place many calls in a row on
 * one daemon: the composition is built once, and each call is a list of line steps as in a
 * scenario file.
 */
import { parseConfig } from '../config/load.js';
import { composeDaemon, type Composition } from '../daemon/compose.js';
import { mergeConfig, SIMULATION_RANDOM } from '../scenario/runner.js';
import type { ScenarioStep } from '../scenario/schema.js';
import { runSteps } from '../scenario/steps.js';
import { ScenarioWorld, SIM_LINE_PATH, SIM_PHONE_PATH } from '../scenario/world.js';
import type { CallRecord } from '../storage/callLog.js';
import { createClock } from '../util/clock.js';
import { createSilentLogger } from '../util/log.js';

/** Maximum real time that one benchmark call may take before the benchmark fails, in ms. */
const CALL_TIMEOUT_MS = 30_000;

export interface SimulatedDaemon {
  world: ScenarioWorld;
  composition: Composition;
  /** Runs one call's line steps and returns its call-log record once the daemon is idle again. */
  placeCall(steps: readonly ScenarioStep[]): Promise<CallRecord>;
  stop(): Promise<void>;
}

/**
 * Builds and starts the daemon on `dataDir`, whose files (lists, call log) it keeps.
 * @throws Error when the daemon does not become ready.
 */
export async function startSimulatedDaemon(options: {
  dataDir: string;
  timeScale: number;
  config?: Record<string, unknown>;
}): Promise<SimulatedDaemon> {
  const clock = createClock(options.timeScale);
  const logger = createSilentLogger();
  const config = parseConfig(
    mergeConfig(
      {
        dataDir: options.dataDir,
        modems: { line: { path: SIM_LINE_PATH }, phone: { path: SIM_PHONE_PATH } },
      },
      options.config ?? {},
    ),
    'the benchmark',
  );
  const world = new ScenarioWorld(clock, {
    region: config.region,
    lineModem: 'conexant',
    phoneModem: 'conexant',
    logger,
  });
  const composition = await composeDaemon(config, {
    clock,
    logger,
    binding: world.registry.binding,
    board: world.board,
    random: SIMULATION_RANDOM,
  });
  await composition.daemon.start();
  if (!(await waitUntil(() => composition.daemon.state === 'idle', CALL_TIMEOUT_MS))) {
    throw new Error(`The simulated daemon did not become ready (state ${composition.daemon.state}).`);
  }
  world.startRecording();

  const placeCall = async (steps: readonly ScenarioStep[]): Promise<CallRecord> => {
    world.callerGone = false;
    world.lastRingEndedAt = null;
    const record = new Promise<CallRecord>((resolve) => {
      const stop = composition.daemon.callEnded.add((ended) => {
        stop();
        resolve(ended);
      });
    });

    await runSteps(steps, { list: 'line', world, baseDir: '.', onStep: () => undefined });
    const ended = await withTimeout(record, 'the call did not end');
    if (!(await waitUntil(() => composition.daemon.state === 'idle', CALL_TIMEOUT_MS))) {
      throw new Error(`The daemon did not return to idle after a call (state ${composition.daemon.state}).`);
    }
    return ended;
  };

  const stop = async (): Promise<void> => {
    await composition.daemon.stop();
    world.dispose();
  };
  return { world, composition, placeCall, stop };
}

async function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Timed out after ${CALL_TIMEOUT_MS} ms: ${what}.`)),
      CALL_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return true;
}
