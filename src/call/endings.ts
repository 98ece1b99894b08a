/** The ways a screened call ends at the desk's choice: connected, or rejected with a refusal. */
import type { CallContext } from './context.js';
import type { CallerPresence } from './callerPresence.js';
import { confirmToDesk } from './screening.js';

/**
 * Connects the held caller to the desk phone. The order matters: the phone-side modem hangs up,
 * then the relay drops so that the desk phone, already off-hook, takes over the line, and only
 * then does the line-side modem hang up, so the exchange never sees the line go on-hook.
 * Returns true: the desk phone is on the line.
 */
export async function connectCaller(context: CallContext): Promise<boolean> {
  const { deps } = context;
  context.enter('connecting');
  await deps.phone.hangUp();
  await deps.board.relay.setHeld(false);
  await deps.line.hangUp();
  context.record.outcome = 'connected';
  return true;
}

/** Plays the refusal to the caller and hangs up; optionally confirms to the desk at the same time. */
export async function rejectCaller(
  context: CallContext,
  presence: CallerPresence,
  options:
    | { informDesk: false }
    | { informDesk: true; deskPrompt: 'rejected-desk-confirm' | 'blocked-desk-confirm' },
): Promise<void> {
  const { deps } = context;
  context.enter('rejecting');
  const desk = options.informDesk ? confirmToDesk(context, options.deskPrompt) : Promise.resolve();

  if (!presence.gone) {
    await deps.line.play(context.prompt('line', 'refusal'), { bargeIn: false, signal: presence.signal });
  }
  await deps.line.hangUp();
  await desk;
  context.record.outcome = 'rejected';
}
