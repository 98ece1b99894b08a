/**
 * A set of pending clock timers that can be cancelled together, so that a simulator can drop
 * everything that belongs to one call, or everything at dispose().
 */
import type { Clock, Timer } from '../util/clock.js';

export class TimerGroup {
  private readonly pending = new Set<Timer>();

  constructor(private readonly clock: Clock) {}

  /** Runs `callback` after `ms` clock milliseconds unless the timer or the group is cancelled first. */
  schedule(ms: number, callback: () => void): Timer {
    const handle = this.clock.setTimeout(() => {
      this.pending.delete(timer);
      callback();
    }, ms);

    const timer: Timer = {
      cancel: () => {
        handle.cancel();
        this.pending.delete(timer);
      },
    };
    this.pending.add(timer);
    return timer;
  }

  /** Cancels every pending timer of the group. */
  cancelAll(): void {
    for (const timer of [...this.pending]) timer.cancel();
  }

  get size(): number {
    return this.pending.size;
  }
}
