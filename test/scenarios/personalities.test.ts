/**
 * The example scenarios with every simulated personality on the line side and on the phone side:
 * each run pairs a personality on the line with the next one on the phone, so that every chipset
 * is met on both sides. Concurrent at time scale 10, because the runs mostly wait.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadScenarioFile } from '../../src/cli/simulate.js';
import { runScenario } from '../../src/scenario/runner.js';
import { PERSONALITY_NAMES } from '../../src/sim/personalities.js';
import { createSilentLogger } from '../../src/util/log.js';

const folder = path.join(import.meta.dirname, 'examples');
const files = readdirSync(folder).filter((file) => file.endsWith('.json'));
const pairs = PERSONALITY_NAMES.map((line, index) => ({
  line,
  phone: PERSONALITY_NAMES[(index + 1) % PERSONALITY_NAMES.length]!,
}));

describe('example scenarios with each personality on either side', () => {
  it('covers every personality on both sides', () => {
    expect(new Set(pairs.map((pair) => pair.phone))).toEqual(new Set(PERSONALITY_NAMES));
  });

  for (const pair of pairs) {
    for (const file of files) {
      it.concurrent(
        `passes ${file} with line ${pair.line} and phone ${pair.phone}`,
        async () => {
          const scenario = await loadScenarioFile(path.join(folder, file));
          const result = await runScenario(
            { ...scenario, lineModem: pair.line, phoneModem: pair.phone },
            { timeScale: 10, baseDir: folder, file, logger: createSilentLogger(), emit: () => undefined },
          );

          expect(result.failures).toEqual([]);
          expect(result.mismatches).toEqual([]);
        },
        120_000,
      );
    }
  }
});
