/**
 * The format of the message index and its repair from the WAV files in the folder, for the case
 * where a power cut came between writing a recording and writing the index.
 */
import { readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { z } from 'zod';

import type { Logger } from '../util/log.js';
import { readWavDurationMs } from './wavDuration.js';

/** File name of a recording: the message id, which is letters, digits, `-` and `_`, then `.wav`. */
const WAV_FILE_NAME = /^[A-Za-z0-9_-]{1,64}\.wav$/;

/** A recording under its temporary name, while it is being saved. */
const TEMP_WAV_FILE_NAME = /^[A-Za-z0-9_-]{1,64}\.wav\.tmp$/;

/** Schema of one message in the index. `file` is a plain file name, so it can never point outside the folder. */
export const storedMessageSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  file: z.string().regex(WAV_FILE_NAME),
  receivedAt: z.string(),
  number: z.string().nullable(),
  name: z.string().nullable(),
  durationMs: z.number().nonnegative(),
  heard: z.boolean(),
  callId: z.string(),
});

/** Schema of `DATA/messages/index.json`. */
export const messageIndexSchema = z.object({ version: z.literal(1), messages: z.array(storedMessageSchema) });

/** One message as the index stores it. */
export type StoredMessage = z.infer<typeof storedMessageSchema>;

/** Content of `DATA/messages/index.json`. */
export type MessageIndex = z.infer<typeof messageIndexSchema>;

/**
 * Compares the index with the folder. Renames recordings left under their temporary name,
 * drops index entries whose WAV file is gone, and adds WAV files that the index does not list
 * as unheard messages. Returns the repaired list, or null when the index already matches.
 */
export async function reconcileMessageFolder(
  folder: string,
  indexed: readonly StoredMessage[],
  logger: Logger,
): Promise<StoredMessage[] | null> {
  const names = await recoverTempFiles(folder, await readdir(folder), logger);
  const wavNames = new Set(names.filter((name) => WAV_FILE_NAME.test(name)));

  const kept = indexed.filter((message) => wavNames.has(message.file));
  for (const message of indexed.filter((m) => !wavNames.has(m.file))) {
    logger.warn({ messageId: message.id, file: message.file }, 'Dropped a message whose WAV file is missing');
  }

  const listed = new Set(kept.map((message) => message.file));
  const found: StoredMessage[] = [];
  for (const name of [...wavNames].filter((n) => !listed.has(n)).sort()) {
    found.push(await describeUnlistedFile(folder, name, logger));
  }

  if (kept.length === indexed.length && found.length === 0) return null;
  return [...kept, ...found];
}

/**
 * Renames `<id>.wav.tmp` files, left by a power cut during a save, to `<id>.wav`, because a
 * partial recording is worth more than none. Returns the folder's names after that.
 */
async function recoverTempFiles(folder: string, names: string[], logger: Logger): Promise<string[]> {
  const result: string[] = [];
  for (const name of names) {
    if (!TEMP_WAV_FILE_NAME.test(name)) {
      result.push(name);
      continue;
    }

    const wavName = name.slice(0, -'.tmp'.length);
    try {
      await rename(join(folder, name), join(folder, wavName));
      logger.warn({ file: name }, 'Recovered a recording that was being saved during a power cut');
      result.push(wavName);
    } catch (error) {
      logger.error({ file: name, err: error }, 'Failed to recover a recording that was being saved');
    }
  }
  return result;
}

/** Builds an index entry for a WAV file from its header and modification time. Caller and call are unknown. */
async function describeUnlistedFile(folder: string, name: string, logger: Logger): Promise<StoredMessage> {
  const path = join(folder, name);
  const { mtime } = await stat(path);
  let durationMs = 0;
  try {
    durationMs = (await readWavDurationMs(path)) ?? 0;
  } catch (error) {
    logger.warn({ path, err: error }, 'Failed to read the WAV header of a recording');
  }

  logger.warn({ path, durationMs }, 'Added a WAV file that the message index did not list');
  return {
    id: name.slice(0, -'.wav'.length),
    file: name,
    receivedAt: mtime.toISOString(),
    number: null,
    name: null,
    durationMs,
    heard: false,
    callId: '',
  };
}
