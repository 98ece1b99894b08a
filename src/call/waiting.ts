import type { Clock } from '../util/clock.js';

/** A source of one outcome: it calls `settle` at most once and returns a function that stops it. */
export type OutcomeSource<T> = (settle: (value: T) => void) => () => void;

/**
 * Waits for the first of several outcomes, or `timeoutValue` after `timeoutMs` product
 * milliseconds. Every source is stopped before the promise resolves.
 */
export function waitForFirst<T>(
  clock: Clock,
  timeoutMs: number,
  timeoutValue: T,
  sources: OutcomeSource<T>[],
): Promise<T> {
  return new Promise<T>((resolve) => {
    const stops: (() => void)[] = [];
    let done = false;
    const settle = (value: T): void => {
      if (done) return;
      done = true;
      timer.cancel();
      for (const stop of stops) stop();
      resolve(value);
    };

    const timer = clock.setTimeout(() => settle(timeoutValue), timeoutMs);
    for (const source of sources) {
      stops.push(source(settle));
      if (done) break;
    }
    if (done) for (const stop of stops) stop();
  });
}

/** An outcome source for an AbortSignal. */
export function onAbort<T>(signal: AbortSignal, value: T): OutcomeSource<T> {
  return (settle) => {
    if (signal.aborted) {
      settle(value);
      return () => undefined;
    }
    const listener = (): void => settle(value);
    signal.addEventListener('abort', listener);
    return () => signal.removeEventListener('abort', listener);
  };
}
