import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startWatchdog } from '../../../src/daemon/watchdog.js';
import { createSilentLogger } from '../../../src/util/log.js';

let folder: string;
let fakeNotify: string;
let calls: string;

beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'vorzimmer-watchdog-'));
  calls = path.join(folder, 'calls.txt');
  fakeNotify = path.join(folder, 'systemd-notify');
  // A stand-in for systemd-notify that records its arguments.
  await writeFile(fakeNotify, `#!/bin/sh\necho "$@" >> "${calls}"\n`);
  await chmod(fakeNotify, 0o755);
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('startWatchdog', () => {
  it('pings at half the watchdog interval', async () => {
    const watchdog = startWatchdog(
      createSilentLogger(),
      { NOTIFY_SOCKET: '/run/notify', WATCHDOG_USEC: '200000' },
      fakeNotify,
    );
    await sleep(450);
    watchdog.stop();
    await sleep(100);

    const lines = (await readFile(calls, 'utf8')).trim().split('\n');
    expect(lines.filter((line) => line.endsWith('WATCHDOG=1')).length).toBeGreaterThanOrEqual(3);
    expect(lines.at(-1)).toContain('STOPPING=1');
  });

  it('reports ready with the daemon pid', async () => {
    const watchdog = startWatchdog(createSilentLogger(), { NOTIFY_SOCKET: '/run/notify' }, fakeNotify);
    watchdog.ready();
    await sleep(150);
    watchdog.stop();

    expect(await readFile(calls, 'utf8')).toContain(`--pid=${process.pid} READY=1`);
  });

  it('does nothing outside systemd', async () => {
    const watchdog = startWatchdog(createSilentLogger(), {}, fakeNotify);
    watchdog.ready();
    watchdog.stop();
    await sleep(150);

    await expect(readFile(calls, 'utf8')).rejects.toThrow();
  });
});
