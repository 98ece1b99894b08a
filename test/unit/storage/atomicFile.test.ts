import { readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Low } from 'lowdb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

import { AtomicJsonFile } from '../../../src/storage/atomicFile.js';
import { isVorzimmerError } from '../../../src/util/errors.js';
import { clearWriteFaults, injectWriteFault } from './faultyFs.js';
import { captureLogger, LOG_LEVEL, makeTempDir, type LogEntry } from './testSupport.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const { withWriteFaults } = await import('./faultyFs.js');
  return withWriteFaults(await importOriginal<typeof import('node:fs/promises')>());
});

const counterSchema = z.strictObject({ count: z.number().int() });
type Counter = z.infer<typeof counterSchema>;

let dir: string;
let cleanUp: () => Promise<void>;
let path: string;
let logs: LogEntry[];

function openFile(): AtomicJsonFile<Counter> {
  const { logger, entries } = captureLogger();
  logs = entries;
  return new AtomicJsonFile({ path, schema: counterSchema, logger });
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}

/** Writes the counts in order through one file object, as a running daemon would. */
async function writeCounts(...counts: number[]): Promise<void> {
  const file = openFile();
  for (const count of counts) await file.write({ count });
}

async function readError(file: AtomicJsonFile<Counter>): Promise<Error> {
  try {
    await file.read();
  } catch (error) {
    return error as Error;
  }
  throw new Error('read() resolved instead of rejecting');
}

async function writeError(file: AtomicJsonFile<Counter>, value: Counter): Promise<Error> {
  try {
    await file.write(value);
  } catch (error) {
    return error as Error;
  }
  throw new Error('write() resolved instead of rejecting');
}

beforeEach(async () => {
  ({ dir, cleanUp } = await makeTempDir());
  path = join(dir, 'data.json');
});

afterEach(async () => {
  clearWriteFaults();
  await cleanUp();
});

describe('AtomicJsonFile writing', () => {
  it('returns null on first start', async () => {
    expect(await openFile().read()).toBeNull();
  });

  it('reads back what it wrote', async () => {
    await writeCounts(7);

    expect(await openFile().read()).toEqual({ count: 7 });
  });

  it('keeps previous version as backup', async () => {
    await writeCounts(1, 2);

    expect(await readJson(path)).toEqual({ count: 2 });
    expect(await readJson(`${path}.bak`)).toEqual({ count: 1 });
  });

  it('leaves no temporary files behind', async () => {
    await writeCounts(1, 2, 3);

    expect((await readdir(dir)).sort()).toEqual(['data.json', 'data.json.bak']);
  });

  it('creates files readable by owner only', async () => {
    await writeCounts(1, 2);

    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(`${path}.bak`)).mode & 0o777).toBe(0o600);
  });

  it('keeps every one of concurrent writes', async () => {
    const file = openFile();

    await Promise.all(Array.from({ length: 20 }, (_, count) => file.write({ count })));

    expect(await readJson(path)).toEqual({ count: 19 });
    expect(await readJson(`${path}.bak`)).toEqual({ count: 18 });
  });

  it('writes after the file disappeared', async () => {
    const file = openFile();
    await file.write({ count: 1 });
    await unlink(path);

    await file.write({ count: 2 });

    expect(await readJson(path)).toEqual({ count: 2 });
  });

  it('serves as a lowdb adapter', async () => {
    const db = new Low<Counter>(openFile(), { count: 0 });
    await db.read();
    db.data.count += 5;
    await db.write();

    const again = new Low<Counter>(openFile(), { count: 0 });
    await again.read();
    expect(again.data).toEqual({ count: 5 });
  });
});

describe('AtomicJsonFile recovery', () => {
  it.each([
    { damage: 'empty file', content: '' },
    { damage: 'cut-off JSON', content: '{"count": 2' },
    { damage: 'wrong content', content: '{"count": "two"}' },
    { damage: 'binary garbage', content: '\u0000\u0000\u0000' },
  ])('recovers from $damage using the backup', async ({ content }) => {
    await writeCounts(1, 2);
    await writeFile(path, content);

    const value = await openFile().read();

    expect(value).toEqual({ count: 1 });
    expect(logs.some((entry) => entry.level === LOG_LEVEL.error && entry.path === path)).toBe(true);
    expect(logs.some((entry) => entry.level === LOG_LEVEL.warn && /Recovered/.test(entry.msg))).toBe(true);
  });

  it('keeps a copy of a damaged file', async () => {
    await writeCounts(1, 2);
    await writeFile(path, '{"count": 2');

    await openFile().read();

    expect(await readFile(`${path}.damaged`, 'utf8')).toBe('{"count": 2');
  });

  it('recovers a missing file from its backup', async () => {
    await writeCounts(1, 2);
    await unlink(path);

    expect(await openFile().read()).toEqual({ count: 1 });
  });

  it('never makes a damaged file the backup', async () => {
    await writeCounts(1, 2);
    await writeFile(path, 'not json');

    const file = openFile();
    await file.read();
    await file.write({ count: 3 });

    expect(await readJson(`${path}.bak`)).toEqual({ count: 1 });
    expect(await readJson(path)).toEqual({ count: 3 });
  });

  it('validates an unread file before backing it up', async () => {
    await writeCounts(1);
    await writeFile(path, 'not json');

    await openFile().write({ count: 2 });

    expect(await readdir(dir)).not.toContain('data.json.bak');
  });

  it('rejects when file and backup are damaged', async () => {
    await writeCounts(1, 2);
    await writeFile(path, '');
    await writeFile(`${path}.bak`, '{');

    const error = await readError(openFile());

    expect(isVorzimmerError(error, 'STORAGE_FAILED')).toBe(true);
    expect(error.message).toContain(path);
    expect(error.message).toContain(`${path}.bak`);
    expect(error.message).toContain('the file is empty');
  });

  it('rejects a damaged file without backup', async () => {
    await writeFile(path, '{"count": 1');

    const error = await readError(openFile());

    expect(isVorzimmerError(error, 'STORAGE_FAILED')).toBe(true);
    expect(error.message).toContain('missing');
  });
});

describe('AtomicJsonFile write failures', () => {
  it.each([
    { code: 'ENOSPC', wording: 'the disk is full' },
    { code: 'EDQUOT', wording: 'the disk is full' },
    { code: 'EROFS', wording: 'read-only' },
  ])('reports $code and keeps the old file', async ({ code, wording }) => {
    await writeCounts(1);
    const file = openFile();
    injectWriteFault(code, 'data.json.tmp', 3);

    const error = await writeError(file, { count: 2 });

    expect(isVorzimmerError(error, 'STORAGE_FAILED')).toBe(true);
    expect(error.message).toContain(wording);
    expect(error.message).toContain('untouched');
    expect(await readJson(path)).toEqual({ count: 1 });
    expect(await readdir(dir)).not.toContain('data.json.tmp');
  });

  it('writes again once space is free', async () => {
    await writeCounts(1);
    const file = openFile();
    injectWriteFault('ENOSPC', 'data.json.tmp');
    await writeError(file, { count: 2 });
    clearWriteFaults();

    await file.write({ count: 3 });

    expect(await readJson(path)).toEqual({ count: 3 });
    expect(await readJson(`${path}.bak`)).toEqual({ count: 1 });
  });
});
