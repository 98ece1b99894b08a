/** The `log`, `messages`, `play`, `delete` and `status` commands. */
import type { DaemonState } from '../daemon/daemon.js';
import type { MessageInfo } from '../storage/messages.js';
import { errorMessage } from '../util/errors.js';
import { describeCaller, formatCall, formatDuration, formatTime } from './callFormat.js';
import type { CommandContext, CommandHandler } from './commandContext.js';
import { isArgumentWord } from './commandTable.js';
import type { Word } from './inputLine.js';
import type { MessageId } from './messages.js';

/** Number of calls that `log` shows without a count. */
export const DEFAULT_LOG_COUNT = 10;

/** Maximum calls that one `log` shows, so that a typo cannot flood a 9600 baud line. */
export const MAX_LOG_COUNT = 500;

/** Words for the daemon's states. A state added later without words here shows its own name. */
const DAEMON_STATE_IDS: Readonly<Partial<Record<DaemonState, MessageId>>> = {
  starting: 'daemonStarting',
  idle: 'daemonIdle',
  'in-call': 'daemonInCall',
  'desk-call': 'daemonDeskCall',
  'prompt-recording': 'daemonPromptRecording',
  degraded: 'daemonDegraded',
  failed: 'daemonFailed',
  stopped: 'daemonStopped',
};

/** Returns the allowlist or blocklist name of an E.164 number, for calls whose caller ID had no name. */
function nameFromLists(context: CommandContext, e164: string | null): string | null {
  if (e164 === null) return null;
  const index = context.deps.lists.index();
  return index.bestMatch('allow', e164)?.name ?? index.bestMatch('block', e164)?.name ?? null;
}

/** `log [N]`: shows the last N calls, newest first. */
export const logCommand: CommandHandler = async (context, args) => {
  if (args.length > 1)
    return context.translate('unexpectedWord', { word: args[1]!.text, usage: context.usage('log') });

  let count = DEFAULT_LOG_COUNT;
  if (args.length === 1) {
    const parsed = parseWholeNumber(args[0]!.text);
    if (parsed === null || parsed < 1 || parsed > MAX_LOG_COUNT) {
      const example = context.translate('helpLogExample');
      return context.translate('countInvalid', { value: args[0]!.text, max: MAX_LOG_COUNT, example });
    }
    count = parsed;
  }

  const records = await context.deps.callLog.recent(count);
  if (records.length === 0) return context.translate('logEmpty');

  const lines = records.map(
    (record) =>
      `  ${formatCall(record, context.translate, nameFromLists(context, record.number), context.deps.timeZone)}`,
  );
  return [context.translate('logHeading', { count: records.length }), ...lines].join('\n');
};

/** `messages`: lists the messages and remembers their order for `play` and `delete`. */
export const messagesCommand: CommandHandler = async (context, args) => {
  if (args.length > 0)
    return context.translate('unexpectedWord', { word: args[0]!.text, usage: context.usage('messages') });

  const messages = context.deps.messages.list();
  context.session.shownMessageIds = messages.map((message) => message.id);
  if (messages.length === 0) return context.translate('messagesEmpty');

  const unheard = messages.filter((message) => !message.heard).length;
  const lines = messages.map((message, index) => {
    const marker = message.heard ? '' : context.translate('messageNew');
    const caller = describeMessageCaller(context, message);
    const time = formatTime(message.receivedAt, context.deps.timeZone);
    return `  ${String(index + 1).padStart(3)}  ${marker.padEnd(4)}  ${time}  ${formatDuration(message.durationMs).padStart(5)}  ${caller}`;
  });
  return [
    context.translate('messagesHeading', { count: messages.length, unheard }),
    ...lines,
    context.translate('messagesHint'),
  ].join('\n');
};

function describeMessageCaller(context: CommandContext, message: MessageInfo): string {
  const status = message.number === null ? 'absent' : 'present';
  return describeCaller(
    { number: message.number, rawNumber: null, name: message.name, callerIdStatus: status },
    context.translate,
    nameFromLists(context, message.number),
  );
}

/**
 * Resolves a message number as `messages` showed it last, or as the current list shows it when
 * `messages` was not used yet. Returns the message or the text to show instead.
 */
