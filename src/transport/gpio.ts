/**
 * The only module that touches GPIO pins. It maps Broadcom (BCM) pin numbers to the kernel's
 * sysfs GPIO numbers and wraps `onoff` behind PinIo, so that the code above it works with plain
 * levels and edge callbacks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import type { Gpio as OnoffGpio } from 'onoff';

import { VorzimmerError, errorMessage } from '../util/errors.js';
import { createRootLogger, type Logger } from '../util/log.js';

/**
 * Labels of the GPIO controller that drives the 40-pin header, best first. The Pi 5 header is on
 * the RP1 south bridge, so `pinctrl-rp1` wins over the SoC's own controller there.
 */
const HEADER_CHIP_LABELS: readonly RegExp[] = [
  /^pinctrl-rp1$/,
  /^pinctrl-bcm(2835|2711|2712)$/,
  /^pinctrl-bcm/,
];

/**
 * Time in real milliseconds that an input level must stay stable before onoff reports it. This
 * only merges contact bounce into one event, because the board applies its own debounce on top.
 */
const INPUT_DEBOUNCE_MS = 5;

/** One GPIO line as plain levels. Writes are synchronous so that exit handlers can use them. */
export interface PinIo {
  write(level: 0 | 1): void;
  read(): 0 | 1;
  /** Calls `listener` with the new level after every edge, in either direction. */
  watch(listener: (level: 0 | 1) => void): void;
  /**
   * Stops watching and unexports the line. Write the safe level first, because what the pin does
   * after unexport depends on the kernel.
   */
  release(): void;
}

/** Opens GPIO lines by their Broadcom (BCM) number. */
export interface PinFactory {
  /** Opens `bcmPin` as an output that starts at `initialLevel`, with no glitch to the other level. */
  output(bcmPin: number, initialLevel: 0 | 1): PinIo;
  input(bcmPin: number): PinIo;
}

interface GpioChip {
  name: string;
  label: string;
  base: number;
  ngpio: number;
}

/**
 * Returns the sysfs GPIO number of Broadcom pin `bcmPin`.
 *
 * Raspberry Pi kernels from 6.6 on number the sysfs lines from the controller's `base`, which is
 * 512 or more (512 on a Pi 4, 571 seen for the RP1 on a Pi 5), while older kernels used base 0.
 * The header's controller is found by its `label` among the `gpiochip*` folders under `sysfsRoot`.
 * @throws VorzimmerError GPIO_FAILED when no such controller exists or the pin is out of its range.
 */
export function resolveSysfsGpio(bcmPin: number, sysfsRoot = '/sys/class/gpio'): number {
  const chips = readGpioChips(sysfsRoot);
  const chip = pickHeaderChip(chips);

  if (!chip) {
    const found = chips.length === 0 ? 'none' : chips.map(describeChip).join(', ');
    throw new VorzimmerError(
      'GPIO_FAILED',
      `No Raspberry Pi GPIO controller (label pinctrl-bcm* or pinctrl-rp1) found under ${sysfsRoot}; ` +
        `chips found: ${found}. Check that this is a Raspberry Pi whose kernel has the sysfs GPIO ` +
        `interface (CONFIG_GPIO_SYSFS), or set board.kind to "sim-link" to use the board simulator.`,
    );
  }

  if (!Number.isInteger(bcmPin) || bcmPin < 0 || bcmPin >= chip.ngpio) {
    throw new VorzimmerError(
      'GPIO_FAILED',
      `GPIO ${bcmPin} is out of range: ${describeChip(chip)} has lines 0 to ${chip.ngpio - 1}. ` +
        `Check the pin numbers in the board configuration, which are Broadcom (BCM) numbers.`,
    );
  }

  return chip.base + bcmPin;
}

function readGpioChips(sysfsRoot: string): GpioChip[] {
  let names: string[];
  try {
    names = readdirSync(sysfsRoot).filter((name) => name.startsWith('gpiochip'));
  } catch (error) {
    throw new VorzimmerError(
      'GPIO_FAILED',
      `Cannot read the sysfs GPIO folder ${sysfsRoot}: ${errorMessage(error)}. ` +
        `Check that the kernel has the sysfs GPIO interface (CONFIG_GPIO_SYSFS).`,
      { cause: error },
    );
  }

  const chips: GpioChip[] = [];
  for (const name of names.sort()) {
    const folder = join(sysfsRoot, name);
    try {
      chips.push({
        name,
        label: readFileSync(join(folder, 'label'), 'utf8').trim(),
        base: readInteger(join(folder, 'base')),
        ngpio: readInteger(join(folder, 'ngpio')),
      });
    } catch {
      // A chip folder without readable attributes cannot be the header's controller, so it is skipped.
      continue;
    }
  }
  return chips;
}

