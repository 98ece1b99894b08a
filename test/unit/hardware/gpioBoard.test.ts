import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { configSchema, type Config } from '../../../src/config/schema.js';
import type { HookState } from '../../../src/hardware/board.js';
import { createGpioBoard, type GpioBoard } from '../../../src/hardware/gpioBoard.js';
import { createClock, type Clock } from '../../../src/util/clock.js';
import { isVorzimmerError } from '../../../src/util/errors.js';
import { FakePinFactory } from './fakePins.js';
import { createCapturingLogger, LOG_LEVEL } from './testLogger.js';

// Default pins from the config schema.
const RELAY = 17;
const RING_MODE = 27;
const FORWARD_REVERSE = 22;
const HOOK = 23;
const LINE_SENSE = 24;
const LED_READY = 5;
const LED_MESSAGE = 6;
const LED_CALL = 13;

/** Product time runs 10 times faster than the faked real time, to check that all timing goes through the Clock. */
const SCALE = 10;

let clock: Clock;
let pins: FakePinFactory;

beforeEach(() => {
  vi.useFakeTimers();
  clock = createClock(SCALE);
  pins = new FakePinFactory();
});

afterEach(() => {
  vi.useRealTimers();
});

function boardConfig(input: Record<string, unknown> = {}): Config['board'] {
  return configSchema.parse({ board: input }).board;
}

function createBoard(
  input: Record<string, unknown> = {},
  logger = createCapturingLogger().logger,
): GpioBoard {
  return createGpioBoard(boardConfig(input), { pins, clock, logger });
}

/** Advances product time by `ms`. */
async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms / SCALE);
}

describe('createGpioBoard start-up', () => {
  it('opens outputs at safe levels', () => {
    createBoard();

    expect(pins.pin(RELAY).level).toBe(0);
    expect(pins.pin(RING_MODE).level).toBe(0);
    expect(pins.pin(FORWARD_REVERSE).level).toBe(1);
    expect(pins.pin(LED_READY).level).toBe(0);
    expect(pins.pin(LED_MESSAGE).level).toBe(0);
    expect(pins.pin(LED_CALL).level).toBe(0);
  });

  it('opens every output before inputs', () => {
    createBoard({ lineSense: {} });

    const directions = pins.opened.map((pin) => pin.direction);
    expect(directions).toEqual(['out', 'out', 'out', 'out', 'out', 'out', 'in', 'in']);
  });

  it('active-low relay starts high', () => {
    createBoard({ relay: { activeLow: true } });

    expect(pins.pin(RELAY).level).toBe(1);
  });

  it('failed open releases earlier pins', () => {
    pins.failingPins.add(HOOK);

    let caught: unknown;
    try {
      createBoard();
    } catch (error) {
      caught = error;
    }

    expect(isVorzimmerError(caught, 'GPIO_FAILED')).toBe(true);
    expect((caught as Error).message).toContain(`GPIO ${HOOK}`);
    expect(pins.opened.every((pin) => pin.released)).toBe(true);
  });
});

describe('relay', () => {
  it('energises with the active level', async () => {
    const board = createBoard();

    await board.relay.setHeld(true);

    expect(pins.pin(RELAY).level).toBe(1);
    expect(board.relay.held).toBe(true);
  });

  it('active-low relay energises low', async () => {
    const board = createBoard({ relay: { activeLow: true } });

    await board.relay.setHeld(true);
    expect(pins.pin(RELAY).level).toBe(0);

    await board.relay.setHeld(false);
    expect(pins.pin(RELAY).level).toBe(1);
  });

  it('failed write rejects with GPIO_FAILED', async () => {
    const board = createBoard();
    pins.pin(RELAY).failWrites = true;

    await expect(board.relay.setHeld(true)).rejects.toSatisfy((error) =>
      isVorzimmerError(error, 'GPIO_FAILED'),
    );
    expect(board.relay.held).toBe(false);
  });
});

