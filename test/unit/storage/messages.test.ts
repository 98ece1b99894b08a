import { readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { MessageStore, type MessageInfo } from '../../../src/storage/messages.js';
import { isVorzimmerError } from '../../../src/util/errors.js';
import { clearWriteFaults, injectWriteFault } from './faultyFs.js';
import { captureLogger, LOG_LEVEL, makeTempDir, makeWav, type LogEntry } from './testSupport.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const { withWriteFaults } = await import('./faultyFs.js');
  return withWriteFaults(await importOriginal<typeof import('node:fs/promises')>());
});

let dataDir: string;
let folder: string;
let cleanUp: () => Promise<void>;
let logs: LogEntry[];

function openStore(): Promise<MessageStore> {
  const { logger, entries } = captureLogger();
  logs = entries;
  return MessageStore.open({ dataDir, logger });
}

function details(callId: string, receivedAt: string): Omit<MessageInfo, 'id' | 'file' | 'heard'> {
  return { receivedAt, number: '+49895550177', name: null, durationMs: 1000, callId };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('the promise resolved instead of rejecting');
}

beforeEach(async () => {
  ({ dir: dataDir, cleanUp } = await makeTempDir());
  folder = join(dataDir, 'messages');
});

afterEach(async () => {
  clearWriteFaults();
  await cleanUp();
});

