import { pino } from 'pino';

import type { Logger } from '../../../src/util/log.js';

export interface LogRecord {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** Creates a pino logger that keeps its records in memory, so that tests can check what was logged. */
export function createCapturingLogger(): { logger: Logger; records: LogRecord[] } {
  const records: LogRecord[] = [];
  const stream = { write: (line: string) => records.push(JSON.parse(line) as LogRecord) };
  return { logger: pino({ level: 'debug' }, stream), records };
}

/** pino's numeric levels. */
export const LOG_LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;
