/**
 * Reading of append-only text files with one record per line, without loading the whole file:
 * counting lines by streaming, and reading the last lines backwards from the end.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

import { errorCode } from './fileSystem.js';

const NEWLINE = 0x0a;

/** Size of each block read backwards from the end of a file, in bytes. */
const TAIL_BLOCK_BYTES = 64 * 1024;

/** Line count and ending of a file. */
export interface LineFileSummary {
  exists: boolean;
  /** Lines that end in a newline and are not empty. */
  lines: number;
  bytes: number;
  /** Whether the file is empty or ends in a newline. False means the last line was cut off. */
  endsWithNewline: boolean;
}

/** Counts the lines of a file by streaming it. A missing file counts as empty. */
export async function summariseLineFile(path: string): Promise<LineFileSummary> {
  let lines = 0;
  let bytes = 0;
  let previousByte = NEWLINE;

  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      for (const byte of chunk) {
        if (byte === NEWLINE && previousByte !== NEWLINE) lines += 1;
        previousByte = byte;
      }
      bytes += chunk.length;
    }
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { exists: false, lines: 0, bytes: 0, endsWithNewline: true };
    throw error;
  }
  return { exists: true, lines, bytes, endsWithNewline: previousByte === NEWLINE };
}

/**
 * Returns up to `count` of the last non-empty lines of a file, newest first, without the
 * newline. A last line without a newline is included, because the caller decides whether it is
 * complete. Reads blocks backwards from the end until it has enough lines, so the cost depends on
 * `count` and not on the file's size. A missing file gives no lines.
 */
export async function readLastLines(path: string, count: number): Promise<string[]> {
  if (count <= 0) return [];

  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }

  try {
    const { size } = await handle.stat();
    let position = size;
    let tail = Buffer.alloc(0);

    // Until the start of the file, the first piece of the block may be a cut line, so it does not count.
    while (position > 0 && splitLines(tail, false).length < count) {
      const length = Math.min(TAIL_BLOCK_BYTES, position);
      position -= length;
      const block = Buffer.alloc(length);
      await handle.read(block, 0, length, position);
      tail = Buffer.concat([block, tail]);
    }

    const lines = splitLines(tail, position === 0);
    return lines.slice(-count).reverse();
  } finally {
    await handle.close();
  }
}

/**
 * Splits a block from the end of a file into non-empty lines, oldest first. Unless the block
 * starts at the beginning of the file, its first piece may be the end of an earlier line and is
 * dropped.
 */
function splitLines(block: Buffer, startsAtFileStart: boolean): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let index = block.indexOf(NEWLINE); index !== -1; index = block.indexOf(NEWLINE, index + 1)) {
    pieces.push(block.subarray(start, index).toString('utf8'));
    start = index + 1;
  }
  pieces.push(block.subarray(start).toString('utf8'));

  const complete = startsAtFileStart ? pieces : pieces.slice(1);
  return complete.filter((line) => line !== '');
}
