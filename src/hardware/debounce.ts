import type { Clock, Timer } from '../util/clock.js';

/**
 * Debounces a changing value on a Clock: a new raw value counts only after it has stayed the same
 * for `delayMs`, and then `onSettle` runs once with it. A raw value that returns to the settled
 * one before the delay ends is ignored.
 */
export class Debouncer<T> {
  private settledValue: T;
  private rawValue: T;
  private timer: Timer | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly delayMs: number,
    initial: T,
    private readonly onSettle: (value: T) => void,
  ) {
    this.settledValue = initial;
    this.rawValue = initial;
  }

  /** The last value that stayed stable for the whole delay. */
  get value(): T {
    return this.settledValue;
  }

  /** Feeds a raw reading and restarts the delay. */
  input(raw: T): void {
    this.rawValue = raw;
    this.timer?.cancel();
    this.timer = this.clock.setTimeout(() => this.settle(), this.delayMs);
  }

  /** Drops a pending change, so that no callback runs after a close. */
  cancel(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private settle(): void {
    this.timer = null;
    if (this.rawValue === this.settledValue) return;

    this.settledValue = this.rawValue;
    this.onSettle(this.rawValue);
  }
}
