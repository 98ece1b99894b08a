import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Board, HookState } from '../../../src/hardware/board.js';
import { SimBoard } from '../../../src/hardware/simBoard.js';
import { createLinkedBoard, serveSimBoard } from '../../../src/sim/boardLink.js';
import { createClock } from '../../../src/util/clock.js';
import { isVorzimmerError } from '../../../src/util/errors.js';
import { createSilentLogger } from '../../../src/util/log.js';
import { createLinkPair } from './linkPair.js';
import { createCapturingLogger, LOG_LEVEL } from './testLogger.js';

const SCALE = 10;

let simBoard: SimBoard;

beforeEach(() => {
  vi.useFakeTimers();
  simBoard = new SimBoard({ clock: createClock(SCALE), logger: createSilentLogger() });
});

afterEach(() => {
  vi.useRealTimers();
});

/** Advances product time by `ms`, running the link's microtasks on the way. */
async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms / SCALE);
}

async function connect(
  sim = simBoard,
): Promise<{ board: Board; daemonLink: ReturnType<typeof createLinkPair>[0] }> {
  const [daemonLink, simLink] = createLinkPair('/dev/pts/7', '/dev/pts/8');
  serveSimBoard(sim, simLink, { logger: createSilentLogger() });
  const board = await createLinkedBoard(daemonLink, { logger: createSilentLogger() });
  return { board, daemonLink };
}

describe('createLinkedBoard', () => {
  it('resolves with the simulator state', async () => {
    await simBoard.relay.setHeld(true);
    simBoard.setDeskHook('off-hook');
    await advance(30);

    const { board } = await connect();

    expect(board.phonePort.hook).toBe('off-hook');
    expect(board.lineSense?.offHook).toBe(false);
  });

  it('forwards relay changes', async () => {
    const { board } = await connect();

    await board.relay.setHeld(true);
    await advance(0);

    expect(simBoard.relay.held).toBe(true);
    expect(board.relay.held).toBe(true);
  });

  it('forwards ringing and its cadence', async () => {
    const { board } = await connect();

    board.phonePort.startRinging([400, 200, 400, 2000]);
    await advance(0);
    expect(simBoard.ringCadence).toEqual([400, 200, 400, 2000]);

    board.phonePort.stopRinging();
    await advance(0);
    expect(simBoard.phonePort.ringing).toBe(false);
  });

  it('forwards LED changes', async () => {
    const { board } = await connect();

    board.leds.set('call', true);
    await advance(0);

    expect(simBoard.ledStates.call).toBe(true);
  });

  it('reports hook changes from the desk', async () => {
    const { board } = await connect();
    const changes: HookState[] = [];
    board.phonePort.onHookChange((state) => changes.push(state));
    await board.relay.setHeld(true);
    await advance(0);

    simBoard.setDeskHook('off-hook');
    await advance(30);

    expect(changes).toEqual(['off-hook']);
    expect(board.phonePort.hook).toBe('off-hook');
  });

  it('mirrors ring trip', async () => {
    const { board } = await connect();
    await board.relay.setHeld(true);
    board.phonePort.startRinging([1000, 4000]);
    await advance(0);

    simBoard.setDeskHook('off-hook');
    await advance(30);

    expect(board.phonePort.ringing).toBe(false);
  });

  it('reports line-sense changes', async () => {
    const { board } = await connect();
    const changes: boolean[] = [];
    board.lineSense?.onChange((offHook) => changes.push(offHook));

    simBoard.setDeskHook('off-hook');
    await advance(30);

    expect(changes).toEqual([true]);
    expect(board.lineSense?.offHook).toBe(true);
  });

  it('has no line sense when the simulator has none', async () => {
    const bare = new SimBoard({ clock: createClock(SCALE), logger: createSilentLogger(), lineSense: false });

    const { board } = await connect(bare);

    expect(board.lineSense).toBeNull();
  });

  it('times out naming the path', async () => {
    const [daemonLink] = createLinkPair('/dev/pts/9', '/dev/pts/10');

    const pending = createLinkedBoard(daemonLink, { logger: createSilentLogger(), helloTimeoutMs: 2000 });
    const outcome = pending.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(2000);
    const error = await outcome;

    expect(isVorzimmerError(error, 'GPIO_FAILED')).toBe(true);
    expect((error as Error).message).toContain('/dev/pts/9');
  });

  it('repeats hello until answered', async () => {
    const [daemonLink, simLink] = createLinkPair();

    const pending = createLinkedBoard(daemonLink, { logger: createSilentLogger() });
    await vi.advanceTimersByTimeAsync(1500);
    serveSimBoard(simBoard, simLink, { logger: createSilentLogger() });
    await vi.advanceTimersByTimeAsync(1000);

    await expect(pending).resolves.toBeDefined();
  });

  it('rejects when the link closes first', async () => {
    const [daemonLink, simLink] = createLinkPair('/dev/pts/11', '/dev/pts/12');

    const pending = createLinkedBoard(daemonLink, { logger: createSilentLogger() });
    await simLink.close();

    await expect(pending).rejects.toThrow('/dev/pts/11');
  });

  it('close sends the safe state', async () => {
    const { board, daemonLink } = await connect();
    await board.relay.setHeld(true);
    board.leds.set('ready', true);
    await advance(0);

    await board.close();
    await advance(0);

    expect(simBoard.relay.held).toBe(false);
    expect(simBoard.ledStates.ready).toBe(false);
    expect(daemonLink.isOpen).toBe(false);
  });
});

describe('serveSimBoard', () => {
  it('skips invalid lines and logs them', async () => {
    const [daemonLink, simLink] = createLinkPair();
    const { logger, records } = createCapturingLogger();
    serveSimBoard(simBoard, simLink, { logger });

    await daemonLink.write(
      Buffer.from('not json\n{"op":"relay","held":"yes"}\n{"op":"ring","cadence":[1000]}\n'),
    );
    await daemonLink.write(Buffer.from('{"op":"relay","held":true}\n'));
    await advance(0);

    expect(records.filter((record) => record.level === LOG_LEVEL.warn)).toHaveLength(3);
    expect(simBoard.relay.held).toBe(true);
    expect(simBoard.phonePort.ringing).toBe(false);
  });

  it('joins messages split across chunks', async () => {
    const [daemonLink, simLink] = createLinkPair();
    serveSimBoard(simBoard, simLink, { logger: createSilentLogger() });

    await daemonLink.write(Buffer.from('{"op":"led","na'));
    await daemonLink.write(Buffer.from('me":"message","on":true}\r\n'));
    await advance(0);

    expect(simBoard.ledStates.message).toBe(true);
  });

  it('answers hello with the state', async () => {
    const [daemonLink, simLink] = createLinkPair();
    serveSimBoard(simBoard, simLink, { logger: createSilentLogger() });

    await daemonLink.write(Buffer.from('{"op":"hello"}\n'));
    await advance(0);

    expect(simLink.written).toEqual(['{"op":"state","hook":"on-hook","lineSense":false}\n']);
  });

  it('stops serving when asked', async () => {
    const [daemonLink, simLink] = createLinkPair();
    const stop = serveSimBoard(simBoard, simLink, { logger: createSilentLogger() });

    stop();
    await daemonLink.write(Buffer.from('{"op":"relay","held":true}\n'));
    await advance(0);

    expect(simBoard.relay.held).toBe(false);
  });
});
