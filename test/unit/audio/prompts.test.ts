import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import wavefile from 'wavefile';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { PROMPT_NAMES, PromptLibrary } from '../../../src/call/prompts.js';
import { modemAudioToWav, wavToModemAudio } from '../../../src/protocol/audio.js';
import { isVorzimmerError } from '../../../src/util/errors.js';
import { createSilentLogger } from '../../../src/util/log.js';
import { createCapturingLogger, LOG_LEVEL } from '../hardware/testLogger.js';

const { WaveFile } = wavefile;

const SHIPPED_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../prompts');
const LOCALES = ['de', 'en'] as const;

let tempDir: string;

beforeEach(() => {
  tempDir = mkdtempSync(join(tmpdir(), 'vorzimmer-prompts-'));
});

afterEach(() => {
  rmSync(tempDir, { recursive: true, force: true });
});

describe('shipped prompts', () => {
  it.each(LOCALES)('match PROMPT_NAMES for %s', (locale) => {
    const files = readdirSync(join(SHIPPED_DIR, locale)).filter((file) => file.endsWith('.wav'));

    expect(files.sort()).toEqual(PROMPT_NAMES.map((name) => `${name}.wav`).sort());
  });

  it.each(LOCALES)('are 8 kHz mono 8-bit for %s', (locale) => {
    for (const name of PROMPT_NAMES) {
      const format = new WaveFile(readFileSync(join(SHIPPED_DIR, locale, `${name}.wav`))).fmt as {
        sampleRate: number;
        numChannels: number;
        bitsPerSample: number;
      };

      expect({ name, ...format }).toMatchObject({ name, sampleRate: 8000, numChannels: 1, bitsPerSample: 8 });
    }
  });
});

describe('PromptLibrary', () => {
  it.each(LOCALES)('loads every %s prompt', (locale) => {
    const library = PromptLibrary.load({ locale, logger: createSilentLogger() });

    for (const name of PROMPT_NAMES) {
      expect({ name, bytes: library.get(name).length > 0 }).toEqual({ name, bytes: true });
    }
  });

  it('finds the package prompts by default', () => {
    const library = PromptLibrary.load({ locale: 'en', logger: createSilentLogger() });
    const shipped = wavToModemAudio(readFileSync(join(SHIPPED_DIR, 'en', 'hold.wav')));

    expect(library.get('hold')).toEqual(shipped);
  });

  it('reports duration from the sample count', () => {
    const library = PromptLibrary.load({ locale: 'de', logger: createSilentLogger() });

    expect(library.durationMs('beep')).toBe(400);
  });

  it('uses an own recording when present', () => {
    const own = Buffer.alloc(1600, 0x90);
    mkdirSync(join(tempDir, 'de'));
    writeFileSync(join(tempDir, 'de', 'hold.wav'), modemAudioToWav(own));

    const library = PromptLibrary.load({ locale: 'de', overrideDir: tempDir, logger: createSilentLogger() });

    expect(library.get('hold')).toEqual(own);
    expect(library.durationMs('hold')).toBe(200);
  });

  it('ignores own recordings of another locale', () => {
    mkdirSync(join(tempDir, 'en'));
    writeFileSync(join(tempDir, 'en', 'hold.wav'), modemAudioToWav(Buffer.alloc(1600, 0x90)));
    const shipped = wavToModemAudio(readFileSync(join(SHIPPED_DIR, 'de', 'hold.wav')));

    const library = PromptLibrary.load({ locale: 'de', overrideDir: tempDir, logger: createSilentLogger() });

    expect(library.get('hold')).toEqual(shipped);
  });

  it('falls back on an invalid own recording', () => {
    mkdirSync(join(tempDir, 'en'));
    const ownPath = join(tempDir, 'en', 'goodbye.wav');
    writeFileSync(ownPath, 'this is not a WAV file');
    const { logger, records } = createCapturingLogger();
    const shipped = wavToModemAudio(readFileSync(join(SHIPPED_DIR, 'en', 'goodbye.wav')));

    const library = PromptLibrary.load({ locale: 'en', overrideDir: tempDir, logger });

    expect(library.get('goodbye')).toEqual(shipped);
    expect(records.some((record) => record.level === LOG_LEVEL.warn && record.path === ownPath)).toBe(true);
  });

  it('names a missing shipped prompt', () => {
    mkdirSync(join(tempDir, 'en'));
    for (const name of PROMPT_NAMES.filter((candidate) => candidate !== 'refusal')) {
      copyFileSync(join(SHIPPED_DIR, 'en', `${name}.wav`), join(tempDir, 'en', `${name}.wav`));
    }

    let caught: unknown;
    try {
      PromptLibrary.load({ locale: 'en', shippedDir: tempDir, logger: createSilentLogger() });
    } catch (error) {
      caught = error;
    }

    expect(isVorzimmerError(caught, 'AUDIO_INVALID')).toBe(true);
    expect((caught as Error).message).toContain(join(tempDir, 'en', 'refusal.wav'));
  });
});
