/** The pty bridge with a real socat, in a fresh temporary folder. */
import { lstat, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ModemSim } from '../../../src/sim/modemSim.js';
import { attachSimToSerial, createPtyPair, type PtyPair } from '../../../src/sim/ptyBridge.js';
import { openSerialLink, type ByteLink } from '../../../src/transport/serialLink.js';
import { createClock } from '../../../src/util/clock.js';
import { TEST_TIME_SCALE, waitUntil } from './simHarness.js';

let folder: string;
let pair: PtyPair | null = null;
let closers: { close(): Promise<void> }[] = [];

beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'vorzimmer-pty-'));
});

afterEach(async () => {
  for (const closer of closers.reverse()) await closer.close();
  closers = [];
  await pair?.close();
  pair = null;
  await rm(folder, { recursive: true, force: true });
});

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

describe('createPtyPair', () => {
  it('creates both links and removes them on close', async () => {
    const hostPath = path.join(folder, 'modem');
    pair = await createPtyPair(hostPath);
    expect(pair.simPath).toBe(`${hostPath}.sim`);
    expect(await exists(hostPath)).toBe(true);
    expect(await exists(pair.simPath)).toBe(true);

    await pair.close();
    pair = null;
    expect(await exists(hostPath)).toBe(false);
  });

  it('refuses a path taken by a file', async () => {
    const hostPath = path.join(folder, 'taken');
    await writeFile(hostPath, 'user data');
    await expect(createPtyPair(hostPath)).rejects.toThrow(/a file with that name exists/);
  });

  it('explains a missing socat', async () => {
    const savedPath = process.env.PATH;
    process.env.PATH = folder;
    try {
      await expect(createPtyPair(path.join(folder, 'modem'))).rejects.toThrow(/socat is not installed/);
    } finally {
      process.env.PATH = savedPath;
    }
  });
});

describe('attachSimToSerial', () => {
  it('answers the host through the pty', async () => {
    const sim = new ModemSim({ personality: 'usr5637', clock: createClock(TEST_TIME_SCALE) });
    closers.push({ close: async () => sim.dispose() });
    pair = await createPtyPair(path.join(folder, 'modem'));
    closers.push(await attachSimToSerial(sim, pair.simPath));

    const host: ByteLink = await openSerialLink(pair.hostPath);
    closers.push(host);
    const chunks: Buffer[] = [];
    host.onData((bytes) => chunks.push(bytes));
    const received = (): string => Buffer.concat(chunks).toString('latin1');

    await host.write(Buffer.from('ATE0\rATI3\r'));
    await waitUntil(() => received().includes('V1.2.23\r\n\r\nOK\r\n'), 'answer to ATI3');
    expect(received()).toBe('ATE0\r\r\nOK\r\n\r\nU.S. Robotics 56K FAX USB V1.2.23\r\n\r\nOK\r\n');
  });
});
