/**
 * Opening, watching and releasing the GPIO board's pins, with the safe levels that outputs start at.
 */
import type { Config } from '../config/schema.js';
import type { PinFactory, PinIo } from '../transport/gpio.js';
import type { Clock } from '../util/clock.js';
import { VorzimmerError, errorMessage, isVorzimmerError } from '../util/errors.js';
import { Listeners } from '../util/listeners.js';
import type { Logger } from '../util/log.js';
import type { LedName } from './board.js';
import { Debouncer } from './debounce.js';
import { FORWARD_POLARITY, RING_MODE_OFF } from './ringer.js';

const LED_NAMES: readonly LedName[] = ['ready', 'message', 'call'];

/** The board's pins by role, plus all of them in opening order for release. */
export interface OpenedPins {
  relay: PinIo;
  ringMode: PinIo;
  forwardReverse: PinIo;
  leds: Map<LedName, PinIo>;
  hook: PinIo;
  lineSense: PinIo | null;
  all: PinIo[];
}

export interface WatchedInput {
  /** Debounced state: true while the input is at its active level. */
  debouncer: Debouncer<boolean>;
  listeners: Listeners<boolean>;
  close(): void;
}

/**
 * Debounces an input pin. `beforeListeners` runs first on each settled change, so that the board
 * can react (ring trip) before anyone else hears about it.
 */
export function watchInput(
  pin: PinIo,
  activeHigh: boolean,
  debounceMs: number,
  clock: Clock,
  beforeListeners: (active: boolean) => void,
): WatchedInput {
  const listeners = new Listeners<boolean>();
  const isActive = (level: 0 | 1): boolean => (level === 1) === activeHigh;
  const debouncer = new Debouncer<boolean>(clock, debounceMs, isActive(pin.read()), (active) => {
    beforeListeners(active);
    listeners.emit(active);
  });
  pin.watch((level) => debouncer.input(isActive(level)));

  return {
    debouncer,
    listeners,
    close() {
      debouncer.cancel();
      listeners.clear();
    },
  };
}

/** Opens the outputs first, each created at its safe level, then the inputs. */
export function openPins(
  config: Config['board'],
  factory: PinFactory,
  relayReleasedLevel: 0 | 1,
  logger: Logger,
): OpenedPins {
  const all: PinIo[] = [];
  const open = (what: string, bcmPin: number, openPin: () => PinIo): PinIo => {
    try {
      const pin = openPin();
      all.push(pin);
      return pin;
    } catch (error) {
      releaseAll(all, logger);
      if (isVorzimmerError(error)) throw error;
      throw new VorzimmerError(
        'GPIO_FAILED',
        `Cannot open GPIO ${bcmPin} for ${what}: ${errorMessage(error)}`,
        {
          cause: error,
        },
      );
    }
  };

  const { ringModePin, forwardReversePin, hookPin } = config.slic;
  const relay = open('relay K1', config.relay.pin, () =>
    factory.output(config.relay.pin, relayReleasedLevel),
  );
  const ringMode = open('SLIC RM', ringModePin, () => factory.output(ringModePin, RING_MODE_OFF));
  const forwardReverse = open('SLIC F/R', forwardReversePin, () =>
    factory.output(forwardReversePin, FORWARD_POLARITY),
  );

  const leds = new Map<LedName, PinIo>();
  for (const name of LED_NAMES) {
    const ledPin = config.leds[name];
    if (ledPin !== null)
      leds.set(
        name,
        open(`LED ${name}`, ledPin, () => factory.output(ledPin, 0)),
      );
  }

  const hook = open('SLIC SHK', hookPin, () => factory.input(hookPin));
  const senseConfig = config.lineSense;
  const lineSense = senseConfig
    ? open('line sense', senseConfig.pin, () => factory.input(senseConfig.pin))
    : null;

  return { relay, ringMode, forwardReverse, leds, hook, lineSense, all };
}

export function releaseAll(pins: readonly PinIo[], logger: Logger): void {
  for (const pin of pins) {
    try {
      pin.release();
    } catch (error) {
      logger.error({ err: error }, `Cannot release a GPIO pin: ${errorMessage(error)}`);
    }
  }
}
