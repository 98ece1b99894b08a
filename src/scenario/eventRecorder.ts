/**
 * Counts the hardware events of a scenario. Each `await` list keeps its own count, and an event
 * that happened before its await began still counts, so that waits and awaits never race.
 */
import type { Clock } from '../util/clock.js';
import { Listeners } from '../util/listeners.js';
import type { ScenarioEvent } from './schema.js';

export class EventRecorder {
  readonly occurred = new Listeners<{ event: ScenarioEvent; atMs: number }>();
  private readonly counts = new Map<ScenarioEvent, number>();
  private readonly origin: number;

  constructor(private readonly clock: Clock) {
    this.origin = clock.now();
  }

  record(event: ScenarioEvent): void {
    this.counts.set(event, (this.counts.get(event) ?? 0) + 1);
    this.occurred.emit({ event, atMs: Math.round(this.clock.now() - this.origin) });
  }

  count(event: ScenarioEvent): number {
    return this.counts.get(event) ?? 0;
  }

  /** Resolves true once `event` has occurred `nth` times, or false after `timeoutMs`. */
  waitFor(event: ScenarioEvent, nth: number, timeoutMs: number): Promise<boolean> {
    if (this.count(event) >= nth) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => {
        stop();
        resolve(false);
      }, timeoutMs);
      const stop = this.occurred.add(() => {
        if (this.count(event) < nth) return;
        timer.cancel();
        stop();
        resolve(true);
      });
    });
  }

  /** Product milliseconds since the recorder started. */
  elapsedMs(): number {
    return Math.round(this.clock.now() - this.origin);
  }
}
