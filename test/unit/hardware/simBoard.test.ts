import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { HookState } from '../../../src/hardware/board.js';
import { SimBoard, type DeskActivity } from '../../../src/hardware/simBoard.js';
import { createClock } from '../../../src/util/clock.js';
import { createSilentLogger } from '../../../src/util/log.js';

const SCALE = 10;
const DE_CADENCE = [1000, 4000];

let board: SimBoard;
let activity: DeskActivity[];

beforeEach(() => {
  vi.useFakeTimers();
  board = new SimBoard({ clock: createClock(SCALE), logger: createSilentLogger() });
  activity = [];
  board.onActivity((event) => activity.push(event));
});

afterEach(() => {
  vi.useRealTimers();
});

/** Advances product time by `ms`. */
async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms / SCALE);
}

describe('SimBoard hook', () => {
  it('reads on-hook while relay released', async () => {
    board.setDeskHook('off-hook');
    await advance(100);

    expect(board.deskHook).toBe('off-hook');
    expect(board.phonePort.hook).toBe('on-hook');
  });

  it('reports off-hook after debounce', async () => {
    await board.relay.setHeld(true);
    const changes: HookState[] = [];
    board.phonePort.onHookChange((state) => changes.push(state));

    board.setDeskHook('off-hook');
    await advance(29);
    expect(changes).toEqual([]);

    await advance(1);
    expect(changes).toEqual(['off-hook']);
    expect(board.phonePort.hook).toBe('off-hook');
  });

  it('relay switch changes the SLIC view', async () => {
    board.setDeskHook('off-hook');
    const changes: HookState[] = [];
    board.phonePort.onHookChange((state) => changes.push(state));

    await board.relay.setHeld(true);
    await advance(30);
    await board.relay.setHeld(false);
    await advance(30);

    expect(changes).toEqual(['off-hook', 'on-hook']);
  });

  it('ignores a pick-up shorter than debounce', async () => {
    await board.relay.setHeld(true);
    const changes: HookState[] = [];
    board.phonePort.onHookChange((state) => changes.push(state));

    board.setDeskHook('off-hook');
    await advance(10);
    board.setDeskHook('on-hook');
    await advance(100);

    expect(changes).toEqual([]);
  });
});

describe('SimBoard line sense', () => {
  it('sees off-hook only on the line', async () => {
    const changes: boolean[] = [];
    board.lineSense?.onChange((offHook) => changes.push(offHook));
    await board.relay.setHeld(true);

    board.setDeskHook('off-hook');
    await advance(30);
    expect(board.lineSense?.offHook).toBe(false);

    await board.relay.setHeld(false);
    await advance(30);
    expect(board.lineSense?.offHook).toBe(true);
    expect(changes).toEqual([true]);
  });

  it('can be left out', () => {
    const bare = new SimBoard({ clock: createClock(SCALE), logger: createSilentLogger(), lineSense: false });

    expect(bare.lineSense).toBeNull();
  });
});

describe('SimBoard activity', () => {
  it('reports relay changes once', async () => {
    await board.relay.setHeld(true);
    await board.relay.setHeld(true);
    await board.relay.setHeld(false);

    expect(activity).toEqual(['desk-held', 'desk-on-line']);
  });

  it('reports ringing once, not per burst', async () => {
    await board.relay.setHeld(true);

    board.phonePort.startRinging(DE_CADENCE);
    await advance(12_000);
    board.phonePort.startRinging([400, 200, 400, 2000]);
    board.phonePort.stopRinging();
    board.phonePort.stopRinging();

    expect(activity).toEqual(['desk-held', 'desk-ringing', 'desk-ring-stopped']);
  });

  it('records the ring cadence', async () => {
    await board.relay.setHeld(true);

    board.phonePort.startRinging(DE_CADENCE);
    expect(board.ringCadence).toEqual(DE_CADENCE);
    expect(board.phonePort.ringing).toBe(true);

    board.phonePort.stopRinging();
    expect(board.ringCadence).toBeNull();
  });

  it('desk stays silent while released', () => {
    board.phonePort.startRinging(DE_CADENCE);

    expect(board.phonePort.ringing).toBe(true);
    expect(activity).toEqual([]);
  });

  it('pick-up stops ringing', async () => {
    await board.relay.setHeld(true);
    board.phonePort.startRinging(DE_CADENCE);
    let ringingSeenByListener: boolean | null = null;
    board.phonePort.onHookChange(() => (ringingSeenByListener = board.phonePort.ringing));

    board.setDeskHook('off-hook');
    await advance(30);

    expect(board.phonePort.ringing).toBe(false);
    expect(ringingSeenByListener).toBe(false);
    expect(activity).toEqual(['desk-held', 'desk-ringing', 'desk-ring-stopped']);
  });

  it('does not ring an off-hook phone', async () => {
    await board.relay.setHeld(true);
    board.setDeskHook('off-hook');
    await advance(30);

    board.phonePort.startRinging(DE_CADENCE);

    expect(board.phonePort.ringing).toBe(false);
  });

  it('rejects an invalid cadence', () => {
    expect(() => board.phonePort.startRinging([1000, 0])).toThrow(RangeError);
  });
});

describe('SimBoard LEDs and safe state', () => {
  it('exposes LED states', () => {
    board.leds.set('message', true);

    expect(board.ledStates).toEqual({ ready: false, message: true, call: false });
  });

  it('safeState releases and silences', async () => {
    await board.relay.setHeld(true);
    board.leds.set('ready', true);
    board.phonePort.startRinging(DE_CADENCE);

    await board.safeState();

    expect(board.relay.held).toBe(false);
    expect(board.phonePort.ringing).toBe(false);
    expect(board.ledStates.ready).toBe(false);
    expect(activity).toEqual(['desk-held', 'desk-ringing', 'desk-ring-stopped', 'desk-on-line']);
  });
});
