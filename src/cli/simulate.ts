/** `vorzimmer simulate FILE`: runs one scenario file and prints JSON lines, the last one the result. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { pino } from 'pino';

import { runScenario, type ScenarioOutput } from '../scenario/runner.js';
import type { ScenarioResult } from '../scenario/result.js';
import { parseScenario, type Scenario } from '../scenario/schema.js';
import { errorMessage, isVorzimmerError } from '../util/errors.js';
import type { Logger } from '../util/log.js';

/** Time scales from a tenth of real time (for watching slowly) to a hundred times faster. */
export const TIME_SCALE_RANGE = { min: 0.1, max: 100 } as const;

/** Exit codes of `simulate`, fixed by the scenario format. */
export const SIMULATE_EXIT = { pass: 0, mismatch: 1, invalid: 2 } as const;

export interface SimulateOptions {
  timeScale: number;
  /** Also print the daemon's own log records as JSON lines of type "log". */
  json: boolean;
  write?: (line: string) => void;
  writeError?: (line: string) => void;
}

/** Loads and validates a scenario file. @throws VorzimmerError SCENARIO_INVALID naming the file and field. */
export async function loadScenarioFile(file: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw invalidFile(file, `cannot be read: ${errorMessage(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalidFile(file, `is not valid JSON: ${errorMessage(error)}`);
  }
  return parseScenario(json, file);
}

/** Runs the command and returns its exit code. */
export async function simulateCommand(file: string, options: SimulateOptions): Promise<number> {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const writeError = options.writeError ?? ((line: string) => process.stderr.write(`${line}\n`));

  const { min, max } = TIME_SCALE_RANGE;
  if (!Number.isFinite(options.timeScale) || options.timeScale < min || options.timeScale > max) {
    writeError(
      `Invalid --time-scale ${String(options.timeScale)}: expected a number from ${min} to ${max}, such as 10.`,
    );
    return SIMULATE_EXIT.invalid;
  }

  let scenario: Scenario;
  try {
    scenario = await loadScenarioFile(file);
  } catch (error) {
    writeError(errorMessage(error));
    return SIMULATE_EXIT.invalid;
  }

  const logger = createScenarioLogger(options.json, write);
  let result: ScenarioResult;
  try {
    result = await runScenario(scenario, {
      timeScale: options.timeScale,
      baseDir: path.dirname(path.resolve(file)),
      file,
      logger,
      emit: (output: ScenarioOutput) => write(JSON.stringify(output)),
    });
  } catch (error) {
    // A config override with a wrong field is an invalid scenario, not a failed one.
    writeError(errorMessage(error));
    return isVorzimmerError(error, 'CONFIG_INVALID') ? SIMULATE_EXIT.invalid : SIMULATE_EXIT.mismatch;
  }

  write(JSON.stringify(result));
  return result.pass ? SIMULATE_EXIT.pass : SIMULATE_EXIT.mismatch;
}

/** With --json the daemon's log records join the output; otherwise only warnings go to standard error. */
function createScenarioLogger(json: boolean, write: (line: string) => void): Logger {
  if (!json)
    return pino(
      { level: process.env.VORZIMMER_LOG_LEVEL ?? 'warn' },
      pino.destination({ fd: 2, sync: true }),
    );
  return pino(
    { level: process.env.VORZIMMER_LOG_LEVEL ?? 'debug', base: { type: 'log' }, timestamp: false },
    { write: (line: string) => write(line.trimEnd()) },
  );
}

function invalidFile(file: string, problem: string): Error {
  return new Error(`Invalid scenario ${file}: the file ${problem}`);
}
