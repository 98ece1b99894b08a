/**
 * The call log: one JSON line per call in `DATA/calls.jsonl`. Logging a call appends one line
 * and flushes it, so the bytes written per call do not grow with the log. When the current file
 * reaches half of `maxEntries` lines it becomes `DATA/calls.1.jsonl`, replacing the older one,
 * so between `maxEntries / 2` and `maxEntries` calls are kept.
 */
import { mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';

import { errorMessage } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import { callRecordSchema, type CallRecord } from './callRecord.js';
import { fsyncDirectory, writeFailedError } from './fileSystem.js';
import { readLastLines, summariseLineFile } from './lineFile.js';
import { SerialQueue } from './serialQueue.js';

export type { CallRecord } from './callRecord.js';

/** Options of `CallLog.open`. */
export interface CallLogOptions {
  dataDir: string;
  /** Most calls kept, from the config's `callLog.maxEntries`. At least 2. */
  maxEntries: number;
  logger: Logger;
}

/** The call log on disk. Appends and reads run one at a time. */
export class CallLog {
  private readonly queue = new SerialQueue();
  private readonly currentPath: string;
  private readonly previousPath: string;
  private readonly rotateAtLines: number;
  private currentLines: number;
  private previousLines: number;
  /** Whether the file may end in a cut-off line, so the next record must start on a new line. */
  private needsNewline: boolean;
  /** Whether the folder entry of the current file is known to be on disk. */
  private currentFileSynced: boolean;

  private constructor(
    private readonly dataDir: string,
    maxEntries: number,
    private readonly logger: Logger,
    state: { currentLines: number; previousLines: number; needsNewline: boolean; currentExists: boolean },
  ) {
    this.currentPath = join(dataDir, 'calls.jsonl');
    this.previousPath = join(dataDir, 'calls.1.jsonl');
    this.rotateAtLines = Math.max(1, Math.floor(maxEntries / 2));
    this.currentLines = state.currentLines;
    this.previousLines = state.previousLines;
    this.needsNewline = state.needsNewline;
    this.currentFileSynced = state.currentExists;
  }

  /**
   * Opens the call log, creating the folder if needed. Counts the lines of both files by
   * streaming them. A last line cut off by a power cut is logged and left in place. Readers
   * skip it, and the next record starts on a new line.
   */
  static async open(options: CallLogOptions): Promise<CallLog> {
    await mkdir(options.dataDir, { recursive: true });
    const currentPath = join(options.dataDir, 'calls.jsonl');
    const current = await summariseLineFile(currentPath);
    const previous = await summariseLineFile(join(options.dataDir, 'calls.1.jsonl'));

    if (!current.endsWithNewline) {
      options.logger.warn(
        { path: currentPath },
        'Call log ends in a cut-off line, probably from a power cut. Skipping it',
      );
    }
    options.logger.info(
      { path: currentPath, currentLines: current.lines, previousLines: previous.lines },
      'Opened the call log',
    );
    return new CallLog(options.dataDir, options.maxEntries, options.logger, {
      currentLines: current.lines,
      previousLines: previous.lines,
      needsNewline: !current.endsWithNewline,
      currentExists: current.exists,
    });
  }

  /** Number of calls in both files, including lines that may turn out unreadable. */
  get size(): number {
    return this.currentLines + this.previousLines;
  }

  /**
   * Appends one record as a JSON line and flushes it to disk. Throws VorzimmerError
   * `STORAGE_FAILED` when the write fails. Earlier records are untouched then.
   */
  append(record: CallRecord): Promise<void> {
    return this.queue.run(async () => {
      if (this.currentLines >= this.rotateAtLines) await this.rotate();

      const line = `${this.needsNewline ? '\n' : ''}${JSON.stringify(record)}\n`;
      try {
        await appendSynced(this.currentPath, line);
      } catch (error) {
        // Part of the line may have reached the disk, so the next record starts on a new line.
        this.needsNewline = true;
        this.logger.error(
          { path: this.currentPath, callId: record.id, err: error },
          'Failed to append to the call log',
        );
        throw writeFailedError(error, this.currentPath, this.dataDir, 'Earlier records are untouched.');
      }

      this.needsNewline = false;
      this.currentLines += 1;
      await this.syncNewFile();
    });
  }

  /**
   * Returns up to `count` of the latest records, newest first. Reads only the end of the files.
   * Lines that are not valid records, such as one cut off by a power cut, are skipped and logged.
   */
  recent(count: number): Promise<CallRecord[]> {
    return this.queue.run(async () => {
      const records = await this.readRecords(this.currentPath, count);
      if (records.length < count)
        records.push(...(await this.readRecords(this.previousPath, count - records.length)));
      return records;
    });
  }

  /** Reads up to `count` valid records from the end of one file, newest first. */
  private async readRecords(path: string, count: number): Promise<CallRecord[]> {
    let skipped = 0;
    let records: CallRecord[] = [];

    // Each damaged line takes the place of a record, so read again with room for the skipped ones.
    for (let wanted = count; ; wanted = count + skipped) {
      const lines = await readLastLines(path, wanted);
      records = [];
      skipped = 0;
      for (const line of lines) {
        const record = parseRecord(line);
        if (record === null) skipped += 1;
        else if (records.length < count) records.push(record);
      }
      if (records.length >= count || lines.length < wanted) break;
    }

    if (skipped > 0) this.logger.warn({ path, skipped }, 'Skipped unreadable lines in the call log');
    return records;
  }

  /** Makes the current file the previous one. On failure, logs and keeps appending to the current file. */
  private async rotate(): Promise<void> {
    try {
      await rename(this.currentPath, this.previousPath);
    } catch (error) {
      this.logger.error(
        { path: this.currentPath, err: error },
        `Failed to rotate the call log (${errorMessage(error)}). Appending to the current file`,
      );
      return;
    }

    this.logger.info({ path: this.previousPath, lines: this.currentLines }, 'Rotated the call log');
    this.previousLines = this.currentLines;
    this.currentLines = 0;
    this.needsNewline = false;
    this.currentFileSynced = false;
  }

  /** Flushes the folder once after the current file was created, so that the file survives a power cut. */
  private async syncNewFile(): Promise<void> {
    if (this.currentFileSynced) return;
    try {
      await fsyncDirectory(this.dataDir);
      this.currentFileSynced = true;
    } catch (error) {
      this.logger.error(
        { path: this.dataDir, err: error },
        'Failed to flush the data folder after creating the call log',
      );
    }
  }
}

function parseRecord(line: string): CallRecord | null {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return null;
  }
  const parsed = callRecordSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Appends text to a file, creating it with owner-only permissions, and flushes it to disk. */
async function appendSynced(path: string, text: string): Promise<void> {
  const handle = await open(path, 'a', 0o600);
  try {
    await handle.writeFile(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
