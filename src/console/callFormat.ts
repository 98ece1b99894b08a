/** Formats call records, message times and numbers as the console shows them. */
import type { CallRecord } from '../storage/callLog.js';
import type { MessageId, MessageParams } from './messages.js';

/** Translates a message id in the console's current language. */
export type Translate = (id: MessageId, params?: MessageParams) => string;

const DECISION_IDS: Readonly<Record<NonNullable<CallRecord['decision']>, MessageId>> = {
  allow: 'decisionAllow',
  block: 'decisionBlock',
  screen: 'decisionScreen',
};

const OUTCOME_IDS: Readonly<Record<NonNullable<CallRecord['outcome']>, MessageId>> = {
  connected: 'outcomeConnected',
  voicemail: 'outcomeVoicemail',
  'no-message': 'outcomeNoMessage',
  rejected: 'outcomeRejected',
  'caller-hung-up': 'outcomeCallerHungUp',
  missed: 'outcomeMissed',
  ignored: 'outcomeIgnored',
};

const CALLER_STATUS_IDS: Readonly<Record<Exclude<CallRecord['callerIdStatus'], 'present'>, MessageId>> = {
  withheld: 'callerWithheld',
  unavailable: 'callerUnavailable',
  absent: 'callerAbsent',
};

/**
 * Formats an ISO 8601 time as `YYYY-MM-DD HH:MM` in a time zone, the box's own unless given.
 * Returns the text unchanged when it is not a valid time.
 */
export function formatTime(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;

  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** Formats a duration in milliseconds as `M:SS`. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Describes a caller: the number and name, or why there is no number. */
export function describeCaller(
  record: Pick<CallRecord, 'number' | 'rawNumber' | 'name' | 'callerIdStatus'>,
  translate: Translate,
  listName: string | null = null,
): string {
  const name = record.name ?? listName;
  const number =
    record.number ??
    record.rawNumber ??
    (record.callerIdStatus === 'present' ? '?' : translate(CALLER_STATUS_IDS[record.callerIdStatus]));
  return name !== null && name !== '' ? `${number} ${name}` : number;
}

/** Formats one call as a line: time, caller, decision and outcome. */
export function formatCall(
  record: CallRecord,
  translate: Translate,
  listName: string | null,
  timeZone?: string,
): string {
  const decision = translate(record.decision === null ? 'decisionNone' : DECISION_IDS[record.decision]);
  const outcome = record.outcome === null ? '' : ` → ${translate(OUTCOME_IDS[record.outcome])}`;
  return `${formatTime(record.startedAt, timeZone)}  ${describeCaller(record, translate, listName)}  ${decision}${outcome}`;
}
