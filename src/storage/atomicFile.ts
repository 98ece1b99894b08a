/**
 * A JSON file that is replaced atomically and keeps its last good version. The box runs from an
 * SD card and loses power without warning, so a write must leave either the old or the new file,
 * never a mix, and a damaged file must never be mistaken for empty data.
 */
import { copyFile, link, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

import { z } from 'zod';

import { errorMessage, VorzimmerError } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import {
  errorCode,
  fsyncDirectory,
  removeQuietly,
  syncFile,
  writeFailedError,
  writeFileSynced,
} from './fileSystem.js';
import { SerialQueue } from './serialQueue.js';

/** Maximum length of the description of a damaged file in a log line or error message, in characters. */
const MAX_PROBLEM_LENGTH = 600;

/** Error codes of `link` on file systems without hard links, such as FAT on a USB stick. */
const NO_HARD_LINK_CODES: ReadonlySet<string> = new Set([
  'EPERM',
  'ENOTSUP',
  'EOPNOTSUPP',
  'ENOSYS',
  'EXDEV',
]);

/** Options of an `AtomicJsonFile`. */
export interface AtomicJsonFileOptions<T> {
  /** Path of the file. The backup is `PATH.bak` and the temporary file `PATH.tmp`. */
  path: string;
  /** Schema that a file must pass to count as good. */
  schema: z.ZodType<T>;
  logger: Logger;
  /** Permission bits of new files, 0o600 unless given. */
  mode?: number;
}

type LoadResult<T> = { kind: 'ok'; value: T } | { kind: 'missing' } | { kind: 'damaged'; problem: string };

/**
 * One JSON file with a last good copy. It fits lowdb's `Adapter` interface, so `new Low(file,
 * defaults)` reads and writes through it.
 *
 * A write goes to `PATH.tmp`, which is flushed to disk and renamed over `PATH`, and then the
 * folder is flushed. Before that, the current file becomes `PATH.bak` if it is known to be good.
 * A file that failed to parse never becomes the backup.
 */
export class AtomicJsonFile<T> {
  readonly path: string;
  readonly backupPath: string;
  readonly tempPath: string;
  private readonly schema: z.ZodType<T>;
  private readonly logger: Logger;
  private readonly mode: number;
  private readonly queue = new SerialQueue();
  /** Whether `path` contains a good file: known after the first read or write, undefined before. */
  private currentIsGood: boolean | undefined;

  constructor(options: AtomicJsonFileOptions<T>) {
    this.path = options.path;
    this.backupPath = `${options.path}.bak`;
    this.tempPath = `${options.path}.tmp`;
    this.schema = options.schema;
    this.logger = options.logger;
    this.mode = options.mode ?? 0o600;
  }

  /**
   * Reads and validates the file. Returns null when neither the file nor its backup exists, which
   * is the first start. When the file is missing, empty, not JSON or fails the schema, the error
   * is logged and the backup is used instead. Throws VorzimmerError `STORAGE_FAILED` when the
   * backup cannot be used either, because returning empty data would silently lose the content.
   */
  read(): Promise<T | null> {
    return this.queue.run(() => this.readNow());
  }

  /**
   * Replaces the file with `value` as JSON. When the promise resolves, the new content is on
   * disk. Throws VorzimmerError `STORAGE_FAILED` when the disk is full, read-only or the write
   * fails otherwise. The message then states that the previous file is untouched.
   */
  write(value: T): Promise<void> {
    return this.queue.run(() => this.writeNow(value));
  }

  private async readNow(): Promise<T | null> {
    const current = await this.load(this.path);
    if (current.kind === 'ok') {
      this.currentIsGood = true;
      return current.value;
    }

    this.currentIsGood = false;
    if (current.kind === 'damaged') {
      this.logger.error(
        { path: this.path, problem: current.problem },
        'Data file is damaged, trying its backup',
      );
      await this.keepDamagedCopy();
    }

    const backup = await this.load(this.backupPath);
    if (backup.kind === 'ok') {
      this.logger.warn(
        { path: this.path, backupPath: this.backupPath },
        current.kind === 'missing'
          ? 'Data file is missing, recovered it from its backup'
          : 'Recovered data file from its backup',
      );
      return backup.value;
    }
    if (current.kind === 'missing' && backup.kind === 'missing') return null;

    throw this.unreadableError(current, backup);
  }

  private async writeNow(value: T): Promise<void> {
    const folder = dirname(this.path);
    const untouched = `The previous ${this.path} is untouched.`;

    try {
      await writeFileSynced(this.tempPath, `${JSON.stringify(value)}\n`, 'w', this.mode);
      if (await this.isCurrentGood()) await this.replaceBackup();
      await rename(this.tempPath, this.path);
    } catch (error) {
      await removeQuietly(this.tempPath, this.logger);
      this.logger.error({ path: this.path, err: error }, 'Failed to write data file');
      throw writeFailedError(error, this.path, folder, untouched);
    }
    this.currentIsGood = true;

    try {
      await fsyncDirectory(folder);
    } catch (error) {
      this.logger.error({ path: this.path, err: error }, 'Failed to flush the data folder after a write');
      throw new VorzimmerError(
        'STORAGE_FAILED',
        `Wrote ${this.path}, but flushing its folder ${folder} failed (${errorMessage(error)}), ` +
          `so a power cut may bring back the previous version. Check the SD card.`,
        { cause: error },
      );
    }
  }

  /** Reads and validates one file. */
  private async load(path: string): Promise<LoadResult<T>> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return { kind: 'missing' };
      return { kind: 'damaged', problem: `reading failed: ${errorMessage(error)}` };
    }
    if (text.trim() === '') return { kind: 'damaged', problem: 'the file is empty' };

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return { kind: 'damaged', problem: `not valid JSON: ${errorMessage(error)}` };
    }

    const parsed = this.schema.safeParse(json);
    if (!parsed.success) {
      return { kind: 'damaged', problem: `unexpected content: ${shorten(z.prettifyError(parsed.error))}` };
    }
    return { kind: 'ok', value: parsed.data };
  }

  /** Tests whether the file on disk may become the backup. Validates it once when nothing was read or written yet. */
  private async isCurrentGood(): Promise<boolean> {
    if (this.currentIsGood === undefined) {
      this.currentIsGood = (await this.load(this.path)).kind === 'ok';
    }
    return this.currentIsGood;
  }

  /**
   * Makes the current file the backup. A hard link costs no copy and no space on the SD card, and
   * the rename keeps the old backup in place until the new one is complete.
   */
  private async replaceBackup(): Promise<void> {
    const staging = `${this.backupPath}.tmp`;
    await removeQuietly(staging, this.logger);

    try {
      await link(this.path, staging);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') {
        this.logger.warn(
          { path: this.path },
          'Data file disappeared since the last write, so no backup is kept',
        );
        return;
      }
      if (!NO_HARD_LINK_CODES.has(errorCode(error) ?? '')) throw error;
      this.logger.debug(
        { path: this.path, code: errorCode(error) },
        'No hard links here, copying the backup',
      );
      await copyFile(this.path, staging);
      await syncFile(staging);
    }
    await rename(staging, this.backupPath);
  }

  /** Copies a damaged file to `PATH.damaged` for diagnosis, because the next write replaces it. */
  private async keepDamagedCopy(): Promise<void> {
    const damagedPath = `${this.path}.damaged`;
    try {
      await copyFile(this.path, damagedPath);
      this.logger.info({ path: this.path, damagedPath }, 'Kept a copy of the damaged data file');
    } catch (error) {
      this.logger.warn(
        { path: this.path, damagedPath, err: error },
        'Failed to keep a copy of the damaged data file',
      );
    }
  }

  private unreadableError(current: LoadResult<T>, backup: LoadResult<T>): VorzimmerError {
    this.logger.error(
      {
        path: this.path,
        backupPath: this.backupPath,
        problem: describeLoad(current),
        backupProblem: describeLoad(backup),
      },
      'Data file and its backup are both unusable',
    );
    return new VorzimmerError(
      'STORAGE_FAILED',
      `Cannot read ${this.path} (${describeLoad(current)}) or its backup ${this.backupPath} (${describeLoad(backup)}). ` +
        `Nothing was changed. Restore one of them from a copy, or move both away to start with empty data.`,
    );
  }
}

function describeLoad(result: LoadResult<unknown>): string {
  if (result.kind === 'damaged') return result.problem;
  return result.kind;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_PROBLEM_LENGTH ? `${oneLine.slice(0, MAX_PROBLEM_LENGTH)}…` : oneLine;
}
