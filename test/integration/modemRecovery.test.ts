/**
 * The daemon's modem recovery against the simulated modems: a USB modem that vanishes and comes
 * back at the same stable path, and a modem that stops answering for good. While a modem is
 * unusable the relay must be released, so that the desk phone works as a plain phone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { parseConfig } from '../../src/config/load.js';
import { composeDaemon, type Composition } from '../../src/daemon/compose.js';
import type { DaemonState } from '../../src/daemon/daemon.js';
import { SimBoard } from '../../src/hardware/simBoard.js';
import { ModemSim } from '../../src/sim/modemSim.js';
import { SimRegistry } from '../../src/sim/simBinding.js';
import { createClock } from '../../src/util/clock.js';
import type { VorzimmerError } from '../../src/util/errors.js';
import { createSilentLogger } from '../../src/util/log.js';

const TIME_SCALE = 50;
const LINE = 'sim://line-modem';
const PHONE = 'sim://phone-modem';

let folder: string;
let composition: Composition | null = null;
let sims: ModemSim[] = [];

beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'vorzimmer-recovery-'));
});

afterEach(async () => {
  await composition?.daemon.stop();
  composition = null;
  for (const sim of sims) sim.dispose();
  sims = [];
  await rm(folder, { recursive: true, force: true });
});

async function startDaemon(): Promise<{
  composition: Composition;
  registry: SimRegistry;
  line: ModemSim;
  board: SimBoard;
}> {
  const clock = createClock(TIME_SCALE);
  const logger = createSilentLogger();
  const registry = new SimRegistry();
  const line = new ModemSim({ personality: 'conexant', clock, name: 'line' });
  const phone = new ModemSim({ personality: 'usr5637', clock, name: 'phone' });
  sims = [line, phone];
  registry.register(LINE, line);
  registry.register(PHONE, phone);
  const board = new SimBoard({ clock, logger });

  const config = parseConfig(
    { dataDir: folder, modems: { line: { path: LINE }, phone: { path: PHONE } } },
    'test',
  );
  composition = await composeDaemon(config, { clock, logger, binding: registry.binding, board });
  await composition.daemon.start();
  return { composition, registry, line, board };
}

function waitForState(composition: Composition, state: DaemonState, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (composition.daemon.state === state) {
      resolve();
      return;
    }
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `daemon did not reach state ${state} within ${timeoutMs} ms (now ${composition.daemon.state})`,
          ),
        ),
      timeoutMs,
    );
    const stop = composition.daemon.stateChanged.add((now) => {
      if (now !== state) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}

describe('modem recovery in the daemon', () => {
  it('starts idle with the desk phone held', async () => {
    const { board } = await startDaemon();
    expect(board.relay.held).toBe(true);
  });

  it('releases the relay when the USB modem vanishes', async () => {
    const started = await startDaemon();
    started.registry.detach(LINE);
    await waitForState(started.composition, 'degraded');
    expect(started.board.relay.held).toBe(false);
  });

  it('reopens the modem when its path comes back', async () => {
    const started = await startDaemon();
    started.registry.detach(LINE);
    await waitForState(started.composition, 'degraded');

    started.registry.attach(LINE);
    await waitForState(started.composition, 'idle');
    expect(started.board.relay.held).toBe(true);
  });

  it('sets caller ID up again on the returned modem', async () => {
    const started = await startDaemon();
    started.registry.detach(LINE);
    started.line.resetSpontaneously();
    await waitForState(started.composition, 'degraded');

    started.registry.attach(LINE);
    await waitForState(started.composition, 'idle');
    expect(started.line.callerIdMode).toBe(1);
  });

  it('fails loudly when the modem stops answering', async () => {
    const started = await startDaemon();
    const failures: VorzimmerError[] = [];
    started.composition.daemon.failed.add((error) => failures.push(error));

    started.line.setFault({ unresponsive: true });
    await waitForState(started.composition, 'failed', 10_000);
    expect(failures).toHaveLength(1);
    expect(started.board.relay.held).toBe(false);
  }, 15_000);
});
