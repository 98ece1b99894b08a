/**
 * Two ListStore instances on one data folder, as the daemon and a separate `vorzimmer console`
 * process have them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { NumberContext } from '../../../src/policy/numbers.js';
import { ListStore } from '../../../src/storage/lists.js';
import { createSilentLogger } from '../../../src/util/log.js';
import { makeTempDir } from '../storage/testSupport.js';

const BERLIN: NumberContext = { region: 'DE', areaCode: '030' };

let dataDir: string;
let cleanUp: () => Promise<void>;

function openStore(): Promise<ListStore> {
  return ListStore.open({ dataDir, context: BERLIN, logger: createSilentLogger() });
}

beforeEach(async () => {
  ({ dir: dataDir, cleanUp } = await makeTempDir());
});

afterEach(async () => {
  await cleanUp();
});

describe('ListStore reload', () => {
  it('reports no change without other writers', async () => {
    const store = await openStore();
    await store.add('allow', '030 5550123', 'Anna', 'console');

    expect(await store.reload()).toBe(false);
  });

  it('picks up an entry another process added', async () => {
    const daemon = await openStore();
    const console = await openStore();
    await console.add('block', '0900*', 'Premium', 'console');

    expect(await daemon.reload()).toBe(true);
    expect(daemon.index().bestMatch('block', '+499001234567')?.name).toBe('Premium');
  });

  it('keeps the other process entry when adding', async () => {
    const daemon = await openStore();
    const console = await openStore();
    await console.add('allow', '030 5550123', 'Anna', 'console');
    await daemon.add('allow', '030 5550177', 'Bernd', 'desk');

    const reopened = await openStore();
    expect(reopened.snapshot().allow.map((entry) => entry.name)).toEqual(['Anna', 'Bernd']);
  });

  it('notifies listeners after a reload', async () => {
    const daemon = await openStore();
    const console = await openStore();
    let changes = 0;
    daemon.onChange(() => (changes += 1));
    await console.remove('030 5550123');
    await console.add('allow', '030 5550123', 'Anna', 'console');
    await daemon.reload();

    expect(changes).toBe(1);
  });

  it('reloads by itself while watching', async () => {
    const daemon = await openStore();
    const console = await openStore();
    const stop = daemon.watch(10);
    try {
      await console.add('allow', '030 5550123', 'Anna', 'console');
      const deadline = Date.now() + 3000;
      while (daemon.snapshot().allow.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      stop();
    }

    expect(daemon.snapshot().allow.map((entry) => entry.name)).toEqual(['Anna']);
  });
});
