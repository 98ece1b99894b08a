/**
 * Runs one scenario. It builds the simulated world with the real daemon on top, plays the line
 * and desk steps at the same time and waits for the daemon to return to idle. Then it compares
 * the call's record with the scenario's expectations.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { reloadPromptLibrary } from '../call/promptFiles.js';
import { parseConfig } from '../config/load.js';
import { ConsoleCommands } from '../console/commands.js';
import { readDaemonStatus } from '../console/status.js';
import { composeDaemon, type Composition } from '../daemon/compose.js';
import type { CallRecord } from '../storage/callLog.js';
import { createClock, type Clock } from '../util/clock.js';
import { errorMessage } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import { compareExpectations, type ScenarioResult } from './result.js';
import type { Scenario, ScenarioStep } from './schema.js';
import { runSteps, StepFailure } from './steps.js';
import { ScenarioWorld, SIM_LINE_PATH, SIM_PHONE_PATH } from './world.js';

/** How long the daemon may take to return to idle after both lists are done (product ms). */
const IDLE_WAIT_MS = 60_000;
/** How long the daemon may take to start (product ms). */
const START_WAIT_MS = 30_000;

/**
 * The random source of simulated calls. A fixed value makes every simulated call alike, so that a
 * scenario can pass the robot check: its digit is always 4.
 */
export const SIMULATION_RANDOM = (): number => 0.45;

/** One line of the runner's output, printed as a JSON object. */
export type ScenarioOutput =
  | { type: 'start'; description: string; timeScale: number }
  | { type: 'step'; atMs: number; list: 'line' | 'desk'; index: number; step: ScenarioStep }
  | { type: 'event'; atMs: number; event: string }
  | { type: 'call'; atMs: number; record: CallRecord }
  | { type: 'console'; atMs: number; input: string; output: string };

export interface RunOptions {
  timeScale: number;
  /** Folder of the scenario file, for relative `say` paths. */
  baseDir: string;
  /** The scenario file, named in error messages. */
  file?: string;
  logger: Logger;
  emit: (output: ScenarioOutput) => void;
  /**
   * Data folder to use and keep, for tests that prepare stored files such as a damaged lists
   * file. By default the runner uses a new temporary folder and removes it afterwards.
   */
  dataDir?: string;
  /** Keep the lists found in the data folder instead of replacing them with the scenario's lists. */
  useStoredLists?: boolean;
  /** Called with the simulated world once the daemon is ready, for tests that drive it beyond the steps. */
  onReady?: (world: ScenarioWorld) => void;
}

/**
 * Runs `scenario` and returns its result, also for a scenario that fails.
 * @throws VorzimmerError CONFIG_INVALID when the scenario's `config` override has a wrong field.
 */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<ScenarioResult> {
  const clock = createClock(options.timeScale);
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'vorzimmer-scenario-')));
  const config = parseConfig(
    mergeConfig(
      {
        dataDir,
        modems: { line: { path: SIM_LINE_PATH }, phone: { path: SIM_PHONE_PATH } },
        board: { kind: 'gpio' },
      },
      scenario.config,
    ),
    `${options.file ?? 'the scenario'} (field "config")`,
  );

  const world = new ScenarioWorld(clock, {
    region: config.region,
    lineModem: scenario.lineModem,
    phoneModem: scenario.phoneModem,
    logger: options.logger,
  });
  const composition = await composeDaemon(config, {
    clock,
    logger: options.logger,
    binding: world.registry.binding,
    board: world.board,
    random: SIMULATION_RANDOM,
    // Call-log times run on the scaled clock too, so that they agree with the durations.
    wallNow: scaledWallClock(clock),
  });
  const records: CallRecord[] = [];
  composition.daemon.callEnded.add((record) => {
    records.push(record);
    options.emit({ type: 'call', atMs: world.events.elapsedMs(), record });
  });

  const failures: string[] = [];
  try {
    if (!options.useStoredLists) await composition.lists.replaceAll(scenario.lists, 'config');
    await composition.daemon.start();
    if (!(await waitUntil(clock, START_WAIT_MS, () => composition.daemon.state === 'idle'))) {
      failures.push(`The daemon did not become ready (state ${composition.daemon.state}).`);
    } else {
      options.emit({ type: 'start', description: scenario.description, timeScale: options.timeScale });
      world.startRecording();
      options.onReady?.(world);
      const stopEvents = world.events.occurred.add(({ event, atMs }) =>
        options.emit({ type: 'event', atMs, event }),
      );
      await runLists(scenario, world, composition, options, failures);

      const idle = await waitUntil(clock, IDLE_WAIT_MS, () => composition.daemon.state === 'idle');
      if (!idle)
        failures.push(
          `The daemon was not back in idle ${IDLE_WAIT_MS / 1000} s after both lists were done (state ${composition.daemon.state}).`,
        );
      // Stopping the daemon releases the relay; that belongs to the shutdown, not to the call.
      stopEvents();
    }
  } catch (error) {
    failures.push(`The scenario could not run: ${errorMessage(error)}`);
  } finally {
    await composition.daemon.stop();
    world.dispose();
    if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
  }

  return compareExpectations(scenario.expect, records[0] ?? null, failures);
}

async function runLists(
  scenario: Scenario,
  world: ScenarioWorld,
  composition: Composition,
  options: RunOptions,
  failures: string[],
): Promise<void> {
  const commands = new ConsoleCommands({
    lists: composition.lists,
    callLog: composition.callLog,
    messages: composition.messages,
    config: composition.config,
    locale: composition.config.locale,
    status: () => readDaemonStatus(composition.daemon, composition.board),
    // The simulated box has no speaker; playing a message only marks it heard.
    playMessage: () => Promise.resolve(),
    reloadPrompts: () => reloadPromptLibrary(composition.prompts, composition.config, options.logger),
    armPromptRecording: (name) =>
      composition.daemon.armPromptRecording(name, (result) =>
        options.logger.info({ prompt: name, result: result.kind }, 'prompt recording finished'),
      ),
    logger: options.logger,
  });
  const consoleRunner = async (line: string): Promise<string> => {
    const output = await commands.execute(line);
    options.emit({ type: 'console', atMs: world.events.elapsedMs(), input: line, output });
    return output;
  };

  const run = (list: 'line' | 'desk'): Promise<void> =>
    runSteps(scenario[list], {
      list,
      world,
      baseDir: options.baseDir,
      console: consoleRunner,
      onStep: (index, step) =>
        options.emit({ type: 'step', atMs: world.events.elapsedMs(), list, index, step }),
    }).catch((error: unknown) => {
      failures.push(error instanceof StepFailure ? error.message : `${list}: ${errorMessage(error)}`);
    });
  await Promise.all([run('line'), run('desk')]);
}

async function waitUntil(
  clock: ReturnType<typeof createClock>,
  timeoutMs: number,
  condition: () => boolean,
): Promise<boolean> {
  const deadline = clock.now() + timeoutMs;
  while (!condition()) {
    if (clock.now() >= deadline) return false;
    await clock.sleep(50);
  }
  return true;
}

/** Merges scenario overrides into the base configuration, object by object. */
export function mergeConfig(
  base: Record<string, unknown>,
  overrides: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeConfig(current, value) : value;
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Creates a wall clock that starts now and runs at the clock's speed. */
function scaledWallClock(clock: Clock): () => Date {
  const startWall = Date.now();
  const startClock = clock.now();
  return () => new Date(startWall + (clock.now() - startClock));
}
