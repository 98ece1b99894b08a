/**
 * Voicemail: greeting, beep, and a recording that ends on silence, `#`, the time limit or the
 * caller hanging up. A recording with no speech is dropped; others are kept as WAV files.
 */
import { modemAudioToWav, SilenceMeter, trimSilence } from '../protocol/audio.js';
import { errorMessage } from '../util/errors.js';
import type { CallContext } from './context.js';
import type { CallerPresence } from './callerPresence.js';

/** Shortest speech that makes a recording worth keeping, in ms. */
const MIN_SPEECH_MS = 500;

/** Runs voicemail on an answered line and sets the outcome to `voicemail` or `no-message`. */
export async function runVoicemail(context: CallContext, presence: CallerPresence): Promise<void> {
  const { deps, record } = context;
  context.enter('voicemail');
  record.outcome = 'no-message';
  if (presence.gone) return;

  const greeting = context.prompt('line', 'voicemail-greeting', 'beep');
  await deps.line.play(greeting, { bargeIn: false, signal: presence.signal });
  if (presence.gone) return;

  const { audio, end } = await deps.line.record({
    maxMs: deps.config.voicemail.maxSeconds * 1000,
    silenceMs: deps.config.voicemail.silenceSeconds * 1000,
    noSpeechMs: deps.config.voicemail.silenceSeconds * 1000,
    stopKeys: ['#'],
  });
  context.logger.info({ end: end.kind, bytes: audio.length }, 'voicemail recorded');

  const trimmed = trimSilence(audio);
  const meter = new SilenceMeter({});
  meter.push(trimmed);
  if (meter.speechMs < MIN_SPEECH_MS) {
    context.note('The voicemail recording held no speech and was dropped.');
  } else {
    await keepMessage(context, trimmed);
  }

  if (!presence.gone && end.kind !== 'hang-up') {
    await deps.line.play(context.prompt('line', 'goodbye'), { bargeIn: false, signal: presence.signal });
  }
  await deps.line.hangUp();
}

async function keepMessage(context: CallContext, audio: Buffer): Promise<void> {
  const { deps, record } = context;
  try {
    const info = await deps.messages.save(modemAudioToWav(audio), {
      receivedAt: deps.wallNow().toISOString(),
      number: record.number,
      name: record.name,
      durationMs: Math.round((audio.length / 8000) * 1000),
      callId: record.id,
    });
    record.messageId = info.id;
    record.outcome = 'voicemail';
    context.logger.info({ messageId: info.id, durationMs: info.durationMs }, 'voicemail kept');
  } catch (error) {
    // The store keeps the recording in memory and retries, so the call still counts as a message.
    record.outcome = 'voicemail';
    context.note(`Saving the message failed: ${errorMessage(error)}`);
    context.logger.error({ err: errorMessage(error) }, 'saving voicemail failed');
  }
}