describe('ringing', () => {
  it('follows the cadence with RM', async () => {
    const board = createBoard();
    board.phonePort.startRinging([1000, 4000]);

    await advance(500);
    expect(pins.pin(RING_MODE).level).toBe(1);

    await advance(1000);
    expect(pins.pin(RING_MODE).level).toBe(0);

    await advance(3000);
    expect(pins.pin(RING_MODE).level).toBe(0);

    await advance(1000);
    expect(pins.pin(RING_MODE).level).toBe(1);
  });

  it('toggles F/R at ring frequency', async () => {
    const board = createBoard({ slic: { ringFrequencyHz: 25 } });
    const forwardReverse = pins.pin(FORWARD_REVERSE);
    board.phonePort.startRinging([1000, 4000]);

    // 25 Hz is 50 reversals per second: one every 20 ms, so 25 in the first 510 ms.
    await advance(510);

    expect(forwardReverse.writes).toHaveLength(25);
    expect(forwardReverse.writes.slice(0, 4)).toEqual([0, 1, 0, 1]);
  });

  it('keeps F/R forward between bursts', async () => {
    const board = createBoard();
    const forwardReverse = pins.pin(FORWARD_REVERSE);
    board.phonePort.startRinging([1000, 4000]);

    await advance(1100);
    const writesAtGapStart = forwardReverse.writes.length;
    await advance(3800);

    expect(forwardReverse.level).toBe(1);
    expect(forwardReverse.writes.length).toBe(writesAtGapStart);
  });

  it('stopRinging sets RM and F/R safe', async () => {
    const board = createBoard();
    board.phonePort.startRinging([1000, 4000]);
    await advance(30);
    expect(pins.pin(FORWARD_REVERSE).level).toBe(0);

    board.phonePort.stopRinging();

    expect(pins.pin(RING_MODE).level).toBe(0);
    expect(pins.pin(FORWARD_REVERSE).level).toBe(1);
    expect(board.phonePort.ringing).toBe(false);
  });

  it('writes nothing after stopRinging', async () => {
    const board = createBoard();
    board.phonePort.startRinging([1000, 4000]);
    await advance(30);
    board.phonePort.stopRinging();
    const writes = pins.pin(FORWARD_REVERSE).writes.length + pins.pin(RING_MODE).writes.length;

    await advance(10_000);

    expect(pins.pin(FORWARD_REVERSE).writes.length + pins.pin(RING_MODE).writes.length).toBe(writes);
  });

  it('new cadence restarts from on', async () => {
    const board = createBoard();
    board.phonePort.startRinging([1000, 4000]);
    await advance(2000);
    expect(pins.pin(RING_MODE).level).toBe(0);

    board.phonePort.startRinging([400, 200, 400, 2000]);
    await advance(100);

    expect(pins.pin(RING_MODE).level).toBe(1);
  });

  it('rejects an odd-length cadence', () => {
    const board = createBoard();

    expect(() => board.phonePort.startRinging([1000])).toThrow(RangeError);
    expect(board.phonePort.ringing).toBe(false);
  });

  it('failed toggle ends ringing safely', async () => {
    const { logger, records } = createCapturingLogger();
    const board = createBoard({}, logger);
    board.phonePort.startRinging([1000, 4000]);
    pins.pin(FORWARD_REVERSE).failWrites = true;

    await advance(50);

    expect(board.phonePort.ringing).toBe(false);
    expect(pins.pin(RING_MODE).level).toBe(0);
    expect(records.some((record) => record.level === LOG_LEVEL.error)).toBe(true);
  });
});

describe('hook input', () => {
  it('reports the initial level', () => {
    pins.inputLevels.set(HOOK, 1);
    const board = createBoard();

    expect(board.phonePort.hook).toBe('off-hook');
  });

  it('waits 30 ms of debounce', async () => {
    const board = createBoard();
    const changes: HookState[] = [];
    board.phonePort.onHookChange((state) => changes.push(state));

    pins.pin(HOOK).drive(1);
    await advance(20);
    expect(changes).toEqual([]);

    await advance(10);
    expect(changes).toEqual(['off-hook']);
    expect(board.phonePort.hook).toBe('off-hook');
  });

  it('merges contact bounce into one change', async () => {
    const board = createBoard();
    const changes: HookState[] = [];
    board.phonePort.onHookChange((state) => changes.push(state));

    for (const level of [1, 0, 1, 0, 1] as const) {
      pins.pin(HOOK).drive(level);
      await advance(5);
    }
    await advance(30);

    expect(changes).toEqual(['off-hook']);
  });

  it('ignores a glitch shorter than debounce', async () => {
    const board = createBoard();
    const changes: HookState[] = [];
    board.phonePort.onHookChange((state) => changes.push(state));

    pins.pin(HOOK).drive(1);
    await advance(10);
    pins.pin(HOOK).drive(0);
    await advance(100);

    expect(changes).toEqual([]);
  });

  it('honours hookActiveHigh false', async () => {
    pins.inputLevels.set(HOOK, 1);
    const board = createBoard({ slic: { hookActiveHigh: false } });
    expect(board.phonePort.hook).toBe('on-hook');

    pins.pin(HOOK).drive(0);
    await advance(30);

    expect(board.phonePort.hook).toBe('off-hook');
  });

  it('off-hook stops ringing before listeners', async () => {
    const board = createBoard();
    let ringingSeenByListener: boolean | null = null;
    board.phonePort.onHookChange(() => (ringingSeenByListener = board.phonePort.ringing));
    board.phonePort.startRinging([1000, 4000]);

    pins.pin(HOOK).drive(1);
    await advance(30);

    expect(board.phonePort.ringing).toBe(false);
    expect(pins.pin(RING_MODE).level).toBe(0);
    expect(ringingSeenByListener).toBe(false);
  });

  it('does not ring an off-hook phone', () => {
    pins.inputLevels.set(HOOK, 1);
    const board = createBoard();

    board.phonePort.startRinging([1000, 4000]);

    expect(board.phonePort.ringing).toBe(false);
    expect(pins.pin(RING_MODE).level).toBe(0);
  });
});

