/**
 * The example scenarios (built from real modem transcripts) through the real daemon on simulated
 * hardware, at time scale 10. CI runs them at scale 1 through the command line as well.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadScenarioFile } from '../../src/cli/simulate.js';
import { runScenario } from '../../src/scenario/runner.js';
import { createSilentLogger } from '../../src/util/log.js';

const folder = path.join(import.meta.dirname, 'examples');
const files = readdirSync(folder).filter((file) => file.endsWith('.json'));

describe('example scenarios at time scale 10', () => {
  it('finds the examples', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  for (const file of files) {
    it(`passes ${file}`, async () => {
      const scenario = await loadScenarioFile(path.join(folder, file));
      const result = await runScenario(scenario, {
        timeScale: 10,
        baseDir: folder,
        file,
        logger: createSilentLogger(),
        emit: () => undefined,
      });

      expect(result.failures).toEqual([]);
      expect(result.mismatches).toEqual([]);
      expect(result.pass).toBe(true);
    }, 60_000);
  }
});
