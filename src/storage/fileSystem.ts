/**
 * File system steps shared by the stores: syncing a folder after a rename, and turning a failed
 * write into an error that names the next step for the user.
 */
import { open, unlink } from 'node:fs/promises';

import { errorMessage, VorzimmerError } from '../util/errors.js';
import type { Logger } from '../util/log.js';

/** Error codes of a file system that has no room left (`ENOSPC`, `EDQUOT`) or accepts no writes (`EROFS`). */
const NO_ROOM_CODES: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT']);
const READ_ONLY_CODES: ReadonlySet<string> = new Set(['EROFS']);

/** Returns the `code` of a Node.js system error, such as `ENOENT`, or undefined. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Describes why a write failed, in words for the user: `the disk is full`, `the file system is
 * read-only`, or the system error message.
 */
export function describeWriteFailure(error: unknown): string {
  const code = errorCode(error) ?? '';
  if (NO_ROOM_CODES.has(code)) return 'the disk is full';
  if (READ_ONLY_CODES.has(code)) return 'the file system is read-only';
  return errorMessage(error);
}

/** Returns what to do after a failed write: free space, check the SD card, or check the folder. */
export function adviseOnWriteFailure(error: unknown, folder: string): string {
  const code = errorCode(error) ?? '';
  if (NO_ROOM_CODES.has(code)) return `Free space on the disk that holds ${folder}, then try again.`;
  if (READ_ONLY_CODES.has(code)) {
    return `Check the SD card: Linux makes a file system read-only after write errors.`;
  }
  return `Check that ${folder} exists and is writable, then try again.`;
}

/** Builds the STORAGE_FAILED error for a write that failed before it replaced anything. */
export function writeFailedError(error: unknown, path: string, folder: string, kept: string): VorzimmerError {
  return new VorzimmerError(
    'STORAGE_FAILED',
    `Cannot write ${path}: ${describeWriteFailure(error)}. ${kept} ${adviseOnWriteFailure(error, folder)}`,
    { cause: error },
  );
}

/**
 * Flushes a folder's entries to disk, so that a file created or renamed in it survives a power
 * cut. POSIX leaves this out of fsync on the file itself.
 */
export function fsyncDirectory(folder: string): Promise<void> {
  return syncFile(folder);
}

/** Flushes a file that is already written, such as a copy, to disk. */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Deletes a file if it exists. Logs, and does not throw, when that fails. */
export async function removeQuietly(path: string, logger: Logger): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') logger.warn({ path, err: error }, 'Failed to delete a temporary file');
  }
}

/** Creates a file, writes all of `data`, flushes it to disk and closes it. */
export async function writeFileSynced(
  path: string,
  data: string | Buffer,
  flags: 'w' | 'wx',
  mode: number,
): Promise<void> {
  const handle = await open(path, flags, mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
