/**
 * `prompt record` at the console: the desk phone records a prompt, which is saved and used from
 * the next call on. The desk's speech is made-up audio from the simulated phone-side modem.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { loadScenarioFile } from '../../src/cli/simulate.js';
import { wavToModemAudio } from '../../src/protocol/audio.js';
import { runScenario, type ScenarioOutput } from '../../src/scenario/runner.js';
import type { ScenarioWorld } from '../../src/scenario/world.js';
import { createSilentLogger } from '../../src/util/log.js';

const folder = path.join(import.meta.dirname, 'console');
const SCENARIO = 'de-console-record-hold-prompt.json';
/** Made-up speech that the desk sends after the tone, in product ms. */
const DESK_SPEECH_MS = 2000;

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'vorzimmer-prompt-recording-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Speaks at the desk for DESK_SPEECH_MS when the phone-side modem starts its first recording. */
function speakAtDesk(world: ScenarioWorld): void {
  let spoken = false;
  world.phoneModem.onActivity((activity) => {
    if (activity !== 'recording' || spoken) return;
    spoken = true;
    world.phoneModem.setFarEndAudio('speech');
    void world.clock.sleep(DESK_SPEECH_MS).then(() => world.phoneModem.setFarEndAudio('silence'));
  });
}

/** Keeps the audio that the line-side modem played last when the desk phone starts ringing: the hold prompt. */
function captureHoldPrompt(world: ScenarioWorld, captured: Buffer[]): void {
  world.board.onActivity((event) => {
    if (event === 'desk-ringing') captured.push(Buffer.from(world.lineModem.playback.lastStream));
  });
}

describe('prompt recorded at the desk phone', () => {
  it('is saved and played to the next caller', async () => {
    const scenario = await loadScenarioFile(path.join(folder, SCENARIO));
    const consoleOutput: string[] = [];
    const holdPrompts: Buffer[] = [];
    const emit = (output: ScenarioOutput): void => {
      if (output.type === 'console') consoleOutput.push(output.output);
    };

    const result = await runScenario(scenario, {
      timeScale: 10,
      baseDir: folder,
      logger: createSilentLogger(),
      emit,
      dataDir,
      onReady: (world) => {
        speakAtDesk(world);
        captureHoldPrompt(world, holdPrompts);
      },
    });

    const saved = path.join(dataDir, 'prompts', 'de', 'hold.wav');
    expect(result.failures).toEqual([]);
    expect(result.pass).toBe(true);
    expect(consoleOutput[0]).toMatch(/^Bitte innerhalb von 60 s den Hörer/);
    expect((await stat(saved)).mode & 0o777).toBe(0o600);
    const recorded = wavToModemAudio(await readFile(saved));
    // The trimmed recording keeps 200 ms of silence on each side of the speech.
    expect(recorded.length).toBeGreaterThan((DESK_SPEECH_MS - 100) * 8);
    expect(recorded.length).toBeLessThan((DESK_SPEECH_MS + 600) * 8);
    expect(holdPrompts).toHaveLength(1);
    expect(holdPrompts[0]!.equals(recorded)).toBe(true);
  }, 60_000);

  it('without speech keeps the shipped prompt', async () => {
    const scenario = await loadScenarioFile(path.join(folder, SCENARIO));

    const result = await runScenario(scenario, {
      timeScale: 10,
      baseDir: folder,
      logger: createSilentLogger(),
      emit: () => undefined,
      dataDir,
    });

    expect(result.pass).toBe(true);
    await expect(stat(path.join(dataDir, 'prompts', 'de', 'hold.wav'))).rejects.toThrow(/ENOENT/);
  }, 60_000);
});
