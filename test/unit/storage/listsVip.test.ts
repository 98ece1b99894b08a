/** The VIP flag of allowlist entries: stored, kept on rename, and ignored on the blocklist. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { NumberContext } from '../../../src/policy/numbers.js';
import { ListStore } from '../../../src/storage/lists.js';
import { captureLogger, makeTempDir } from './testSupport.js';

const BERLIN: NumberContext = { region: 'DE', areaCode: '030' };

let dataDir: string;
let cleanUp: () => Promise<void>;

function openStore(): Promise<ListStore> {
  return ListStore.open({ dataDir, context: BERLIN, logger: captureLogger().logger });
}

beforeEach(async () => {
  ({ dir: dataDir, cleanUp } = await makeTempDir());
});

afterEach(async () => {
  await cleanUp();
});

describe('ListStore VIP flag', () => {
  it('stores a VIP contact', async () => {
    const store = await openStore();
    await store.add('allow', '030 5550123', 'Anna', 'console', { vip: true });

    const reopened = await openStore();

    expect(reopened.snapshot().allow[0]?.vip).toBe(true);
  });

  it('leaves the flag out by default', async () => {
    const store = await openStore();
    await store.add('allow', '030 5550123', 'Anna', 'console');

    expect(store.snapshot().allow[0]?.vip).toBeUndefined();
    expect(await readFile(join(dataDir, 'lists.json'), 'utf8')).not.toContain('vip');
  });

  it('keeps the flag when renamed', async () => {
    const store = await openStore();
    await store.add('allow', '030 5550123', 'Anna', 'console', { vip: true });
    await store.add('allow', '030 5550123', 'Anna Berger', 'console');

    expect(store.snapshot().allow[0]?.vip).toBe(true);
  });

  it('clears the flag on request', async () => {
    const store = await openStore();
    await store.add('allow', '030 5550123', 'Anna', 'console', { vip: true });
    await store.add('allow', '030 5550123', 'Anna', 'console', { vip: false });

    expect(store.snapshot().allow[0]?.vip).toBeUndefined();
  });

  it('ignores the flag on the blocklist', async () => {
    const store = await openStore();
    await store.add('block', '0900*', 'Premium', 'console', { vip: true });

    expect(store.snapshot().block[0]?.vip).toBeUndefined();
  });

  it('finds a VIP entry through the index', async () => {
    const store = await openStore();
    await store.replaceAll({ allow: [{ number: '030 5550123', name: 'Anna', vip: true }] }, 'config');

    expect(store.index().bestMatch('allow', '+49305550123')?.vip).toBe(true);
  });
});
