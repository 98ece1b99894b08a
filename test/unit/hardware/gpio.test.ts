import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  createOnoffPinFactory,
  resolveSysfsGpio,
  type GpioConstructor,
} from '../../../src/transport/gpio.js';
import { isVorzimmerError } from '../../../src/util/errors.js';
import { createCapturingLogger, LOG_LEVEL } from './testLogger.js';

/**
 * The sysfs trees below are made up, with labels, bases and line counts as Raspberry Pi OS kernels
 * show them: base 0 before kernel 6.6, base 512 on a Pi 4 with 6.6, RP1 at 571 on a Pi 5.
 */
interface FakeChip {
  label: string;
  base: number;
  ngpio: number;
}

let sysfsRoot: string;

beforeEach(() => {
  sysfsRoot = mkdtempSync(join(tmpdir(), 'vorzimmer-sysfs-'));
});

afterEach(() => {
  rmSync(sysfsRoot, { recursive: true, force: true });
});

function makeSysfs(chips: FakeChip[]): void {
  writeFileSync(join(sysfsRoot, 'export'), '');
  for (const chip of chips) {
    const folder = join(sysfsRoot, `gpiochip${chip.base}`);
    mkdirSync(folder);
    writeFileSync(join(folder, 'label'), `${chip.label}\n`);
    writeFileSync(join(folder, 'base'), `${chip.base}\n`);
    writeFileSync(join(folder, 'ngpio'), `${chip.ngpio}\n`);
  }
}

