/**
 * The screen path: answer, optionally check for a robot, record the caller's name, hold them,
 * ring the desk phone with the screened cadence, announce the caller and act on the desk's key.
 */
import { REGION_FACTS } from '../config/regions.js';
import { trimSilence } from '../protocol/audio.js';
import { TIMEOUTS } from '../util/timeouts.js';
import type { PromptName } from './prompts.js';
import type { CallContext } from './context.js';
import type { CallerPresence } from './callerPresence.js';
import { runAnnouncement, type AnnouncementResult } from './announcement.js';
import { runVoicemail } from './voicemail.js';
import { waitForFirst } from './waiting.js';
import { connectCaller, rejectCaller } from './endings.js';

/** Runs the screen path. Returns true when the desk phone was left connected to the line. */
export async function runScreening(context: CallContext, presence: CallerPresence): Promise<boolean> {
  const { deps } = context;

  await context.answerLine();
  presence.lineAnswered();

  if (deps.config.policy.robotCheck && !(await passRobotCheck(context, presence))) {
    context.record.rule = 'robot-check';
    await rejectCaller(context, presence, { informDesk: false });
    return false;
  }

  const name = await askForName(context, presence);
  if (name === null) {
    context.record.outcome = 'caller-hung-up';
    return false;
  }

  context.enter('holding');
  // NOTE: while held the line modem only reports events; no silence is measured, so a caller who
  // hangs up without a busy or dial tone event is noticed only when the desk rings out or listens.
  await deps.line.play(context.prompt('line', 'hold'), { bargeIn: false, signal: presence.signal });
  if (presence.gone) {
    context.record.outcome = 'caller-hung-up';
    return false;
  }

  const pickedUp = await ringDeskForScreenedCaller(context, presence);
  if (pickedUp === 'gone') {
    context.record.outcome = 'caller-hung-up';
    return false;
  }
  if (pickedUp === 'no-answer') {
    context.note('Nobody answered the desk phone.');
    await voicemailOrRefusal(context, presence);
    return false;
  }

  const result = await runAnnouncement(context, presence, name);
  return actOnDeskResult(context, presence, result);
}

async function actOnDeskResult(
  context: CallContext,
  presence: CallerPresence,
  result: AnnouncementResult,
): Promise<boolean> {
  const { deps } = context;
  switch (result.kind) {
    case 'caller-gone':
      context.record.outcome = 'caller-hung-up';
      return false;
    case 'desk-gone':
    case 'no-key':
      context.note(
        result.kind === 'desk-gone'
          ? 'The desk phone hung up without a choice.'
          : 'No key was pressed at the desk.',
      );
      if (deps.phone.offHook) await deps.phone.hangUp();
      await voicemailOrRefusal(context, presence);
      return false;
    case 'choice':
      break;
  }

  context.record.deskKey = result.key;
  switch (result.choice) {
    case 'accept':
      return connectCaller(context);
    case 'accept-and-allow':
      await addToList(context, 'allow');
      return connectCaller(context);
    case 'voicemail': {
      const desk = confirmToDesk(context, 'voicemail-desk-confirm');
      await runVoicemail(context, presence);
      await desk;
      return false;
    }
    case 'block':
      await addToList(context, 'block');
      await rejectCaller(context, presence, { informDesk: true, deskPrompt: 'blocked-desk-confirm' });
      return false;
    case 'reject':
      await rejectCaller(context, presence, { informDesk: true, deskPrompt: 'rejected-desk-confirm' });
      return false;
  }
}

/**
 * Offers voicemail to a caller whom the desk did not take, or plays the refusal when voicemail is
 * switched off.
 */
async function voicemailOrRefusal(context: CallContext, presence: CallerPresence): Promise<void> {
  if (context.deps.config.voicemail.enabled) {
    context.note('The caller was offered voicemail.');
    await runVoicemail(context, presence);
    return;
  }
  context.note('Voicemail is switched off, so the caller heard the refusal.');
  await rejectCaller(context, presence, { informDesk: false });
}

