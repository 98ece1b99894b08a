/**
 * The daemon's handling of the desk phone's own calls and of the message LED, on the simulated
 * modems and board with a real clock (time scale 1), so that the measured delays are real.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { parseConfig } from '../../src/config/load.js';
import { composeDaemon, type Composition } from '../../src/daemon/compose.js';
import { ScenarioWorld, SIM_LINE_PATH, SIM_PHONE_PATH } from '../../src/scenario/world.js';
import { createClock } from '../../src/util/clock.js';
import { createSilentLogger } from '../../src/util/log.js';

/** Budget from the desk phone going off-hook in idle to the relay releasing it, in real ms. */
const OFF_HOOK_BUDGET_MS = 100;

let dataDir: string;
let world: ScenarioWorld;
let composition: Composition;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'vorzimmer-desk-'));
  const clock = createClock(1);
  const logger = createSilentLogger();
  const config = parseConfig(
    {
      dataDir,
      modems: { line: { path: SIM_LINE_PATH }, phone: { path: SIM_PHONE_PATH } },
      board: { kind: 'gpio' },
    },
    'the test',
  );
  world = new ScenarioWorld(clock, { region: 'DE', lineModem: 'conexant', phoneModem: 'conexant', logger });
  composition = await composeDaemon(config, {
    clock,
    logger,
    binding: world.registry.binding,
    board: world.board,
  });
  await composition.daemon.start();
  expect(await waitFor(() => composition.daemon.state === 'idle', 10_000)).toBe(true);
});

afterEach(async () => {
  await composition.daemon.stop();
  world.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

describe('desk phone off-hook in idle', () => {
  it('releases the relay within 100 ms', async () => {
    const released = new Promise<number>((resolve) => {
      world.board.onActivity((event) => {
        if (event === 'desk-on-line') resolve(performance.now());
      });
    });

    const pickedUpAt = performance.now();
    world.board.setDeskHook('off-hook');
    const delayMs = (await released) - pickedUpAt;

    expect(delayMs).toBeLessThan(OFF_HOOK_BUDGET_MS);
  });

  it('enters the desk-call state', async () => {
    world.board.setDeskHook('off-hook');

    expect(await waitFor(() => composition.daemon.state === 'desk-call', 1000)).toBe(true);
  });

  it('returns to idle on-hook', async () => {
    world.board.setDeskHook('off-hook');
    await waitFor(() => composition.daemon.state === 'desk-call', 1000);
    // The loop-current sense needs the phone off-hook on the line for longer than its debounce.
    await new Promise((resolve) => setTimeout(resolve, 300));

    world.board.setDeskHook('on-hook');

    expect(await waitFor(() => composition.daemon.state === 'idle', 1000)).toBe(true);
    expect(world.board.relay.held).toBe(true);
  });

  it('never answers a waiting call', async () => {
    const records: unknown[] = [];
    composition.daemon.callEnded.add((record) => records.push(record));
    world.board.setDeskHook('off-hook');
    await waitFor(() => composition.daemon.state === 'desk-call', 1000);

    world.lineModem.printCallerId({ number: '0895550177', date: '1204', time: '1015' });

    expect(await waitFor(() => records.length === 1, 3000)).toBe(true);
    expect(world.lineModem.offHook).toBe(false);
    expect(composition.daemon.state).toBe('desk-call');
  });
});

describe('message LED', () => {
  it('lights while a message is unheard', async () => {
    await composition.messages.save(Buffer.alloc(64), {
      receivedAt: new Date().toISOString(),
      number: null,
      name: null,
      durationMs: 8,
      callId: 'test',
    });

    expect(world.board.ledStates.message).toBe(true);
  });

  it('goes out when every message is heard', async () => {
    const message = await composition.messages.save(Buffer.alloc(64), {
      receivedAt: new Date().toISOString(),
      number: null,
      name: null,
      durationMs: 8,
      callId: 'test',
    });

    await composition.messages.markHeard(message.id);

    expect(world.board.ledStates.message).toBe(false);
  });

  it('is off without messages', () => {
    expect(world.board.ledStates.message).toBe(false);
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}
