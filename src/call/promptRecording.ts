/**
 * Recording a prompt at the desk phone: the phone-side modem goes off-hook, plays the beep,
 * records until `#`, silence after speech or the length limit, plays the recording back and saves
 * it as the user's own prompt. The modem is on-hook again whatever happens.
 */
import type { Config } from '../config/schema.js';
import type { Board } from '../hardware/board.js';
import type { VoiceModem } from '../modem/voiceModem.js';
import { SAMPLES_PER_MS, SilenceMeter, trimSilence } from '../protocol/audio.js';
import { errorMessage } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import { TIMEOUTS } from '../util/timeouts.js';
import {
  promptOverrideDir,
  promptOverridePath,
  reloadPromptLibrary,
  writePromptOverride,
} from './promptFiles.js';
import type { PromptLibrary, PromptName } from './prompts.js';

/** Shortest speech that makes a prompt recording worth keeping, in ms. */
const MIN_SPEECH_MS = 300;

/** Outcome of a prompt recording. */
export type PromptRecordingResult =
  | { kind: 'saved'; name: PromptName; path: string; durationMs: number }
  | { kind: 'no-speech'; name: PromptName }
  | { kind: 'desk-hung-up'; name: PromptName }
  | { kind: 'failed'; name: PromptName; detail: string };

/** Dependencies of the recording flow. */
export interface PromptRecordingDeps {
  phone: VoiceModem;
  board: Board;
  prompts: PromptLibrary;
  config: Config;
  logger: Logger;
  /** Aborted when the daemon stops. */
  signal?: AbortSignal;
}

/**
 * Records prompt `name` from the desk phone, which is off-hook on the box's own loop, and saves
 * it. Never throws: a failure is logged and returned.
 */
export async function recordPromptAtDesk(
  deps: PromptRecordingDeps,
  name: PromptName,
): Promise<PromptRecordingResult> {
  const logger = deps.logger.child({ module: 'prompt-recording', prompt: name });
  const deskGone = new AbortController();
  const stopHookWatch = deps.board.phonePort.onHookChange((state) => {
    if (state === 'on-hook') deskGone.abort();
  });
  const stop = deps.signal ? AbortSignal.any([deskGone.signal, deps.signal]) : deskGone.signal;

  try {
    logger.info('prompt recording started');
    return await recordAndSave(deps, name, stop, logger);
  } catch (error) {
    logger.error({ err: errorMessage(error) }, 'prompt recording failed');
    return { kind: 'failed', name, detail: errorMessage(error) };
  } finally {
    stopHookWatch();
    await deps.phone.hangUp();
    logger.info('prompt recording ended, phone-side modem on-hook');
  }
}

async function recordAndSave(
  deps: PromptRecordingDeps,
  name: PromptName,
  stop: AbortSignal,
  logger: Logger,
): Promise<PromptRecordingResult> {
  const { phone } = deps;
  await phone.answer();
  await phone.play(deps.prompts.get('beep'), { bargeIn: false, signal: stop });
  if (stop.aborted) return { kind: 'desk-hung-up', name };

  const { audio, end } = await phone.record({
    maxMs: TIMEOUTS.promptRecordingMax,
    silenceMs: TIMEOUTS.promptRecordingSilence,
    noSpeechMs: TIMEOUTS.recordingNoSpeech,
    stopKeys: ['#'],
    signal: stop,
  });
  if (stop.aborted) {
    logger.info({ end: end.kind }, 'desk phone hung up during the prompt recording, so it was dropped');
    return { kind: 'desk-hung-up', name };
  }

  const trimmed = trimSilence(audio);
  const meter = new SilenceMeter({});
  meter.push(trimmed);
  if (meter.speechMs < MIN_SPEECH_MS) {
    logger.info(
      { end: end.kind, recordedMs: audio.length / SAMPLES_PER_MS },
      'prompt recording contains no speech, so it was dropped',
    );
    return { kind: 'no-speech', name };
  }

  await phone.play(trimmed, { bargeIn: true, signal: stop });
  const path = promptOverridePath(promptOverrideDir(deps.config), deps.config.locale, name);
  await writePromptOverride(path, trimmed, logger);
  reloadPromptLibrary(deps.prompts, deps.config, logger);
  return { kind: 'saved', name, path, durationMs: Math.round(trimmed.length / SAMPLES_PER_MS) };
}