/** Plays a confirmation to the desk phone and hangs up the phone-side modem; never throws. */
export async function confirmToDesk(
  context: CallContext,
  prompt: 'voicemail-desk-confirm' | 'rejected-desk-confirm' | 'blocked-desk-confirm',
): Promise<void> {
  const { deps } = context;
  const deskGone = new AbortController();
  const stop = deps.board.phonePort.onHookChange((state) => {
    if (state === 'on-hook') deskGone.abort();
  });
  try {
    if (deps.board.phonePort.hook === 'off-hook') {
      await deps.phone.play(context.prompt('desk', prompt), { bargeIn: false, signal: deskGone.signal });
    }
  } catch (error) {
    context.logger.warn({ err: String(error) }, 'confirmation to the desk failed');
  } finally {
    stop();
    await deps.phone.hangUp();
  }
}

async function addToList(context: CallContext, list: 'allow' | 'block'): Promise<void> {
  const { deps, record } = context;
  if (!record.number) {
    context.note(`The caller sent no number, so nothing was added to the ${list}list.`);
    return;
  }
  try {
    await deps.lists.add(list, record.number, record.name ?? '', 'desk');
    if (list === 'allow') record.allowlistAdded = true;
    else record.blocklistAdded = true;
    context.logger.info({ list, number: record.number }, 'number added to a list from the desk');
  } catch (error) {
    context.logger.error(
      { list, number: record.number, err: String(error) },
      'adding the number to a list failed',
    );
    context.note(`Adding ${record.number} to the ${list}list failed: ${String(error)}`);
  }
}

async function passRobotCheck(context: CallContext, presence: CallerPresence): Promise<boolean> {
  const { deps } = context;
  context.enter('robot-check');
  const digit = String(Math.floor(deps.random() * 10) % 10);
  const prompt = context.prompt('line', 'robot-check', `digit-${digit}` as PromptName);

  const played = await deps.line.play(prompt, { bargeIn: true, signal: presence.signal });
  const key =
    played.kind === 'key'
      ? played.digit
      : await waitForFirst<string | null>(deps.clock, TIMEOUTS.robotCheckKey, null, [
          (settle) => deps.line.digits.add((pressed) => settle(pressed)),
          presence.whenGone<string | null>(null),
        ]);
  context.logger.info({ expected: digit, pressed: key }, 'robot check');
  return key === digit;
}

/** Records the caller's name. Returns the trimmed audio (possibly empty), or null if the caller left. */
async function askForName(context: CallContext, presence: CallerPresence): Promise<Buffer | null> {
  const { deps } = context;
  const { screening } = deps.config;
  context.enter('asking-name');

  const greeting = context.prompt('line', 'screen-greeting', 'beep');
  await deps.line.play(greeting, { bargeIn: false, signal: presence.signal });
  if (presence.gone) return null;

  const { audio, end } = await deps.line.record({
    maxMs: screening.nameMaxSeconds * 1000,
    silenceMs: screening.nameSilenceSeconds * 1000,
    noSpeechMs: TIMEOUTS.recordingNoSpeech,
    stopKeys: ['#'],
    signal: presence.signal,
  });
  context.logger.info({ end: end.kind, bytes: audio.length }, 'name recorded');
  if (end.kind === 'hang-up' || presence.gone) return null;
  return trimSilence(audio);
}

async function ringDeskForScreenedCaller(
  context: CallContext,
  presence: CallerPresence,
): Promise<'picked-up' | 'gone' | 'no-answer'> {
  const { deps } = context;
  const cadence = REGION_FACTS[deps.config.region].screenedCadence;
  const periodMs = cadence.reduce((sum, part) => sum + part, 0);

  context.enter('ringing-desk');
  context.ringDesk(cadence);
  const result = await waitForFirst<'picked-up' | 'gone' | 'no-answer'>(
    deps.clock,
    periodMs * deps.config.screening.deskRings,
    'no-answer',
    [
      (settle) =>
        deps.board.phonePort.onHookChange((state) => {
          if (state === 'off-hook') settle('picked-up');
        }),
      presence.whenGone('gone'),
    ],
  );
  deps.board.phonePort.stopRinging();
  return result;
}