describe('MessageStore saving', () => {
  it('writes the recording owner-only', async () => {
    const store = await openStore();
    const wav = makeWav(500);

    const info = await store.save(wav, details('call-1', '2024-12-04T10:00:00.000Z'));

    expect(await readFile(info.file)).toEqual(wav);
    expect((await stat(info.file)).mode & 0o777).toBe(0o600);
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
  });

  it('keeps the message after reopening', async () => {
    const store = await openStore();
    const info = await store.save(makeWav(500), details('call-1', '2024-12-04T10:00:00.000Z'));

    const reopened = await openStore();

    expect(reopened.list()).toEqual([info]);
  });

  it('lists the newest message first', async () => {
    const store = await openStore();
    await store.save(makeWav(100), details('call-1', '2024-12-04T10:00:00.000Z'));
    await store.save(makeWav(100), details('call-3', '2024-12-04T12:00:00.000Z'));
    await store.save(makeWav(100), details('call-2', '2024-12-04T11:00:00.000Z'));

    expect(store.list().map((message) => message.callId)).toEqual(['call-3', 'call-2', 'call-1']);
  });

  it('tells listeners about a new message', async () => {
    const store = await openStore();
    const listener = vi.fn();
    store.onChange(listener);

    await store.save(makeWav(100), details('call-1', '2024-12-04T10:00:00.000Z'));

    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('MessageStore heard and deleted', () => {
  it('persists the heard flag', async () => {
    const store = await openStore();
    const info = await store.save(makeWav(100), details('call-1', '2024-12-04T10:00:00.000Z'));
    expect(store.unheardCount()).toBe(1);

    await store.markHeard(info.id);
    const reopened = await openStore();

    expect(store.unheardCount()).toBe(0);
    expect(reopened.list()[0]?.heard).toBe(true);
  });

  it('deletes the file and the entry', async () => {
    const store = await openStore();
    const info = await store.save(makeWav(100), details('call-1', '2024-12-04T10:00:00.000Z'));

    await store.delete(info.id);
    const reopened = await openStore();

    expect(store.list()).toEqual([]);
    expect(await readdir(folder)).not.toContain(`${info.id}.wav`);
    expect(reopened.list()).toEqual([]);
  });

  it.each(['markHeard', 'delete'] as const)('%s rejects an unknown id', async (operation) => {
    const store = await openStore();

    const error = await rejection(store[operation]('no-such-message'));

    expect(isVorzimmerError(error, 'STORAGE_FAILED')).toBe(true);
    expect(error.message).toContain('"no-such-message"');
  });
});

describe('MessageStore repair at start', () => {
  it('adds back a WAV file missing from the index', async () => {
    const store = await openStore();
    await store.save(makeWav(100), details('call-1', '2024-12-04T10:00:00.000Z'));
    await writeFile(join(folder, '20241204-110000-abcdef.wav'), makeWav(1500));

    const reopened = await openStore();
    const found = reopened.list().find((message) => message.id === '20241204-110000-abcdef');

    expect(reopened.list()).toHaveLength(2);
    expect(found?.durationMs).toBe(1500);
    expect(found?.heard).toBe(false);
    expect(logs.some((entry) => entry.level === LOG_LEVEL.warn && /did not list/.test(entry.msg))).toBe(true);
  });

  it('measures a recording cut short', async () => {
    await openStore();
    await writeFile(join(folder, 'cut.wav'), makeWav(2000).subarray(0, 44 + 8000));

    const reopened = await openStore();

    expect(reopened.list()[0]?.durationMs).toBe(1000);
  });

  it('recovers a recording left under its temporary name', async () => {
    await openStore();
    await writeFile(join(folder, 'interrupted.wav.tmp'), makeWav(500));

    const reopened = await openStore();

    expect(reopened.list().map((message) => message.id)).toEqual(['interrupted']);
    expect(await readdir(folder)).toContain('interrupted.wav');
  });

  it('drops an entry whose file is gone', async () => {
    const store = await openStore();
    const info = await store.save(makeWav(100), details('call-1', '2024-12-04T10:00:00.000Z'));
    await unlink(info.file);

    const reopened = await openStore();

    expect(reopened.list()).toEqual([]);
  });

  it('recovers the index from its backup', async () => {
    const store = await openStore();
    const first = await store.save(makeWav(100), details('call-1', '2024-12-04T10:00:00.000Z'));
    await store.markHeard(first.id);
    await writeFile(join(folder, 'index.json'), '{"version":1,"messages":[');

    const reopened = await openStore();

    // The backup is the index before markHeard, so the message comes back unheard but with its caller.
    expect(reopened.list()[0]?.callId).toBe('call-1');
    expect(reopened.list()[0]?.heard).toBe(false);
  });
});

describe('MessageStore on a full disk', () => {
  it('reports full disk, keeps recording', async () => {
    const store = await openStore();
    injectWriteFault('ENOSPC', '.wav.tmp', 100);

    const error = await rejection(store.save(makeWav(300), details('call-1', '2024-12-04T10:00:00.000Z')));

    expect(isVorzimmerError(error, 'STORAGE_FAILED')).toBe(true);
    expect(error.message).toContain('the disk is full');
    expect(error.message).toContain('kept in memory');
    expect(store.pendingCount).toBe(1);
    expect(store.list()).toEqual([]);
    expect(await readdir(folder)).toEqual([]);
  });

  it('writes the kept recording with the next save', async () => {
    const store = await openStore();
    injectWriteFault('ENOSPC', '.wav.tmp');
    await rejection(store.save(makeWav(300), details('call-1', '2024-12-04T10:00:00.000Z')));
    clearWriteFaults();

    await store.save(makeWav(300), details('call-2', '2024-12-04T11:00:00.000Z'));
    const reopened = await openStore();

    expect(store.pendingCount).toBe(0);
    expect(reopened.list().map((message) => message.callId)).toEqual(['call-2', 'call-1']);
  });

  it('writes the kept recording on retry', async () => {
    const store = await openStore();
    injectWriteFault('ENOSPC', '.wav.tmp');
    await rejection(store.save(makeWav(300), details('call-1', '2024-12-04T10:00:00.000Z')));
    clearWriteFaults();

    expect(await store.retryPending()).toBe(1);
    expect(store.list().map((message) => message.callId)).toEqual(['call-1']);
  });

  it('returns a saved message when only the index fails', async () => {
    const store = await openStore();
    injectWriteFault('ENOSPC', 'index.json.tmp');

    const info = await store.save(makeWav(300), details('call-1', '2024-12-04T10:00:00.000Z'));
    clearWriteFaults();
    const reopened = await openStore();

    expect(store.list().map((message) => message.id)).toEqual([info.id]);
    expect(reopened.list().map((message) => message.id)).toEqual([info.id]);
  });
});
