/**
 * Console commands inside scenarios: a change made at the console decides the very next call,
 * also when it is made while a call is in progress.
 */
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadScenarioFile } from '../../src/cli/simulate.js';
import { runScenario, type ScenarioOutput } from '../../src/scenario/runner.js';
import type { CallRecord } from '../../src/storage/callLog.js';
import { createSilentLogger } from '../../src/util/log.js';
import { describeScenarioFolder } from '../helpers/scenarioFolder.js';

const folder = path.join(import.meta.dirname, 'console');

describeScenarioFolder(folder, 10);

describe('console change during a call', () => {
  it('blocks the next call, not the current one', async () => {
    const scenario = await loadScenarioFile(path.join(folder, 'us-console-block-during-call.json'));
    const records: CallRecord[] = [];
    const consoleOutput: string[] = [];
    const emit = (output: ScenarioOutput): void => {
      if (output.type === 'call') records.push(output.record);
      if (output.type === 'console') consoleOutput.push(output.output);
    };

    const result = await runScenario(scenario, {
      timeScale: 10,
      baseDir: folder,
      logger: createSilentLogger(),
      emit,
    });

    expect(result.pass).toBe(true);
    expect(consoleOutput[0]).toContain('to the blocklist');
    expect(records).toHaveLength(2);
    expect(records[0]?.outcome).toBe('connected');
    expect(records[1]?.decision).toBe('block');
    expect(records[1]?.rule).toBe('blocklist');
    expect(records[1]?.deskRang).toBe(false);
  }, 60_000);
});
