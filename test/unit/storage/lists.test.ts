import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { NumberContext } from '../../../src/policy/numbers.js';
import { ListStore } from '../../../src/storage/lists.js';
import { isVorzimmerError } from '../../../src/util/errors.js';
import { clearWriteFaults, injectWriteFault } from './faultyFs.js';
import { captureLogger, makeTempDir } from './testSupport.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const { withWriteFaults } = await import('./faultyFs.js');
  return withWriteFaults(await importOriginal<typeof import('node:fs/promises')>());
});

const BERLIN: NumberContext = { region: 'DE', areaCode: '030' };
const ANNA = '+49305550123';

let dataDir: string;
let cleanUp: () => Promise<void>;

function openStore(context: NumberContext = BERLIN): Promise<ListStore> {
  return ListStore.open({
    dataDir,
    context,
    logger: captureLogger().logger,
    now: () => new Date('2024-12-04T09:00:00.000Z'),
  });
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
});

afterEach(async () => {
  clearWriteFaults();
  await cleanUp();
});

describe('ListStore changes', () => {
  it('starts empty without a file', async () => {
    const store = await openStore();

    expect(store.snapshot()).toEqual({ allow: [], block: [] });
  });

  it('persists an entry before resolving', async () => {
    const store = await openStore();
    await store.add('allow', '030 5550123', 'Anna Berger', 'console');

    const reopened = await openStore();

    expect(reopened.snapshot().allow.map((entry) => entry.name)).toEqual(['Anna Berger']);
    expect(reopened.snapshot().allow[0]?.pattern).toEqual({ kind: 'exact', e164: ANNA });
  });

  it('updates the name of the same number', async () => {
    const store = await openStore();
    const first = await store.add('allow', '030 5550123', 'Anna', 'console');

    const second = await store.add('allow', '+49 30 5550123', 'Anna Berger', 'desk');

    expect(second.replaced?.id).toBe(first.entry.id);
    expect(second.entry.id).toBe(first.entry.id);
    expect(store.snapshot().allow.map((entry) => entry.name)).toEqual(['Anna Berger']);
  });

  it.each([
    { list: 'allow', other: 'block' },
    { list: 'block', other: 'allow' },
  ] as const)('moves a number to the $list list', async ({ list, other }) => {
    const store = await openStore();
    await store.add(other, '030 5550123', 'Anna', 'console');

    const result = await store.add(list, '5550123', 'Anna', 'desk');

    expect(result.movedFrom).toBe(other);
    expect(result.replaced).toBeNull();
    expect(store.snapshot()[other]).toEqual([]);
    expect(store.snapshot()[list]).toHaveLength(1);
  });

  it('keeps an exact entry beside a prefix', async () => {
    const store = await openStore();
    await store.add('allow', '030 5550123', 'Anna', 'console');

    const result = await store.add('block', '030*', 'Berlin', 'console');

    expect(result.movedFrom).toBeNull();
    expect(store.snapshot().allow).toHaveLength(1);
  });

  it('removes a pattern from both lists', async () => {
    const store = await openStore();
    await store.replaceAll(
      { allow: [{ number: '030 5550123', name: 'Anna' }], block: [{ number: ANNA, name: 'x' }] },
      'config',
    );

    const removed = await store.remove('+49 30 5550123');

    expect(removed.map((entry) => entry.list).sort()).toEqual(['allow', 'block']);
    expect(store.snapshot()).toEqual({ allow: [], block: [] });
  });

  it('removes nothing for an unknown number', async () => {
    const store = await openStore();
    await store.add('block', '0900*', 'Premium', 'console');

    expect(await store.remove('0900 123456')).toEqual([]);
    expect(store.snapshot().block).toHaveLength(1);
  });

  it('rejects an invalid number', async () => {
    const store = await openStore();

    const error = await rejection(store.add('block', '0900 premium', 'x', 'console'));

    expect(isVorzimmerError(error, 'NUMBER_INVALID')).toBe(true);
    expect(store.snapshot().block).toEqual([]);
  });

  it('keeps both of two quick adds', async () => {
    const store = await openStore();

    await Promise.all([
      store.add('allow', '030 5550123', 'Anna', 'console'),
      store.add('block', '0900*', 'Premium', 'console'),
      store.add('allow', '089 5550177', 'Ben', 'console'),
    ]);
    const reopened = await openStore();

    expect(
      reopened
        .snapshot()
        .allow.map((entry) => entry.name)
        .sort(),
    ).toEqual(['Anna', 'Ben']);
    expect(reopened.snapshot().block.map((entry) => entry.name)).toEqual(['Premium']);
  });

  it('stores patterns independent of area code', async () => {
    const store = await openStore();
    await store.add('allow', '5550123', 'Anna', 'console');

    const reopened = await openStore({ region: 'DE', areaCode: '089' });

    expect(reopened.snapshot().allow[0]?.pattern).toEqual({ kind: 'exact', e164: ANNA });
  });
});

