/**
 * The rule scenarios in test/scenarios/rules: one per policy rule, block action, desk key, timeout
 * and voicemail ending, through the real daemon on simulated hardware. All run at time scale 10
 * and again at scale 1, because the outcome must not depend on the scale. The scenarios run
 * concurrently: each has its own clock, simulators and data folder, and at scale 1 they mostly wait.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadScenarioFile } from '../../src/cli/simulate.js';
import { runScenario } from '../../src/scenario/runner.js';
import type { ScenarioResult } from '../../src/scenario/result.js';
import { createSilentLogger } from '../../src/util/log.js';

const folder = path.join(import.meta.dirname, 'rules');
const files = readdirSync(folder)
  .filter((file) => file.endsWith('.json'))
  .sort();

async function run(file: string, timeScale: number): Promise<ScenarioResult> {
  const scenario = await loadScenarioFile(path.join(folder, file));
  return runScenario(scenario, {
    timeScale,
    baseDir: folder,
    file,
    logger: createSilentLogger(),
    emit: () => undefined,
  });
}

describe('rule scenarios', () => {
  it('finds the scenarios', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });
});

describe.concurrent('rule scenarios at time scale 10', () => {
  for (const file of files) {
    it(`passes ${file}`, async () => {
      const result = await run(file, 10);

      expect(result.failures).toEqual([]);
      expect(result.mismatches).toEqual([]);
      expect(result.pass).toBe(true);
    }, 120_000);
  }
});

describe.concurrent('rule scenarios in real time', () => {
  for (const file of files) {
    it(`passes ${file}`, async () => {
      const result = await run(file, 1);

      expect(result.failures).toEqual([]);
      expect(result.mismatches).toEqual([]);
      expect(result.pass).toBe(true);
    }, 180_000);
  }
});
