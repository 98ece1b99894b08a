/**
 * Meaning of the `<DLE>x` codes that a voice modem sends to the host, in voice command state and
 * inside received audio. The codes come from ITU-T V.253 and TIA IS-101, with the chip differences
 * noted in the table below (Rockwell, Conexant, USRobotics, ZyXEL, Intel and Silicon Labs manuals).
 */

/** Name of an event that a modem reports with a `<DLE>x` code. */
export type DleEventName =
  | 'ring'
  | 'ringback'
  | 'busy'
  | 'dial-tone'
  | 'dtmf-start'
  | 'dtmf-end'
  | 'digit'
  | 'silence'
  | 'quiet'
  | 'underrun'
  | 'overrun'
  | 'loop-interruption'
  | 'polarity-reversal'
  | 'extension-off-hook'
  | 'extension-on-hook'
  | 'local-off-hook'
  | 'local-on-hook'
  | 'fax-calling'
  | 'data-calling'
  | 'answer-tone'
  | 'sit'
  | 'complex-event-start'
  | 'complex-event-end'
  | 'timing-mark'
  | 'unknown';

/** One decoded `<DLE>x` event. `code` is the byte after the DLE. */
export interface DleEvent {
  name: DleEventName;
  code: number;
  /** For 'digit': '0'-'9', '*', '#', 'A'-'D' */
  digit?: string;
}

/**
 * Event names by code character. Lower-case `d` is dial tone and never the DTMF digit D, which
 * arrives as upper-case `D`. Both 0x7E (`~`, V.253) and 0x7F (DEL, Intel MD566X and Silicon Labs
 * AN93) end a DTMF burst.
 */
const EVENT_BY_CODE: ReadonlyMap<string, DleEventName> = new Map<string, DleEventName>([
  ['R', 'ring'],
  ['r', 'ringback'],
  ['b', 'busy'],
  ['d', 'dial-tone'],
  ['/', 'dtmf-start'],
  ['~', 'dtmf-end'],
  ['\x7f', 'dtmf-end'],
  ['s', 'silence'],
  ['q', 'quiet'],
  ['u', 'underrun'],
  ['o', 'overrun'],
  ['l', 'loop-interruption'],
  ['L', 'polarity-reversal'],
  // Conexant reports a line voltage decrease (an extension phone picked up) as `P` and the
  // increase as `p`.
  ['P', 'extension-off-hook'],
  ['p', 'extension-on-hook'],
  ['H', 'local-off-hook'],
  ['h', 'local-on-hook'],
  ['c', 'fax-calling'],
  ['e', 'data-calling'],
  // `a` is the 2100 Hz answer tone and `f` the Bell 2225 Hz answer tone.
  ['a', 'answer-tone'],
  ['f', 'answer-tone'],
  ['J', 'sit'],
  ['X', 'complex-event-start'],
  ['.', 'complex-event-end'],
  ['T', 'timing-mark'],
]);

/**
 * DTMF digit codes. Some tables write `*` and `#` as `E` and `F`, but mgetty's IS-101 driver
 * reads `E` as "invalid voice format", so those two letters stay unknown here.
 */
const DTMF_DIGITS = '0123456789*#ABCD';

/**
 * Decodes the byte that follows a DLE into an event. Codes outside the table, such as `<ETX>`
 * (which the caller handles as the end of a data state) or the rare `$`, `t` and `v`, give
 * 'unknown' with the code kept, and so does a number that is not a byte. Never throws.
 */
export function decodeDleCode(code: number): DleEvent {
  if (!Number.isInteger(code) || code < 0 || code > 0xff) {
    return { name: 'unknown', code };
  }
  const character = String.fromCharCode(code);

  if (DTMF_DIGITS.includes(character)) {
    return { name: 'digit', code, digit: character };
  }

  const name = EVENT_BY_CODE.get(character);
  return { name: name ?? 'unknown', code };
}