function resolveMessage(
  context: CommandContext,
  word: Word | undefined,
  usageId: 'play' | 'delete',
): MessageInfo | string {
  if (word === undefined)
    return context.translate('missingArgument', { argument: 'N', usage: context.usage(usageId) });

  const current = context.deps.messages.list();
  const order = context.session.shownMessageIds ?? current.map((message) => message.id);
  if (order.length === 0) return context.translate('messagesNone');

  const index = parseWholeNumber(word.text);
  if (index === null || index < 1 || index > order.length) {
    return context.translate('messageNumberInvalid', { value: word.text, max: order.length });
  }
  const message = current.find((candidate) => candidate.id === order[index - 1]);
  return message ?? context.translate('messageGone', { index });
}

/** `play N`: plays a message on the speaker and marks it as heard. */
export const playCommand: CommandHandler = async (context, args) => {
  if (args.length > 1)
    return context.translate('unexpectedWord', { word: args[1]!.text, usage: context.usage('play') });
  const message = resolveMessage(context, args[0], 'play');
  if (typeof message === 'string') return message;

  const index = args[0]!.text;
  const details = {
    index,
    caller: describeMessageCaller(context, message),
    time: formatTime(message.receivedAt, context.deps.timeZone),
  };
  try {
    await context.deps.playMessage(message.file);
  } catch (error) {
    context.deps.logger.warn(
      { messageId: message.id, err: error },
      'Failed to play a message on the speaker',
    );
    return context.translate('messagePlayFailed', { index, detail: errorMessage(error) });
  }

  await context.deps.messages.markHeard(message.id);
  return context.translate('messagePlayed', details);
};

/** `delete message N`: deletes a message and its recording. */
export const deleteCommand: CommandHandler = async (context, args) => {
  if (args.length === 0 || !isArgumentWord(args[0]!.text, 'message', context.session.locale)) {
    const word = args[0]?.text;
    return word === undefined
      ? context.translate('missingArgument', { argument: 'message', usage: context.usage('delete') })
      : context.translate('unexpectedWord', { word, usage: context.usage('delete') });
  }
  if (args.length > 2)
    return context.translate('unexpectedWord', { word: args[2]!.text, usage: context.usage('delete') });

  const message = resolveMessage(context, args[1], 'delete');
  if (typeof message === 'string') return message;

  await context.deps.messages.delete(message.id);
  return context.translate('messageDeleted', {
    index: args[1]!.text,
    caller: describeMessageCaller(context, message),
    time: formatTime(message.receivedAt, context.deps.timeZone),
  });
};

/** `status`: daemon, modems, relay, last call, messages and list sizes. */
export const statusCommand: CommandHandler = async (context, args) => {
  if (args.length > 0)
    return context.translate('unexpectedWord', { word: args[0]!.text, usage: context.usage('status') });
  const { translate } = context;
  const status = context.deps.status();
  const lines: string[] = [];

  if (status.daemon === null) lines.push(translate('statusDaemonHidden'));
  else {
    const stateId = DAEMON_STATE_IDS[status.daemon];
    lines.push(
      translate('statusDaemon', { state: stateId === undefined ? status.daemon : translate(stateId) }),
    );
  }

  if (status.modems !== null) {
    const modem = (state: 'ready' | 'not-connected'): string =>
      translate(state === 'ready' ? 'modemReady' : 'modemNotConnected');
    lines.push(
      translate('statusModems', { line: modem(status.modems.line), phone: modem(status.modems.phone) }),
    );
  }
  if (status.relayHeld !== null)
    lines.push(translate(status.relayHeld ? 'statusRelayHeld' : 'statusRelayReleased'));

  const [last] = await context.deps.callLog.recent(1);
  lines.push(
    last === undefined
      ? translate('statusNoCalls')
      : translate('statusLastCall', {
          call: formatCall(last, translate, nameFromLists(context, last.number), context.deps.timeZone),
        }),
  );

  const { messages, lists } = context.deps;
  lines.push(
    translate('statusMessages', { count: messages.list().length, unheard: messages.unheardCount() }),
  );
  const snapshot = lists.snapshot();
  lines.push(translate('statusLists', { allow: snapshot.allow.length, block: snapshot.block.length }));
  return lines.join('\n');
};

/** Parses a whole number written with digits only, or returns null. */
export function parseWholeNumber(text: string): number | null {
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
}
