/**
 * The real board: relay K1, the SLIC (RM, F/R and SHK), the optional loop-current sense and the
 * LEDs on GPIO pins, opened through a PinFactory.
 */
import type { Config } from '../config/schema.js';
import type { PinFactory, PinIo } from '../transport/gpio.js';
import type { Clock } from '../util/clock.js';
import { VorzimmerError, errorMessage } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import type { Board, HookState, Leds, LineSense, PhonePort, Relay, RingCadence } from './board.js';
import { openPins, releaseAll, watchInput } from './gpioPins.js';
import { FORWARD_POLARITY, RING_MODE_OFF, Ringer, validateRingCadence } from './ringer.js';
import { BOARD_TIMING } from './timing.js';

/** A Board on real pins, with a synchronous safe state for process exit handlers. */
export interface GpioBoard extends Board {
  /**
   * Drives every output to its safe level with synchronous writes: ringing off, relay released,
   * LEDs off. Safe to call from `process.on('exit')`. Never throws, and logs each failed write.
   */
  safeStateSync(): void;
}

export interface GpioBoardDeps {
  pins: PinFactory;
  clock: Clock;
  logger: Logger;
}

type BoardConfig = Config['board'];

/**
 * Opens the board's pins and returns the board. Every output starts at its safe level before any
 * input is opened. Ringing voltage never reaches a phone that is off-hook: an off-hook while
 * ringing stops the ringing (ring trip), and startRinging does nothing while the phone is off-hook.
 * @throws VorzimmerError GPIO_FAILED when a pin cannot be opened. Pins opened so far are released.
 */
export function createGpioBoard(config: BoardConfig, deps: GpioBoardDeps): GpioBoard {
  const logger = deps.logger.child({ module: 'gpio-board' });
  const relayLevel = (held: boolean): 0 | 1 => (held !== config.relay.activeLow ? 1 : 0);
  const pins = openPins(config, deps.pins, relayLevel(false), logger);
  const ringer = new Ringer(pins.ringMode, pins.forwardReverse, {
    clock: deps.clock,
    ringFrequencyHz: config.slic.ringFrequencyHz,
    logger,
  });
  let relayHeld = false;
  let closed = false;

  const writeSafely = (pin: PinIo, level: 0 | 1, what: string): void => {
    try {
      pin.write(level);
    } catch (error) {
      logger.error({ err: error }, `Cannot drive ${what} to its safe level: ${errorMessage(error)}`);
    }
  };

  // RM goes low first because it switches the SLIC's 72 V ringing supply, then the relay drops.
  const safeStateSync = (): void => {
    ringer.stopWithoutWrites();
    writeSafely(pins.ringMode, RING_MODE_OFF, 'SLIC RM');
    writeSafely(pins.forwardReverse, FORWARD_POLARITY, 'SLIC F/R');
    writeSafely(pins.relay, relayLevel(false), 'relay K1');
    relayHeld = false;
    for (const [name, pin] of pins.leds) writeSafely(pin, 0, `LED ${name}`);
  };

  const relay: Relay = {
    get held() {
      return relayHeld;
    },
    async setHeld(held) {
      if (closed) throw new VorzimmerError('GPIO_FAILED', 'Cannot switch relay K1: the board is closed.');
      try {
        pins.relay.write(relayLevel(held));
      } catch (error) {
        const action = held ? 'energise' : 'release';
        throw new VorzimmerError(
          'GPIO_FAILED',
          `Cannot ${action} relay K1 on GPIO ${config.relay.pin}: ${errorMessage(error)}`,
          { cause: error },
        );
      }
      if (held !== relayHeld) logger.info({ held }, held ? 'Relay K1 energised' : 'Relay K1 released');
      relayHeld = held;
    },
  };

  // A failed SLIC write leaves the ring state unknown, so the whole board goes to its safe state.
  const stopRinging = (): void => {
    if (!ringer.ringing) return;
    try {
      ringer.stop();
    } catch (error) {
      safeStateSync();
      throw new VorzimmerError('GPIO_FAILED', `Cannot stop ringing: ${errorMessage(error)}`, {
        cause: error,
      });
    }
    logger.debug('Ringing stopped');
  };

  const hook = watchInput(
    pins.hook,
    config.slic.hookActiveHigh,
    BOARD_TIMING.hookDebounce,
    deps.clock,
    (offHook) => {
      logger.debug({ offHook }, 'Desk phone hook changed');
      if (!offHook || !ringer.ringing) return;
      try {
        stopRinging();
        logger.info('Ringing stopped because the desk phone went off-hook');
      } catch (error) {
        logger.error({ err: error }, 'Ring trip failed, so the board went to its safe state');
      }
    },
  );
  const toHookState = (offHook: boolean): HookState => (offHook ? 'off-hook' : 'on-hook');

  const startRinging = (cadence: RingCadence): void => {
    validateRingCadence(cadence);
    if (closed) throw new VorzimmerError('GPIO_FAILED', 'Cannot start ringing: the board is closed.');
    if (hook.debouncer.value) {
      logger.warn({ cadence }, 'Ringing not started because the desk phone is off-hook');
      return;
    }
    try {
      ringer.start(cadence);
    } catch (error) {
      safeStateSync();
      throw new VorzimmerError('GPIO_FAILED', `Cannot start ringing: ${errorMessage(error)}`, {
        cause: error,
      });
    }
    logger.debug({ cadence }, 'Ringing started');
  };

  const phonePort: PhonePort = {
    get ringing() {
      return ringer.ringing;
    },
    get hook() {
      return toHookState(hook.debouncer.value);
    },
    startRinging,
    stopRinging,
    onHookChange: (listener) => hook.listeners.add((offHook) => listener(toHookState(offHook))),
  };

  const lineSenseInput =
    pins.lineSense && config.lineSense
      ? watchInput(
          pins.lineSense,
          config.lineSense.activeHigh,
          BOARD_TIMING.lineSenseDebounce,
          deps.clock,
          (offHook) => logger.debug({ offHook }, 'Loop current on the wall line changed'),
        )
      : null;
  const lineSense: LineSense | null = lineSenseInput && {
    get offHook() {
      return lineSenseInput.debouncer.value;
    },
    onChange: (listener) => lineSenseInput.listeners.add(listener),
  };

  const leds: Leds = {
    set(name, on) {
      const pin = pins.leds.get(name);
      if (!pin || closed) return;
      try {
        pin.write(on ? 1 : 0);
      } catch (error) {
        logger.error({ err: error, led: name }, `Cannot switch LED ${name}: ${errorMessage(error)}`);
      }
    },
  };

  logger.info({ relayPin: config.relay.pin, lineSense: lineSense !== null }, 'GPIO board ready');

  return {
    relay,
    phonePort,
    lineSense,
    leds,
    safeStateSync,
    async safeState() {
      safeStateSync();
    },
    async close() {
      if (closed) return;
      safeStateSync();
      closed = true;
      hook.close();
      lineSenseInput?.close();
      releaseAll(pins.all, logger);
      logger.info('GPIO board closed');
    },
  };
}
