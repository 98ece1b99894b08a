/**
 * Time source for everything that waits. Durations passed to a clock are product milliseconds:
 * a clock with scale N lets them pass N times faster in real time, so that simulated calls can
 * run quickly while all code keeps using the real protocol durations.
 */
export interface Clock {
  /** Product time in milliseconds since an arbitrary origin. */
  now(): number;
  /** Runs `callback` after `ms` product milliseconds. */
  setTimeout(callback: () => void, ms: number): Timer;
  /** Resolves after `ms` product milliseconds. */
  sleep(ms: number): Promise<void>;
  /** Real milliseconds that `ms` product milliseconds take. */
  toRealMs(ms: number): number;
  /** Speed-up factor: 1 runs in real time. */
  readonly scale: number;
}

/** Handle of a pending clock callback. */
export interface Timer {
  cancel(): void;
}

/** Creates a clock on the process's monotonic time, running `scale` times faster than real time. */
export function createClock(scale = 1): Clock {
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new RangeError(`Invalid time scale ${scale}: expected a positive number.`);
  }
  const origin = performance.now();

  return {
    scale,
    now: () => (performance.now() - origin) * scale,
    toRealMs: (ms) => ms / scale,
    setTimeout(callback, ms) {
      const handle = setTimeout(callback, Math.max(0, ms / scale));
      return { cancel: () => clearTimeout(handle) };
    },
    sleep(ms) {
      return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms / scale)));
    },
  };
}
