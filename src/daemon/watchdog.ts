/**
 * systemd notifications: READY=1 once the daemon holds the desk phone, and WATCHDOG=1 pings while
 * the event loop runs. If the daemon hangs, the pings stop, systemd kills it after WatchdogSec, and
 * ExecStopPost releases the relay, so the desk phone becomes a plain phone again.
 *
 * Node has no sd_notify binding, so the pings run `systemd-notify`; the unit sets NotifyAccess=all
 * so that systemd accepts them from that child process.
 */
import { execFile } from 'node:child_process';

import type { Logger } from '../util/log.js';

export interface Watchdog {
  /** Tells systemd that start-up is complete. */
  ready(): void;
  stop(): void;
}

/**
 * Starts watchdog pings at half the interval systemd asks for in WATCHDOG_USEC. Without
 * NOTIFY_SOCKET (not started by systemd) it does nothing.
 */
export function startWatchdog(
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
  command = 'systemd-notify',
): Watchdog {
  if (!env.NOTIFY_SOCKET) return { ready: () => undefined, stop: () => undefined };

  const notify = (state: string): void => {
    execFile(command, [`--pid=${process.pid}`, state], (error) => {
      if (error) logger.warn({ state, err: error.message }, 'systemd-notify failed');
    });
  };

  const intervalUs = Number(env.WATCHDOG_USEC);
  const timer =
    Number.isFinite(intervalUs) && intervalUs > 0
      ? setInterval(() => notify('WATCHDOG=1'), intervalUs / 2000)
      : null;
  logger.info({ watchdogMs: timer ? intervalUs / 1000 : null }, 'systemd notifications on');

  return {
    ready: () => notify('READY=1'),
    stop: () => {
      if (timer) clearInterval(timer);
      notify('STOPPING=1');
    },
  };
}
