/**
 * The spoken prompts, loaded once at start-up as modem audio. The shipped set lives in
 * `prompts/<locale>/<name>.wav` (made by scripts/make-prompts.sh), and a user's own recording in
 * `<overrideDir>/<locale>/<name>.wav` replaces the shipped one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { SAMPLES_PER_MS, wavToModemAudio } from '../protocol/audio.js';
import { VorzimmerError, errorMessage } from '../util/errors.js';
import type { Logger } from '../util/log.js';

/** Names of all prompts. Each is a file `<name>.wav` in every locale folder. */
export const PROMPT_NAMES = [
  'screen-greeting',
  'beep',
  'hold',
  'call-from',
  'no-name',
  'desk-menu',
  'desk-menu-no-voicemail',
  'desk-invalid-key',
  'refusal',
  'voicemail-greeting',
  'voicemail-desk-confirm',
  'rejected-desk-confirm',
  'blocked-desk-confirm',
  'caller-gone',
  'robot-check',
  'digit-0',
  'digit-1',
  'digit-2',
  'digit-3',
  'digit-4',
  'digit-5',
  'digit-6',
  'digit-7',
  'digit-8',
  'digit-9',
  'goodbye',
] as const;

export type PromptName = (typeof PROMPT_NAMES)[number];

export interface PromptLibraryOptions {
  locale: 'de' | 'en';
  /** Folder with the user's replacements, laid out like the shipped one. */
  overrideDir?: string;
  logger: Logger;
  /** Folder of the shipped prompts; by default `prompts/` in the package root. */
  shippedDir?: string;
}

/** All prompts of one locale as modem audio (8 kHz mono unsigned 8-bit). */
export class PromptLibrary {
  private constructor(private audio: ReadonlyMap<PromptName, Buffer>) {}

  /**
   * Reads and converts every prompt. A user's file that cannot be converted is logged and the
   * shipped one used instead.
   * @throws VorzimmerError AUDIO_INVALID naming the file when a shipped prompt is missing or invalid.
   */
  static load(options: PromptLibraryOptions): PromptLibrary {
    const logger = options.logger.child({ module: 'prompts' });
    const shippedDir = options.shippedDir ?? join(findPackageRoot(), 'prompts');
    const audio = new Map<PromptName, Buffer>();
    let overrides = 0;

    for (const name of PROMPT_NAMES) {
      const override = options.overrideDir
        ? loadOverride(join(options.overrideDir, options.locale, `${name}.wav`), logger)
        : null;
      if (override) overrides++;
      audio.set(name, override ?? loadShipped(join(shippedDir, options.locale, `${name}.wav`)));
    }

    logger.info({ locale: options.locale, shippedDir, overrides }, 'Prompts loaded');
    return new PromptLibrary(audio);
  }

  /** Takes over the prompts of `other`, such as another locale's, from the next prompt played on. */
  replaceWith(other: PromptLibrary): void {
    this.audio = other.audio;
  }

  /** Returns the prompt as modem audio. */
  get(name: PromptName): Buffer {
    const audio = this.audio.get(name);
    if (!audio) throw new RangeError(`Unknown prompt "${name}".`);
    return audio;
  }

  /** Playing time of the prompt in ms. */
  durationMs(name: PromptName): number {
    return this.get(name).length / SAMPLES_PER_MS;
  }
}

function loadShipped(path: string): Buffer {
  if (!existsSync(path)) {
    throw new VorzimmerError(
      'AUDIO_INVALID',
      `Prompt file ${path} is missing. Reinstall the package, or run scripts/make-prompts.sh to make the prompts.`,
    );
  }

  try {
    return wavToModemAudio(readFileSync(path));
  } catch (error) {
    throw new VorzimmerError('AUDIO_INVALID', `Prompt file ${path} cannot be used: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

/** Returns the user's prompt, or null when there is none or it cannot be used. */
function loadOverride(path: string, logger: Logger): Buffer | null {
  if (!existsSync(path)) return null;

  try {
    const audio = wavToModemAudio(readFileSync(path));
    if (audio.length === 0) {
      logger.warn({ path }, 'Own prompt recording contains no samples, so the shipped prompt is used');
      return null;
    }
    logger.info({ path }, 'Using own prompt recording');
    return audio;
  } catch (error) {
    logger.warn(
      { path, err: errorMessage(error) },
      'Own prompt recording is invalid, so the shipped prompt is used',
    );
    return null;
  }
}

/** Walks up from this module to the folder with package.json, which works from src/ and from dist/. */
function findPackageRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) {
      throw new VorzimmerError(
        'AUDIO_INVALID',
        `Cannot find the package root (a folder with package.json) above ${start}, so the shipped prompts are missing.`,
      );
    }
  }
}