describe('ListStore views', () => {
  it('rebuilds the index after a change', async () => {
    const store = await openStore();
    expect(store.index().bestMatch('block', '+499001234567')).toBeNull();

    await store.add('block', '0900*', 'Premium', 'console');

    expect(store.index().bestMatch('block', '+499001234567')?.name).toBe('Premium');
  });

  it('never changes a returned snapshot', async () => {
    const store = await openStore();
    const before = store.snapshot();

    await store.add('allow', '030 5550123', 'Anna', 'console');

    expect(before.allow).toHaveLength(0);
    expect(Object.isFrozen(before.allow)).toBe(true);
  });

  it('tells listeners after each change', async () => {
    const store = await openStore();
    const listener = vi.fn();
    const stop = store.onChange(listener);

    await store.add('allow', '030 5550123', 'Anna', 'console');
    stop();
    await store.remove('030 5550123');

    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('ListStore replaceAll', () => {
  it('seeds lists written as people type them', async () => {
    const store = await openStore();

    await store.replaceAll({ allow: [{ number: '+49 30 5550123', name: 'Anna Berger' }] }, 'config');

    expect(store.index().bestMatch('allow', ANNA)?.name).toBe('Anna Berger');
    expect(store.snapshot().block).toEqual([]);
  });

  it('seeds a US prefix', async () => {
    const store = await openStore({ region: 'US' });

    await store.replaceAll({ block: [{ number: '876*', name: 'Jamaica scam calls' }] }, 'config');

    expect(store.index().bestMatch('block', '+18765550142')?.name).toBe('Jamaica scam calls');
  });

  it('keeps the last name of a repeated number', async () => {
    const store = await openStore();

    await store.replaceAll(
      {
        allow: [
          { number: '030 5550123', name: 'Anna' },
          { number: ANNA, name: 'Anna B.' },
        ],
      },
      'config',
    );

    expect(store.snapshot().allow.map((entry) => entry.name)).toEqual(['Anna B.']);
  });

  it('names the invalid entry and changes nothing', async () => {
    const store = await openStore();
    await store.add('allow', '030 5550123', 'Anna', 'console');

    const error = await rejection(
      store.replaceAll(
        {
          block: [
            { number: '0900*', name: 'Premium' },
            { number: '12*3', name: 'Typo' },
          ],
        },
        'config',
      ),
    );

    expect(isVorzimmerError(error, 'NUMBER_INVALID')).toBe(true);
    expect(error.message).toContain('Entry 2 of the blocklist ("12*3", name "Typo")');
    expect(store.snapshot().allow).toHaveLength(1);
  });
});

describe('ListStore on a damaged disk', () => {
  it('recovers lists from the backup', async () => {
    const store = await openStore();
    await store.add('allow', '030 5550123', 'Anna', 'console');
    await store.add('allow', '089 5550177', 'Ben', 'console');
    await writeFile(join(dataDir, 'lists.json'), '{"version": 1, "allow": [');

    const reopened = await openStore();

    expect(reopened.snapshot().allow.map((entry) => entry.name)).toEqual(['Anna']);
  });

  it('refuses to start with both files damaged', async () => {
    const store = await openStore();
    await store.add('allow', '030 5550123', 'Anna', 'console');
    await store.add('allow', '089 5550177', 'Ben', 'console');
    await writeFile(join(dataDir, 'lists.json'), '');
    await writeFile(join(dataDir, 'lists.json.bak'), '');

    const error = await rejection(openStore());

    expect(isVorzimmerError(error, 'STORAGE_FAILED')).toBe(true);
  });

  it('rejects a stored entry with a bad pattern', async () => {
    const store = await openStore();
    await store.add('allow', '030 5550123', 'Anna', 'console');
    const file = join(dataDir, 'lists.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace(ANNA, '030 5550123'));

    const error = await rejection(openStore());

    expect(error.message).toContain('pattern');
  });

  it('keeps lists unchanged when the disk is full', async () => {
    const store = await openStore();
    await store.add('allow', '030 5550123', 'Anna', 'console');
    injectWriteFault('ENOSPC', 'lists.json.tmp');

    const error = await rejection(store.add('allow', '089 5550177', 'Ben', 'console'));
    clearWriteFaults();
    const reopened = await openStore();

    expect(error.message).toContain('the disk is full');
    expect(store.snapshot().allow.map((entry) => entry.name)).toEqual(['Anna']);
    expect(store.index().bestMatch('allow', '+49895550177')).toBeNull();
    expect(reopened.snapshot().allow.map((entry) => entry.name)).toEqual(['Anna']);
  });
});

describe('ListStore names on a repeated add', () => {
  it('keeps the name when added again without one', async () => {
    const store = await openStore();

    await store.add('block', '0900*', 'Premium', 'console');
    const { entry } = await store.add('block', '0049900*', '', 'console');

    expect(entry.name).toBe('Premium');
  });

  it('keeps the name when moved without one', async () => {
    const store = await openStore();

    await store.add('block', '030 5550123', 'Anna', 'console');
    const { entry, movedFrom } = await store.add('allow', '+49 30 5550123', '', 'console');

    expect(movedFrom).toBe('block');
    expect(entry.name).toBe('Anna');
  });

  it('takes a new name when one is given', async () => {
    const store = await openStore();

    await store.add('allow', '030 5550123', 'Anna', 'console');
    const { entry } = await store.add('allow', '030 5550123', 'Anna Berger', 'console');

    expect(entry.name).toBe('Anna Berger');
  });
});

describe('ListStore own country prefix', () => {
  it('refuses to block every domestic caller', async () => {
    const store = await openStore();

    const error = await rejection(store.add('block', '0*', 'everyone', 'console'));

    expect(error.message).toMatch(/every caller from your own country/);
    expect(store.snapshot().block).toEqual([]);
  });

  it('allows every domestic caller', async () => {
    const store = await openStore();

    const { entry } = await store.add('allow', '0*', 'domestic', 'console');

    expect(entry.pattern).toEqual({ kind: 'prefix', prefix: '+49' });
  });
});
