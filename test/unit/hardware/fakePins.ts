import type { PinFactory, PinIo } from '../../../src/transport/gpio.js';

/** A pin that records every level written to it; inputs are driven by the test. */
export class FakePin implements PinIo {
  readonly writes: Array<0 | 1> = [];
  released = false;
  failWrites = false;
  private readonly watchers: Array<(level: 0 | 1) => void> = [];

  constructor(
    readonly bcmPin: number,
    readonly direction: 'in' | 'out',
    public level: 0 | 1,
  ) {}

  write(level: 0 | 1): void {
    if (this.failWrites) throw new Error(`EIO: write to GPIO ${this.bcmPin} failed`);
    this.level = level;
    this.writes.push(level);
  }

  read(): 0 | 1 {
    return this.level;
  }

  watch(listener: (level: 0 | 1) => void): void {
    this.watchers.push(listener);
  }

  release(): void {
    this.released = true;
  }

  /** Changes an input's level as the wiring would, and reports the edge to the watchers. */
  drive(level: 0 | 1): void {
    this.level = level;
    for (const watcher of this.watchers) watcher(level);
  }
}

/** A PinFactory that keeps every pin it opened, in opening order. */
export class FakePinFactory implements PinFactory {
  readonly opened: FakePin[] = [];
  /** Levels that inputs have when they are opened, by BCM number; 0 otherwise. */
  readonly inputLevels = new Map<number, 0 | 1>();
  /** BCM numbers whose opening throws. */
  readonly failingPins = new Set<number>();

  output(bcmPin: number, initialLevel: 0 | 1): PinIo {
    return this.open(new FakePin(bcmPin, 'out', initialLevel));
  }

  input(bcmPin: number): PinIo {
    return this.open(new FakePin(bcmPin, 'in', this.inputLevels.get(bcmPin) ?? 0));
  }

  /** Returns the pin opened for `bcmPin`. */
  pin(bcmPin: number): FakePin {
    const pin = this.opened.find((candidate) => candidate.bcmPin === bcmPin);
    if (!pin) throw new Error(`GPIO ${bcmPin} was not opened`);
    return pin;
  }

  private open(pin: FakePin): FakePin {
    if (this.failingPins.has(pin.bcmPin)) throw new Error(`EBUSY: GPIO ${pin.bcmPin} is in use`);
    this.opened.push(pin);
    return pin;
  }
}