function readInteger(path: string): number {
  const text = readFileSync(path, 'utf8').trim();
  const value = Number(text);
  if (text === '' || !Number.isInteger(value) || value < 0) {
    throw new Error(`Invalid number "${text}" in ${path}`);
  }
  return value;
}

function pickHeaderChip(chips: readonly GpioChip[]): GpioChip | undefined {
  for (const pattern of HEADER_CHIP_LABELS) {
    const matching = chips.filter((chip) => pattern.test(chip.label));
    if (matching.length > 0) {
      return matching.sort((a, b) => a.base - b.base)[0];
    }
  }
  return undefined;
}

function describeChip(chip: GpioChip): string {
  return `${chip.name} "${chip.label}" (base ${chip.base}, ${chip.ngpio} lines)`;
}

/** The constructor of onoff's Gpio class, or a stand-in with the same shape for tests. */
export type GpioConstructor = new (
  gpio: number,
  direction: 'in' | 'out' | 'high' | 'low',
  edge?: 'none' | 'rising' | 'falling' | 'both',
  options?: { debounceTimeout?: number },
) => Pick<OnoffGpio, 'readSync' | 'writeSync' | 'watch' | 'unwatchAll' | 'unexport'>;

export interface OnoffPinFactoryOptions {
  /** Logger for errors reported by edge watchers; the root logger when not given. */
  logger?: Logger;
  /** Replaces onoff's Gpio class, so that tests run without /sys. */
  gpioConstructor?: GpioConstructor;
}

/**
 * Creates a PinFactory on `onoff` (version 6, sysfs GPIO). BCM numbers are mapped with
 * resolveSysfsGpio under `sysfsRoot`. onoff itself always uses /sys/class/gpio.
 * onoff and its native `epoll` module are loaded when the first pin is opened, so that importing
 * this module works on machines where they cannot load.
 * @throws VorzimmerError GPIO_FAILED when a line cannot be mapped or opened.
 */
export function createOnoffPinFactory(sysfsRoot: string, options: OnoffPinFactoryOptions = {}): PinFactory {
  const logger = (options.logger ?? createRootLogger()).child({ module: 'gpio' });
  let gpioConstructor = options.gpioConstructor;

  const open = (bcmPin: number, direction: 'in' | 'high' | 'low'): PinIo => {
    gpioConstructor ??= loadOnoff();
    const sysfsNumber = resolveSysfsGpio(bcmPin, sysfsRoot);

    try {
      const gpio =
        direction === 'in'
          ? new gpioConstructor(sysfsNumber, 'in', 'both', { debounceTimeout: INPUT_DEBOUNCE_MS })
          : new gpioConstructor(sysfsNumber, direction);
      logger.debug({ bcmPin, sysfsNumber, direction }, 'GPIO line opened');
      return wrapGpio(gpio, bcmPin, logger);
    } catch (error) {
      throw new VorzimmerError(
        'GPIO_FAILED',
        `Cannot open GPIO ${bcmPin} (sysfs ${sysfsNumber}) as ${direction === 'in' ? 'input' : 'output'}: ` +
          `${errorMessage(error)}. Check that the user is in the "gpio" group and that no other ` +
          `program uses the pin.`,
        { cause: error },
      );
    }
  };

  return {
    output: (bcmPin, initialLevel) => open(bcmPin, initialLevel === 1 ? 'high' : 'low'),
    input: (bcmPin) => open(bcmPin, 'in'),
  };
}

function loadOnoff(): GpioConstructor {
  const require = createRequire(import.meta.url);
  try {
    return (require('onoff') as { Gpio: GpioConstructor }).Gpio;
  } catch (error) {
    throw new VorzimmerError(
      'GPIO_FAILED',
      `Cannot load the onoff GPIO module: ${errorMessage(error)}. Reinstall the dependencies on the ` +
        `Raspberry Pi so that its native epoll module is built there.`,
      { cause: error },
    );
  }
}

function wrapGpio(gpio: InstanceType<GpioConstructor>, bcmPin: number, logger: Logger): PinIo {
  return {
    write(level) {
      gpio.writeSync(level);
    },
    read() {
      return gpio.readSync();
    },
    watch(listener) {
      gpio.watch((error, level) => {
        if (error) {
          logger.error({ bcmPin, err: error }, 'GPIO edge watch failed');
          return;
        }
        listener(level);
      });
    },
    release() {
      gpio.unwatchAll();
      gpio.unexport();
    },
  };
}
