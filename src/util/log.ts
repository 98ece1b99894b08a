import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Creates the root logger. Logs go to standard error as JSON lines, so that standard output
 * stays free for command results such as the scenario runner's event lines.
 */
export function createRootLogger(level: string = process.env.VORZIMMER_LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'vorzimmer' } }, pino.destination({ fd: 2, sync: true }));
}

/** Creates a logger that drops everything, for tests and tools that want no log output. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
