import { readdirSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadScenarioFile } from '../../src/cli/simulate.js';
import { runScenario } from '../../src/scenario/runner.js';
import { createSilentLogger } from '../../src/util/log.js';

/**
 * Runs every scenario file in `folder` through the real daemon on simulated hardware at
 * `timeScale`. With `concurrent`, the scenarios run at the same time, which suits scale 1: there
 * they mostly wait, so running them one after another would only add up their waiting.
 */
export function describeScenarioFolder(
  folder: string,
  timeScale: number,
  options: { concurrent?: boolean } = {},
): void {
  const files = readdirSync(folder).filter((file) => file.endsWith('.json'));

  describe(`${path.basename(folder)} scenarios at time scale ${timeScale}`, () => {
    it('finds scenario files', () => {
      expect(files.length).toBeGreaterThan(0);
    });

    const test = options.concurrent ? it.concurrent : it;
    for (const file of files) {
      test(`passes ${file}`, async () => {
        const scenario = await loadScenarioFile(path.join(folder, file));
        const result = await runScenario(scenario, {
          timeScale,
          baseDir: folder,
          file,
          logger: createSilentLogger(),
          emit: () => undefined,
        });

        expect(result.failures).toEqual([]);
        expect(result.mismatches).toEqual([]);
        expect(result.pass).toBe(true);
      }, 120_000);
    }
  });
}
