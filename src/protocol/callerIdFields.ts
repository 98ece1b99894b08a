/**
 * Values of caller ID fields, shared by the formatted (`AT+VCID=1`) and unformatted
 * (`AT+VCID=2`) parsers: the date and time without a year, and the status that a number or name
 * value gives.
 */

/** Status of the caller's number or name, as a caller ID field reports it. */
export type CallerIdStatus = 'present' | 'withheld' | 'unavailable' | 'absent';

/** Month and day of a call. Caller ID carries no year. */
export interface CallerIdDate {
  month: number;
  day: number;
}

/** Hour (0-23) and minute of a call, in the exchange's local time. */
export interface CallerIdTime {
  hour: number;
  minute: number;
}

/** Most days of each month, with 29 for February because the year is unknown. */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Values that mean the caller withheld the number or name. `P` is the Bellcore and ETSI code.
 * `PRIVATE` and `ANONYMOUS` are NCID's expansions of `P` and `A`. `Restricted` and `WITHHELD`
 * appear in NCID's modem test data.
 */
const WITHHELD_VALUES: ReadonlySet<string> = new Set([
  'P',
  'PRIVATE',
  'RESTRICTED',
  'ANONYMOUS',
  'A',
  'WITHHELD',
]);

/**
 * Name values that mean the network had no name to send. `O` is the Bellcore and ETSI code and
 * `OUT-OF-AREA` NCID's expansion of it. Numbers need no list, because any value that is neither
 * a number nor withheld counts as unavailable.
 */
const UNAVAILABLE_VALUES: ReadonlySet<string> = new Set(['O', 'OUT-OF-AREA', 'UNAVAILABLE']);

/** Digits with an optional leading `+` and the separators that displays use. */
const DIALLABLE_NUMBER = /^\+?[\d\s\-./()]+$/;

/**
 * Parses an `MMDD` value. Accepts 29 February because the year is unknown. Returns null for
 * anything that is not four digits of a real day, such as `1345` or an empty value.
 */
export function parseCallerIdDate(value: string): CallerIdDate | null {
  const match = /^(\d\d)(\d\d)$/.exec(value.trim());
  if (match === null) return null;

  const month = Number(match[1]);
  const day = Number(match[2]);
  const maxDay = DAYS_IN_MONTH[month - 1];
  if (maxDay === undefined || day < 1 || day > maxDay) return null;
  return { month, day };
}

/**
 * Parses an `HHMM` value in 24-hour time. Returns null for anything that is not four digits of a
 * valid time, such as the five-digit `12541` seen in NCID's test data or `2405`.
 */
export function parseCallerIdTime(value: string): CallerIdTime | null {
  const match = /^(\d\d)(\d\d)$/.exec(value.trim());
  if (match === null) return null;

  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

/**
 * Classifies a calling number value and returns the number to store. A number is present only if
 * the value is made of digits, an optional leading `+` and separators. Its separators are removed,
 * so `+49 30 555-0123` gives `+49305550123`. A withheld code (`P`, `PRIVATE`, `Restricted`,
 * `Anonymous`, `A`) or all zeros (`0000000000`, seen with `NAME = PrivDirOff`) gives withheld.
 * Anything else, including `O`, masks such as `##########` and an empty value, gives
 * unavailable, because a caller ID message arrived without a number.
 */
export function classifyNumber(value: string): { status: CallerIdStatus; number: string | null } {
  const text = value.trim();
  if (WITHHELD_VALUES.has(text.toUpperCase())) return { status: 'withheld', number: null };

  if (DIALLABLE_NUMBER.test(text) && /\d/.test(text)) {
    const number = normaliseNumber(text);
    if (/^\+?0+$/.test(number)) return { status: 'withheld', number: null };
    return { status: 'present', number };
  }
  return { status: 'unavailable', number: null };
}

/**
 * Classifies a name value. The withheld and unavailable codes of numbers apply to names too
 * (`NAME = WITHHELD`, `NAME = Unavailable`, `NAME = P`). An empty value gives unavailable, and
 * any other text is a name.
 */
export function classifyName(value: string): { status: CallerIdStatus; name: string | null } {
  const text = value.trim();
  if (text === '') return { status: 'unavailable', name: null };

  const upper = text.toUpperCase();
  if (WITHHELD_VALUES.has(upper)) return { status: 'withheld', name: null };
  if (UNAVAILABLE_VALUES.has(upper)) return { status: 'unavailable', name: null };
  return { status: 'present', name: text };
}

/** Removes separators from a number, keeping the digits and a leading `+`. */
export function normaliseNumber(value: string): string {
  const text = value.trim();
  const digits = text.replace(/\D/g, '');
  return text.startsWith('+') ? `+${digits}` : digits;
}
