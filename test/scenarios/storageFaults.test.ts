/**
 * Storage faults during whole calls, through the real daemon on simulated hardware: a damaged or
 * empty lists file with a good backup, a lists file with no usable copy, and a full disk while a
 * message or a call-log line is written. Writes fail through a wrapper of node:fs/promises.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { loadScenarioFile } from '../../src/cli/simulate.js';
import type { CallRecord } from '../../src/storage/callLog.js';
import { ListStore } from '../../src/storage/lists.js';
import { runScenario } from '../../src/scenario/runner.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { createSilentLogger } from '../../src/util/log.js';
import { clearWriteFaults, injectWriteFault } from '../unit/storage/faultyFs.js';
import { captureLogger, LOG_LEVEL, makeTempDir } from '../unit/storage/testSupport.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const { withWriteFaults } = await import('../unit/storage/faultyFs.js');
  return withWriteFaults(await importOriginal<typeof import('node:fs/promises')>());
});

const rules = path.join(import.meta.dirname, 'rules');
const TIME_SCALE = 10;

let dataDir: string;
let cleanUp: () => Promise<void>;

beforeEach(async () => {
  ({ dir: dataDir, cleanUp } = await makeTempDir());
});

afterEach(async () => {
  clearWriteFaults();
  await cleanUp();
});

function load(name: string): Promise<Scenario> {
  return loadScenarioFile(path.join(rules, name));
}

/** Stores Anna on the allowlist twice, so that lists.json and its backup lists.json.bak are both good. */
async function storeContactWithBackup(): Promise<void> {
  const store = await ListStore.open({ dataDir, context: { region: 'DE' }, logger: createSilentLogger() });
  await store.add('allow', '030 5550123', 'Anna', 'console');
  await store.add('allow', '030 5550123', 'Anna Berger', 'console');
}

describe('damaged lists file during a call', () => {
  it.each([
    { damage: 'damaged', content: '{"version": 1, "allow": [' },
    { damage: 'empty', content: '' },
  ])(
    'recovers a contact from the backup of an $damage file',
    async ({ content }) => {
      await storeContactWithBackup();
      await writeFile(path.join(dataDir, 'lists.json'), content);
      const { logger, entries } = captureLogger();

      const result = await runScenario(await load('rule-allowlist-rings-through.json'), {
        timeScale: TIME_SCALE,
        baseDir: rules,
        logger,
        emit: () => undefined,
        dataDir,
        useStoredLists: true,
      });

      expect(result.failures).toEqual([]);
      expect(result.decision).toBe('allow');
      expect(entries.some((entry) => entry.msg === 'Recovered data file from its backup')).toBe(true);
    },
    60_000,
  );

  it('refuses to start with empty lists when no copy is usable', async () => {
    await writeFile(path.join(dataDir, 'lists.json'), 'not json');

    const run = runScenario(await load('rule-allowlist-rings-through.json'), {
      timeScale: TIME_SCALE,
      baseDir: rules,
      logger: createSilentLogger(),
      emit: () => undefined,
      dataDir,
      useStoredLists: true,
    });

    await expect(run).rejects.toThrow(path.join(dataDir, 'lists.json'));
  }, 60_000);
});

describe('full disk during a call', () => {
  it('keeps the message in memory when its file cannot be written', async () => {
    injectWriteFault('ENOSPC', '.wav.tmp');
    const { logger, entries } = captureLogger();

    const result = await runScenario(await load('rule-unavailable-voicemail.json'), {
      timeScale: TIME_SCALE,
      baseDir: rules,
      logger,
      emit: () => undefined,
      dataDir,
    });

    expect(result.failures).toEqual([]);
    expect(result.outcome).toBe('voicemail');
    expect(result.notes.join(' ')).toMatch(/the disk is full.*kept in memory/);
    expect(
      entries.some((entry) => entry.level === LOG_LEVEL.error && entry.msg === 'saving voicemail failed'),
    ).toBe(true);
  }, 60_000);

  it('finishes the call when the call log cannot be written', async () => {
    injectWriteFault('ENOSPC', 'calls.jsonl');
    const { logger, entries } = captureLogger();
    const records: CallRecord[] = [];

    const result = await runScenario(await load('rule-exact-block-beats-allow-prefix.json'), {
      timeScale: TIME_SCALE,
      baseDir: rules,
      logger,
      emit: (output) => {
        if (output.type === 'call') records.push(output.record);
      },
      dataDir,
    });

    expect(result.failures).toEqual([]);
    expect(result.pass).toBe(true);
    expect(records).toHaveLength(1);
    expect(entries.some((entry) => entry.msg === 'writing the call log failed')).toBe(true);
  }, 60_000);
});
