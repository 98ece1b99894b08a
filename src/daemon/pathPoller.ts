/**
 * Waits for a device path to exist again, as a USB modem's stable path (udev symlink or
 * /dev/serial/by-path) does when the modem is plugged back in. Looks again after a wait that
 * doubles from TIMEOUTS.reconnectPollFirst up to TIMEOUTS.reconnectPollMax.
 */
import { access } from 'node:fs/promises';

import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/log.js';
import { TIMEOUTS } from '../util/timeouts.js';

/** Tells whether a device path exists now. */
export type PathCheck = (path: string) => Promise<boolean>;

/** Checks the file system: a device node or a symlink to one. */
export const fileSystemPathCheck: PathCheck = async (path) => {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
};

/** Returns the wait before look number `attempt` (0 for the first), in product milliseconds. */
export function pollDelayMs(attempt: number): number {
  return Math.min(TIMEOUTS.reconnectPollMax, TIMEOUTS.reconnectPollFirst * 2 ** Math.min(attempt, 20));
}

/**
 * Resolves once every path in `paths` exists, or with false when `signal` aborts. Logs each miss
 * with the next wait, so a user's log shows that the daemon is waiting and for what.
 */
export async function waitForPaths(
  paths: readonly string[],
  options: { check: PathCheck; clock: Clock; logger: Logger; signal: AbortSignal; firstAttempt?: number },
): Promise<boolean> {
  let attempt = options.firstAttempt ?? 0;

  for (;;) {
    if (options.signal.aborted) return false;
    const missing: string[] = [];
    for (const path of paths) if (!(await options.check(path))) missing.push(path);
    if (missing.length === 0) return true;

    const delayMs = pollDelayMs(attempt);
    options.logger.warn(
      { missing, attempt: attempt + 1, retryInMs: delayMs },
      'modem path not found; plug the modem in, looking again',
    );
    attempt++;
    await sleepUnlessAborted(options.clock, delayMs, options.signal);
  }
}

function sleepUnlessAborted(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = clock.setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      timer.cancel();
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