function captureError(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('resolveSysfsGpio', () => {
  it('keeps numbers on old kernels', () => {
    makeSysfs([{ label: 'pinctrl-bcm2835', base: 0, ngpio: 54 }]);

    expect(resolveSysfsGpio(17, sysfsRoot)).toBe(17);
  });

  it('adds base 512 on new kernels', () => {
    makeSysfs([
      { label: 'pinctrl-bcm2711', base: 512, ngpio: 58 },
      { label: 'raspberrypi-exp-gpio', base: 570, ngpio: 8 },
    ]);

    expect(resolveSysfsGpio(17, sysfsRoot)).toBe(529);
  });

  it('picks RP1 on a Pi 5', () => {
    makeSysfs([
      { label: 'gpio-brcmstb@107d508500', base: 512, ngpio: 32 },
      { label: 'gpio-brcmstb@107d517c00', base: 544, ngpio: 15 },
      { label: 'pinctrl-rp1', base: 571, ngpio: 54 },
    ]);

    expect(resolveSysfsGpio(17, sysfsRoot)).toBe(588);
  });

  it('prefers RP1 over a bcm2712 controller', () => {
    makeSysfs([
      { label: 'pinctrl-bcm2712', base: 512, ngpio: 32 },
      { label: 'pinctrl-rp1', base: 571, ngpio: 54 },
    ]);

    expect(resolveSysfsGpio(4, sysfsRoot)).toBe(575);
  });

  it('rejects trees without a Pi controller', () => {
    makeSysfs([{ label: 'gpio-mockup-A', base: 0, ngpio: 8 }]);

    const error = captureError(() => resolveSysfsGpio(17, sysfsRoot));

    expect(isVorzimmerError(error, 'GPIO_FAILED')).toBe(true);
    expect(error.message).toContain('gpio-mockup-A');
    expect(error.message).toContain('sim-link');
  });

  it('rejects pins beyond ngpio', () => {
    makeSysfs([{ label: 'pinctrl-bcm2711', base: 512, ngpio: 58 }]);

    const error = captureError(() => resolveSysfsGpio(58, sysfsRoot));

    expect(isVorzimmerError(error, 'GPIO_FAILED')).toBe(true);
    expect(error.message).toContain('out of range');
    expect(error.message).toContain('0 to 57');
  });

  it('rejects a missing sysfs folder', () => {
    const error = captureError(() => resolveSysfsGpio(17, join(sysfsRoot, 'missing')));

    expect(isVorzimmerError(error, 'GPIO_FAILED')).toBe(true);
    expect(error.message).toContain(join(sysfsRoot, 'missing'));
  });

  it('skips chips with unreadable attributes', () => {
    makeSysfs([{ label: 'pinctrl-bcm2711', base: 512, ngpio: 58 }]);
    mkdirSync(join(sysfsRoot, 'gpiochip600'));

    expect(resolveSysfsGpio(17, sysfsRoot)).toBe(529);
  });
});

interface ConstructedGpio {
  args: unknown[];
  writes: number[];
  watchers: Array<(error: Error | null | undefined, value: 0 | 1) => void>;
  unwatched: boolean;
  unexported: boolean;
  level: 0 | 1;
}

/** Creates a stand-in for onoff's Gpio class that records how it was built and used. */
function createFakeGpioClass(): { Gpio: GpioConstructor; instances: ConstructedGpio[] } {
  const instances: ConstructedGpio[] = [];
  class FakeGpio {
    private readonly record: ConstructedGpio;
    constructor(...args: unknown[]) {
      this.record = { args, writes: [], watchers: [], unwatched: false, unexported: false, level: 0 };
      instances.push(this.record);
    }
    readSync(): 0 | 1 {
      return this.record.level;
    }
    writeSync(value: 0 | 1): void {
      this.record.writes.push(value);
    }
    watch(callback: (error: Error | null | undefined, value: 0 | 1) => void): void {
      this.record.watchers.push(callback);
    }
    unwatchAll(): void {
      this.record.unwatched = true;
    }
    unexport(): void {
      this.record.unexported = true;
    }
  }
  return { Gpio: FakeGpio as unknown as GpioConstructor, instances };
}

describe('createOnoffPinFactory', () => {
  beforeEach(() => {
    makeSysfs([{ label: 'pinctrl-bcm2711', base: 512, ngpio: 58 }]);
  });

  it('opens outputs at their initial level', () => {
    const { Gpio, instances } = createFakeGpioClass();
    const factory = createOnoffPinFactory(sysfsRoot, {
      gpioConstructor: Gpio,
      logger: createCapturingLogger().logger,
    });

    factory.output(17, 1);
    factory.output(27, 0);

    expect(instances[0]?.args).toEqual([529, 'high']);
    expect(instances[1]?.args).toEqual([539, 'low']);
  });

  it('opens inputs on both edges with debounce', () => {
    const { Gpio, instances } = createFakeGpioClass();
    const factory = createOnoffPinFactory(sysfsRoot, {
      gpioConstructor: Gpio,
      logger: createCapturingLogger().logger,
    });

    factory.input(23);

    const [number, direction, edge, options] = instances[0]?.args ?? [];
    expect(number).toBe(535);
    expect(direction).toBe('in');
    expect(edge).toBe('both');
    expect((options as { debounceTimeout: number }).debounceTimeout).toBeGreaterThan(0);
  });

  it('writes synchronously and forwards edges', () => {
    const { Gpio, instances } = createFakeGpioClass();
    const factory = createOnoffPinFactory(sysfsRoot, {
      gpioConstructor: Gpio,
      logger: createCapturingLogger().logger,
    });
    const output = factory.output(17, 0);
    const input = factory.input(23);
    const levels: Array<0 | 1> = [];

    output.write(1);
    input.watch((level) => levels.push(level));
    instances[1]?.watchers[0]?.(null, 1);

    expect(instances[0]?.writes).toEqual([1]);
    expect(levels).toEqual([1]);
  });

  it('logs watch errors instead of forwarding', () => {
    const { Gpio, instances } = createFakeGpioClass();
    const { logger, records } = createCapturingLogger();
    const factory = createOnoffPinFactory(sysfsRoot, { gpioConstructor: Gpio, logger });
    const levels: Array<0 | 1> = [];

    factory.input(23).watch((level) => levels.push(level));
    instances[0]?.watchers[0]?.(new Error('EPOLL failed'), 0);

    expect(levels).toEqual([]);
    expect(records.some((record) => record.level === LOG_LEVEL.error && record.bcmPin === 23)).toBe(true);
  });

  it('release unwatches and unexports', () => {
    const { Gpio, instances } = createFakeGpioClass();
    const factory = createOnoffPinFactory(sysfsRoot, {
      gpioConstructor: Gpio,
      logger: createCapturingLogger().logger,
    });

    factory.input(23).release();

    expect(instances[0]?.unwatched).toBe(true);
    expect(instances[0]?.unexported).toBe(true);
  });

  it('wraps open failures as GPIO_FAILED', () => {
    const Failing = class {
      constructor() {
        throw new Error('EACCES: permission denied, open /sys/class/gpio/export');
      }
    } as unknown as GpioConstructor;
    const factory = createOnoffPinFactory(sysfsRoot, {
      gpioConstructor: Failing,
      logger: createCapturingLogger().logger,
    });

    const error = captureError(() => factory.output(17, 0));

    expect(isVorzimmerError(error, 'GPIO_FAILED')).toBe(true);
    expect(error.message).toContain('GPIO 17 (sysfs 529)');
    expect(error.message).toContain('gpio');
  });
});
