import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { CallLog } from '../../../src/storage/callLog.js';
import { isVorzimmerError } from '../../../src/util/errors.js';
import { clearWriteFaults, injectWriteFault } from './faultyFs.js';
import { captureLogger, LOG_LEVEL, makeCallRecord, makeTempDir, type LogEntry } from './testSupport.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const { withWriteFaults } = await import('./faultyFs.js');
  return withWriteFaults(await importOriginal<typeof import('node:fs/promises')>());
});

let dataDir: string;
let cleanUp: () => Promise<void>;
let logs: LogEntry[];

function openLog(maxEntries = 1000): Promise<CallLog> {
  const { logger, entries } = captureLogger();
  logs = entries;
  return CallLog.open({ dataDir, maxEntries, logger });
}

async function appendCalls(log: CallLog, first: number, last: number): Promise<void> {
  for (let id = first; id <= last; id += 1) await log.append(makeCallRecord(`call-${id}`));
}

function ids(records: { id: string }[]): string[] {
  return records.map((record) => record.id);
}

function warnings(): LogEntry[] {
  return logs.filter((entry) => entry.level === LOG_LEVEL.warn);
}

beforeEach(async () => {
  ({ dir: dataDir, cleanUp } = await makeTempDir());
});

afterEach(async () => {
  clearWriteFaults();
  await cleanUp();
});

describe('CallLog appending', () => {
  it('returns recent calls newest first', async () => {
    const log = await openLog();
    await appendCalls(log, 1, 5);

    expect(ids(await log.recent(3))).toEqual(['call-5', 'call-4', 'call-3']);
  });

  it('returns nothing from an empty log', async () => {
    const log = await openLog();

    expect(await log.recent(10)).toEqual([]);
    expect(log.size).toBe(0);
  });

  it('writes the same bytes whatever its length', async () => {
    const log = await openLog(100_000);
    const path = join(dataDir, 'calls.jsonl');
    const lineBytes = Buffer.byteLength(`${JSON.stringify(makeCallRecord('call-x'))}\n`);

    await appendCalls(log, 1, 1);
    const small = (await stat(path)).size;
    await log.append(makeCallRecord('call-x'));
    const smallGrowth = (await stat(path)).size - small;

    await appendCalls(log, 2, 2000);
    const large = (await stat(path)).size;
    await log.append(makeCallRecord('call-x'));
    const largeGrowth = (await stat(path)).size - large;

    expect(smallGrowth).toBe(lineBytes);
    expect(largeGrowth).toBe(lineBytes);
  });

  it('keeps every one of concurrent appends', async () => {
    const log = await openLog();

    await Promise.all(Array.from({ length: 50 }, (_, id) => log.append(makeCallRecord(`call-${id}`))));

    expect(new Set(ids(await log.recent(100))).size).toBe(50);
  });

  it('counts lines again after reopening', async () => {
    await appendCalls(await openLog(), 1, 7);

    expect((await openLog()).size).toBe(7);
  });

  it('creates the log readable by owner only', async () => {
    await appendCalls(await openLog(), 1, 1);

    expect((await stat(join(dataDir, 'calls.jsonl'))).mode & 0o777).toBe(0o600);
  });
});

describe('CallLog rotation', () => {
  it('rotates at half of maxEntries', async () => {
    const log = await openLog(10);

    await appendCalls(log, 1, 12);

    expect((await readFile(join(dataDir, 'calls.1.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(5);
    expect((await readFile(join(dataDir, 'calls.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(2);
    expect(log.size).toBe(7);
  });

  it('reads recent calls across both files', async () => {
    const log = await openLog(10);
    await appendCalls(log, 1, 12);

    expect(ids(await log.recent(100))).toEqual([
      'call-12',
      'call-11',
      'call-10',
      'call-9',
      'call-8',
      'call-7',
      'call-6',
    ]);
  });

  it('keeps between half and all of maxEntries', async () => {
    const log = await openLog(100);

    for (let calls = 1; calls <= 400; calls += 1) {
      await log.append(makeCallRecord(`call-${calls}`));
      if (calls >= 100) expect(log.size).toBeGreaterThanOrEqual(50);
      expect(log.size).toBeLessThanOrEqual(100);
    }
  });
});

describe('CallLog damage', () => {
  it('skips a cut-off last line', async () => {
    await appendCalls(await openLog(), 1, 3);
    await appendFile(join(dataDir, 'calls.jsonl'), '{"id":"call-4","startedAt":"2024');

    const log = await openLog();

    expect(warnings().some((entry) => /cut-off line/.test(entry.msg))).toBe(true);
    expect(ids(await log.recent(10))).toEqual(['call-3', 'call-2', 'call-1']);
  });

  it('starts a new line after a cut-off line', async () => {
    await appendCalls(await openLog(), 1, 3);
    await appendFile(join(dataDir, 'calls.jsonl'), '{"id":"call-4","startedAt":"2024');
    const log = await openLog();

    await appendCalls(log, 5, 5);

    expect(ids(await log.recent(10))).toEqual(['call-5', 'call-3', 'call-2', 'call-1']);
  });

  it('skips damaged lines and logs once', async () => {
    const path = join(dataDir, 'calls.jsonl');
    const good = (id: string): string => `${JSON.stringify(makeCallRecord(id))}\n`;
    await writeFile(path, `${good('call-1')}garbage\n{"id": 3}\n${good('call-2')}`);
    const log = await openLog();

    const records = await log.recent(10);

    expect(ids(records)).toEqual(['call-2', 'call-1']);
    expect(warnings().filter((entry) => entry.skipped === 2)).toHaveLength(1);
  });

  it('fills recent calls past damaged lines', async () => {
    const path = join(dataDir, 'calls.jsonl');
    const good = (id: string): string => `${JSON.stringify(makeCallRecord(id))}\n`;
    await writeFile(path, `${good('call-1')}${good('call-2')}garbage\n${good('call-3')}`);
    const log = await openLog();

    expect(ids(await log.recent(3))).toEqual(['call-3', 'call-2', 'call-1']);
  });

  it('reads only the end of a long log', async () => {
    // Damaged lines at the start would be logged as skipped if recent() parsed the whole file.
    const garbage = 'garbage line that is not JSON\n'.repeat(20_000);
    const good = Array.from(
      { length: 10 },
      (_, id) => `${JSON.stringify(makeCallRecord(`call-${id}`))}\n`,
    ).join('');
    await writeFile(join(dataDir, 'calls.jsonl'), garbage + good);
    const log = await openLog();

    const records = await log.recent(5);

    expect(ids(records)).toEqual(['call-9', 'call-8', 'call-7', 'call-6', 'call-5']);
    expect(warnings()).toEqual([]);
  });

  it('reports a full disk and keeps earlier records', async () => {
    const log = await openLog();
    await appendCalls(log, 1, 2);
    injectWriteFault('ENOSPC', 'calls.jsonl', 20);

    let error: unknown;
    await log.append(makeCallRecord('call-3')).catch((caught: unknown) => (error = caught));
    clearWriteFaults();
    await appendCalls(log, 4, 4);

    expect(isVorzimmerError(error, 'STORAGE_FAILED')).toBe(true);
    expect((error as Error).message).toContain('the disk is full');
    expect(ids(await log.recent(10))).toEqual(['call-4', 'call-2', 'call-1']);
  });
});
