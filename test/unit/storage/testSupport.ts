/**
 * Helpers for the storage tests: temporary data folders, a logger that keeps its entries, and
 * WAV and call record fixtures made up for the tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { pino } from 'pino';

import type { CallRecord } from '../../../src/storage/callLog.js';
import { newCallRecord } from '../../../src/storage/callRecord.js';
import type { Logger } from '../../../src/util/log.js';

/** A log entry as pino writes it. */
export type LogEntry = { level: number; msg: string } & Record<string, unknown>;

/** pino's numeric levels. */
export const LOG_LEVEL = { warn: 40, error: 50 } as const;

/** Creates a logger that keeps every entry in `entries`. */
export function captureLogger(): { logger: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const stream = { write: (line: string) => void entries.push(JSON.parse(line) as LogEntry) };
  return { logger: pino({ level: 'debug' }, stream), entries };
}

/** Creates an empty temporary folder and returns it with a function that deletes it. */
export async function makeTempDir(): Promise<{ dir: string; cleanUp: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'vorzimmer-storage-'));
  return { dir, cleanUp: () => rm(dir, { recursive: true, force: true }) };
}

/** Builds an 8 kHz, 8-bit mono PCM WAV file of silence that lasts `durationMs`. */
export function makeWav(durationMs: number): Buffer {
  const dataBytes = Math.round((8000 * durationMs) / 1000);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(8000, 24); // sample rate
  header.writeUInt32LE(8000, 28); // byte rate
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return Buffer.concat([header, Buffer.alloc(dataBytes, 0x80)]);
}

/** Builds a call record with the given id and otherwise typical values of a screened call. */
export function makeCallRecord(id: string): CallRecord {
  return {
    ...newCallRecord(id, '2024-12-04T10:15:00.000Z'),
    endedAt: '2024-12-04T10:16:00.000Z',
    rawCallerId: ['DATE = 1204', 'TIME = 1015', 'NMBR = 0895550177'],
    number: '+49895550177',
    rawNumber: '0895550177',
    callerIdStatus: 'present',
    decision: 'screen',
    rule: 'unknown-screened',
    outcome: 'connected',
    deskKey: '1',
    lineAnswered: true,
    deskRang: true,
    decisionMs: 12,
    durationMs: 60_000,
  };
}
