/**
 * Start-up to ready: from building the daemon (stores, prompts, both modems' set-up) to idle with
 * the relay holding the desk phone, against the in-process modem simulators at time scale 1.
 * Target: under 3 s on a Raspberry Pi 3, which is roughly ten times slower than this machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseConfig } from '../../config/load.js';
import { composeDaemon } from '../../daemon/compose.js';
import { SIM_LINE_PATH, SIM_PHONE_PATH, ScenarioWorld } from '../../scenario/world.js';
import { createClock } from '../../util/clock.js';
import { createSilentLogger } from '../../util/log.js';
import type { BenchFigure } from '../run.js';

export const name = 'startup';

const RUNS = 5;
/** Assumed slowdown of a Raspberry Pi 3 against this machine, an estimate. */
const PI_SLOWDOWN = 10;
const TARGET_MS = 3000;

export async function run(): Promise<BenchFigure[]> {
  const times: number[] = [];
  for (let attempt = 0; attempt < RUNS; attempt++) times.push(await measureOnce());
  times.sort((a, b) => a - b);
  const median = medianOf(times);
  const loadMs = medianOf(Array.from({ length: RUNS }, () => measureProcessLoad()));
  const total = median + loadMs;

  return [
    { name: 'process start and module load, median of 5', value: loadMs, unit: 'ms' },
    { name: 'daemon start-up to ready, median of 5', value: median, unit: 'ms' },
    {
      name: 'estimated start-up on a Raspberry Pi 3 (10x both)',
      value: total * PI_SLOWDOWN,
      unit: 'ms',
      target: `< ${TARGET_MS} ms`,
      ok: total * PI_SLOWDOWN < TARGET_MS,
    },
  ];
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Starts a Node process that loads the daemon's modules and exits, as `vorzimmer run` does before it starts. */
function measureProcessLoad(): number {
  const compose = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../daemon/compose.js');
  const started = performance.now();
  execFileSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(compose)});`]);
  return performance.now() - started;
}

async function measureOnce(): Promise<number> {
  const clock = createClock(1);
  const logger = createSilentLogger();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vorzimmer-bench-startup-'));
  const world = new ScenarioWorld(clock, {
    region: 'DE',
    lineModem: 'conexant',
    phoneModem: 'conexant',
    logger,
  });
  const config = parseConfig(
    { dataDir, modems: { line: { path: SIM_LINE_PATH }, phone: { path: SIM_PHONE_PATH } } },
    'bench',
  );

  const started = performance.now();
  const composition = await composeDaemon(config, {
    clock,
    logger,
    binding: world.registry.binding,
    board: world.board,
  });
  await composition.daemon.start();
  const elapsed = performance.now() - started;

  await composition.daemon.stop();
  world.dispose();
  await rm(dataDir, { recursive: true, force: true });
  return elapsed;
}
