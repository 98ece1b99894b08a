/**
 * Formatted caller ID (`AT+VCID=1`, `AT#CID=1`): the modem prints one `TAG = value` line per field
 * of the FSK message. The tags come from TIA IS-101 and V.253 (`DATE`, `TIME`, `NMBR`, `NAME`,
 * `MESG`), with `DDN_NMBR` (Rockwell), `NDID` (Digi and Patton) and `ERRM` seen as well.
 * Conexant chips print spaces around `=` (`DATE = 0410`) and USRobotics 5637 and Lucent chips
 * print none (`DATE=0117`). The order of the lines is not fixed.
 */

import {
  classifyName,
  classifyNumber,
  parseCallerIdDate,
  parseCallerIdTime,
  type CallerIdDate,
  type CallerIdStatus,
  type CallerIdTime,
} from './callerIdFields.js';

export type { CallerIdStatus } from './callerIdFields.js';

/** Caller ID of one call, from formatted lines or from a raw packet. */
export interface CallerId {
  /** The caller's number as sent, keeping only digits and a leading `+`. Null unless status is 'present'. */
  number: string | null;
  status: CallerIdStatus;
  /** The listing name. Null unless nameStatus is 'present'. */
  name: string | null;
  nameStatus: CallerIdStatus;
  /** Month and day. Caller ID has no year, so 29 February is valid. Null if missing or invalid. */
  date: CallerIdDate | null;
  /** Hour and minute. Null if missing or invalid. */
  time: CallerIdTime | null;
  /** The number that was dialled (`DDN_NMBR`, `NDID`, MDMF parameter 0x03), never the caller's. */
  dialledNumber: string | null;
  /** `MESG` values: fields that the modem did not recognise, in ASCII hex. */
  messages: string[];
  /** The source lines, or the packet in hex. */
  raw: string[];
}

/** Tag of a formatted caller ID line. */
export type CallerIdTag = 'DATE' | 'TIME' | 'NMBR' | 'NAME' | 'MESG' | 'DDN_NMBR' | 'NDID' | 'ERRM';

const CALLER_ID_TAGS: ReadonlySet<string> = new Set<CallerIdTag>([
  'DATE',
  'TIME',
  'NMBR',
  'NAME',
  'MESG',
  'DDN_NMBR',
  'NDID',
  'ERRM',
]);

/** A whole tag, optional spaces around `=`, and a value that may be empty. */
const TAG_LINE = /^\s*([A-Za-z_]+)\s*=\s*(.*)$/;

/**
 * Parses one formatted caller ID line into its tag and trimmed value. Matches the whole tag, in
 * any case, so `DDN_NMBR = 123` is never read as `NMBR`. The value may be empty (`DATE =`).
 * Returns null for any other line.
 */
export function parseCallerIdLine(line: string): { tag: CallerIdTag; value: string } | null {
  const match = TAG_LINE.exec(line);
  if (match === null) return null;

  const tag = match[1]!.toUpperCase();
  if (!CALLER_ID_TAGS.has(tag)) return null;
  return { tag: tag as CallerIdTag, value: match[2]!.trim() };
}

/**
 * Returns a caller ID with no fields and the given status for number and name alike, for a call
 * whose caller ID did not arrive or could not be read.
 */
export function emptyCallerId(status: CallerIdStatus): CallerId {
  return {
    number: null,
    status,
    name: null,
    nameStatus: status,
    date: null,
    time: null,
    dialledNumber: null,
    messages: [],
    raw: [],
  };
}

/**
 * Collects the formatted caller ID lines of one call. For each single-valued field the first
 * non-empty value wins. That keeps the caller's number when a later line repeats or masks it.
 * NCID's data shows telcos that send `NMBR = ##########` and then `NMBR = O`. The first value
 * already reads as unavailable, so both lines give the same status.
 */
export class CallerIdAssembler {
  private lines: string[] = [];
  /** First non-empty value of each tag, or '' while the tag has only had empty values. */
  private fields = new Map<CallerIdTag, string>();
  private messages: string[] = [];

  /** Adds `line` if it is a caller ID line. Returns true if it was one. */
  push(line: string): boolean {
    const parsed = parseCallerIdLine(line);
    if (parsed === null) return false;

    this.lines.push(line);
    const { tag, value } = parsed;

    if (tag === 'MESG') {
      if (value !== '') this.messages.push(value);
    } else if ((this.fields.get(tag) ?? '') === '') {
      this.fields.set(tag, value);
    }
    return true;
  }

  /** Whether no caller ID line has been added since the last reset. */
  get isEmpty(): boolean {
    return this.lines.length === 0;
  }

  /**
   * Builds the caller ID from the lines so far. Without an NMBR line the status is 'absent'.
   * An NMBR line with an empty value gives 'unavailable', because a message arrived without a
   * number. NAME follows the same rules. Invalid dates and times become null. Never throws.
   */
  build(): CallerId {
    const numberValue = this.fields.get('NMBR');
    const number =
      numberValue === undefined ? { status: 'absent' as const, number: null } : classifyNumber(numberValue);

    const nameValue = this.fields.get('NAME');
    const name =
      nameValue === undefined ? { status: 'absent' as const, name: null } : classifyName(nameValue);

    const date = this.fields.get('DATE');
    const time = this.fields.get('TIME');
    const dialled = this.fields.get('DDN_NMBR') || this.fields.get('NDID') || null;

    return {
      number: number.number,
      status: number.status,
      name: name.name,
      nameStatus: name.status,
      date: date === undefined ? null : parseCallerIdDate(date),
      time: time === undefined ? null : parseCallerIdTime(time),
      dialledNumber: dialled,
      messages: [...this.messages],
      raw: [...this.lines],
    };
  }

  /** Forgets all lines, for the next call. */
  reset(): void {
    this.lines = [];
    this.fields = new Map();
    this.messages = [];
  }
}