describe('line sense', () => {
  it('is null without configuration', () => {
    const board = createBoard();

    expect(board.lineSense).toBeNull();
  });

  it('reports debounced loop current', async () => {
    const board = createBoard({ lineSense: { activeHigh: true } });
    const changes: boolean[] = [];
    board.lineSense?.onChange((offHook) => changes.push(offHook));

    pins.pin(LINE_SENSE).drive(1);
    await advance(29);
    expect(changes).toEqual([]);

    await advance(1);
    expect(changes).toEqual([true]);
    expect(board.lineSense?.offHook).toBe(true);
  });

  it('active-low sense reads low as off-hook', () => {
    pins.inputLevels.set(LINE_SENSE, 0);
    const board = createBoard({ lineSense: { activeHigh: false } });

    expect(board.lineSense?.offHook).toBe(true);
  });
});

describe('LEDs', () => {
  it('drive their pins', () => {
    const board = createBoard();

    board.leds.set('message', true);

    expect(pins.pin(LED_MESSAGE).level).toBe(1);
    expect(pins.pin(LED_READY).level).toBe(0);
  });

  it('skip unconfigured LEDs', () => {
    const board = createBoard({ leds: { call: null } });

    board.leds.set('call', true);

    expect(pins.opened.some((pin) => pin.bcmPin === LED_CALL)).toBe(false);
  });

  it('log a failed write', () => {
    const { logger, records } = createCapturingLogger();
    const board = createBoard({}, logger);
    pins.pin(LED_READY).failWrites = true;

    board.leds.set('ready', true);

    expect(records.some((record) => record.level === LOG_LEVEL.error && record.led === 'ready')).toBe(true);
  });
});

describe('safe state', () => {
  it('returns every output to safe levels', async () => {
    const board = createBoard();
    await board.relay.setHeld(true);
    board.leds.set('ready', true);
    board.phonePort.startRinging([1000, 4000]);
    await advance(30);

    await board.safeState();

    expect(pins.pin(RELAY).level).toBe(0);
    expect(pins.pin(RING_MODE).level).toBe(0);
    expect(pins.pin(FORWARD_REVERSE).level).toBe(1);
    expect(pins.pin(LED_READY).level).toBe(0);
    expect(board.relay.held).toBe(false);
    expect(board.phonePort.ringing).toBe(false);
  });

  it('safeStateSync survives failing pins', async () => {
    const { logger, records } = createCapturingLogger();
    const board = createBoard({}, logger);
    await board.relay.setHeld(true);
    board.leds.set('ready', true);
    pins.pin(RING_MODE).failWrites = true;

    expect(() => board.safeStateSync()).not.toThrow();
    expect(pins.pin(RELAY).level).toBe(0);
    expect(pins.pin(LED_READY).level).toBe(0);
    expect(records.filter((record) => record.level === LOG_LEVEL.error)).toHaveLength(1);
  });

  it('close releases every pin', async () => {
    const board = createBoard({ lineSense: {} });
    await board.relay.setHeld(true);

    await board.close();

    expect(pins.pin(RELAY).level).toBe(0);
    expect(pins.opened.every((pin) => pin.released)).toBe(true);
  });

  it('close stops hook events', async () => {
    const board = createBoard();
    const changes: HookState[] = [];
    board.phonePort.onHookChange((state) => changes.push(state));

    pins.pin(HOOK).drive(1);
    await board.close();
    await advance(100);

    expect(changes).toEqual([]);
  });
});
