/**
 * The announcement to the desk phone: "Call from <name>", the menu, and the key that decides.
 * The menu repeats after `*`, after an invalid key and after silence, up to the configured limit.
 */
import { TIMEOUTS } from '../util/timeouts.js';
import type { CallContext } from './context.js';
import type { CallerPresence } from './callerPresence.js';
import { deskKeyAction, deskMenuPrompt, type DeskChoice } from './deskMenu.js';
import { waitForFirst } from './waiting.js';

export type AnnouncementResult =
  | { kind: 'choice'; choice: DeskChoice; key: string }
  | { kind: 'caller-gone' }
  | { kind: 'desk-gone' }
  | { kind: 'no-key' };

/** Takes the phone-side modem off-hook, announces the caller and waits for the desk's choice. */
export async function runAnnouncement(
  context: CallContext,
  presence: CallerPresence,
  name: Buffer,
): Promise<AnnouncementResult> {
  const { deps } = context;
  context.enter('announcing');

  const deskGone = new AbortController();
  const stopHookWatch = deps.board.phonePort.onHookChange((state) => {
    if (state === 'on-hook') deskGone.abort();
  });
  const stop = AbortSignal.any([deskGone.signal, presence.signal]);

  try {
    await deps.phone.answer();
    const announcement =
      name.length > 0
        ? Buffer.concat([context.prompt('desk', 'call-from'), name])
        : context.prompt('desk', 'call-from', 'no-name');
    if (name.length > 0)
      context.logger.info({ side: 'desk', durationMs: Math.round(name.length / 8) }, 'playing recorded name');
    let silentRounds = 0;
    let withName = true;
    // A key pressed while "invalid key" plays is the next choice, so it must not be lost.
    let pendingKey: string | null = null;

    for (;;) {
      const key =
        pendingKey ?? (await playMenuAndWaitForKey(context, withName ? announcement : Buffer.alloc(0), stop));
      pendingKey = null;
      if (presence.gone) return await tellDeskCallerGone(context, deskGone.signal);
      if (deskGone.signal.aborted) return { kind: 'desk-gone' };

      if (key === null) {
        silentRounds++;
        if (silentRounds > deps.config.screening.menuRepeats) return { kind: 'no-key' };
        withName = true;
        continue;
      }

      const action = deskKeyAction(key, { voicemail: deps.config.voicemail.enabled });
      context.logger.info({ key, action: action.kind }, 'desk key');
      if (action.kind === 'choice') return { kind: 'choice', choice: action.choice, key };
      if (action.kind === 'invalid') {
        pendingKey = await playCatchingKey(context, context.prompt('desk', 'desk-invalid-key'), stop);
        withName = false;
      } else {
        withName = true;
      }
    }
  } finally {
    stopHookWatch();
  }
}

/** Plays the announcement and menu, then waits for a key. Returns the key, or null after silence or a stop. */
async function playMenuAndWaitForKey(
  context: CallContext,
  announcement: Buffer,
  stop: AbortSignal,
): Promise<string | null> {
  const { deps } = context;
  const menu = deskMenuPrompt({ voicemail: deps.config.voicemail.enabled });
  const audio = Buffer.concat([announcement, context.prompt('desk', menu)]);

  const caught = await playCatchingKey(context, audio, stop);
  if (caught !== null || stop.aborted) return caught;

  return waitForFirst<string | null>(deps.clock, TIMEOUTS.deskKeyWait, null, [
    (settle) => deps.phone.digits.add((digit) => settle(digit)),
    (settle) => {
      const listener = (): void => settle(null);
      stop.addEventListener('abort', listener);
      return () => stop.removeEventListener('abort', listener);
    },
  ]);
}

/**
 * Plays `audio` to the desk with barge-in. Returns the key that stopped it, or a key that arrived
 * between the end of playback and the return, or null. Listening from the start closes the gap in
 * which a key completed just as the prompt ended would otherwise be dropped.
 */
async function playCatchingKey(
  context: CallContext,
  audio: Buffer,
  stop: AbortSignal,
): Promise<string | null> {
  const { deps } = context;
  const keys: string[] = [];
  const stopListening = deps.phone.digits.add((digit) => keys.push(digit));
  try {
    const played = await deps.phone.play(audio, { bargeIn: true, signal: stop });
    if (played.kind === 'key') return played.digit;
    return keys[0] ?? null;
  } finally {
    stopListening();
  }
}

async function tellDeskCallerGone(context: CallContext, deskGone: AbortSignal): Promise<AnnouncementResult> {
  const { deps } = context;
  if (!deskGone.aborted) {
    await deps.phone.play(context.prompt('desk', 'caller-gone'), { bargeIn: false, signal: deskGone });
  }
  await deps.phone.hangUp();
  return { kind: 'caller-gone' };
}
