/**
 * The user's own prompt recordings on disk: where they live, and writing or removing one so that
 * the daemon never reads half a file. The PromptLibrary reads them back at its next load.
 */
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import type { Config } from '../config/schema.js';
import { modemAudioToWav } from '../protocol/audio.js';
import { errorCode, fsyncDirectory, removeQuietly, writeFileSynced } from '../storage/fileSystem.js';
import type { Logger } from '../util/log.js';
import { PROMPT_NAMES, PromptLibrary, type PromptName } from './prompts.js';

/** Returns the folder of the user's prompts: `config.promptsDir`, or `<dataDir>/prompts` when unset. */
export function promptOverrideDir(config: Pick<Config, 'promptsDir' | 'dataDir'>): string {
  return config.promptsDir ?? join(config.dataDir, 'prompts');
}

/** Returns the path of the user's recording of prompt `name` in `locale`. */
export function promptOverridePath(overrideDir: string, locale: string, name: PromptName): string {
  return join(overrideDir, locale, `${name}.wav`);
}

/** Tests whether `name` is one of PROMPT_NAMES. */
export function isPromptName(name: string): name is PromptName {
  return (PROMPT_NAMES as readonly string[]).includes(name);
}

/**
 * Saves modem audio as the user's prompt: an 8 kHz mono 8-bit WAV file written to `PATH.tmp`,
 * flushed, renamed over PATH and the folder flushed, so a power cut leaves the old file or the
 * new one. The file gets mode 0o600 like the other files in the data folder.
 * @throws the file system's error when the folder cannot be made or the file cannot be written.
 */
export async function writePromptOverride(path: string, audio: Buffer, logger: Logger): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tempPath = `${path}.tmp`;
  try {
    await writeFileSynced(tempPath, modemAudioToWav(audio), 'w', 0o600);
    await rename(tempPath, path);
    await fsyncDirectory(dirname(path));
  } catch (error) {
    await removeQuietly(tempPath, logger);
    throw error;
  }
  logger.info({ path, bytes: audio.length }, 'Own prompt recording saved');
}

/**
 * Deletes the user's prompt file. Returns false when there was none.
 * @throws the file system's error for any other failure.
 */
export async function removePromptOverride(path: string, logger: Logger): Promise<boolean> {
  try {
    await unlink(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
  await fsyncDirectory(dirname(path));
  logger.info({ path }, 'Own prompt recording removed');
  return true;
}

/** Tests whether the user has an own recording of a prompt. */
export async function hasPromptOverride(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}

/** Loads the prompts of `config.locale` again, with the user's recordings, into `prompts`. */
export function reloadPromptLibrary(
  prompts: PromptLibrary,
  config: Pick<Config, 'promptsDir' | 'dataDir' | 'locale'>,
  logger: Logger,
): void {
  prompts.replaceWith(
    PromptLibrary.load({ locale: config.locale, overrideDir: promptOverrideDir(config), logger }),
  );
}
