/**
 * Shielded event codes that a voice modem sends to the host as `<DLE><code>`, in command state
 * alone and in a receive stream between the audio bytes (V.253, IS-101; code letters as in the
 * Rockwell, ZyXEL and USRobotics tables).
 */
import { DLE, ETX } from '../protocol/dle.js';

/** Code bytes that follow a DLE. */
export const DCE_EVENT = {
  ring: 0x52, // 'R'
  busy: 0x62, // 'b'
  transmitUnderrun: 0x75, // 'u'
  dtmfStart: 0x2f, // '/'
  dtmfEnd: 0x7e, // '~'
  /** USR/ZyXEL "presumed hang-up": silence from the start for the +VSD time. */
  silence: 0x73, // 's'
  /** USR/ZyXEL "presumed end of message": voice, then silence for the +VSD time. */
  quiet: 0x71, // 'q'
  endOfData: ETX,
} as const;

/** Returns the two bytes `<DLE><code>`. */
export function shieldedEvent(code: number): Buffer {
  return Buffer.from([DLE, code]);
}

/** Keys that a DTMF report can name. */
export const DTMF_DIGITS = '0123456789*#ABCD';

/** Time between repeated digit reports while a key is held (MultiTech V.253 example: 70 ms resolution). */
export const DTMF_REPORT_INTERVAL_MS = 70;

/** One scheduled event of a key press, `offsetMs` after the key went down. */
export interface ScheduledCode {
  offsetMs: number;
  code: number;
}

/**
 * Schedules the reports of one key press as a shielding chip sends them: `<DLE>/` and the digit at
 * once, the digit again every 70 ms while the tone lasts, and `<DLE>~` when it ends. So `repeats`
 * = 2 gives `/ 5 5 ~` over 140 ms, as in the MultiTech example. Some mobiles cause three
 * repeats of one press ("000", reported by callattendant users).
 */
export function scheduleKeyPress(digit: string, repeats: number): ScheduledCode[] {
  const code = digit.charCodeAt(0);
  const schedule: ScheduledCode[] = [{ offsetMs: 0, code: DCE_EVENT.dtmfStart }];
  for (let repeat = 0; repeat < repeats; repeat++) {
    schedule.push({ offsetMs: repeat * DTMF_REPORT_INTERVAL_MS, code });
  }
  schedule.push({ offsetMs: repeats * DTMF_REPORT_INTERVAL_MS, code: DCE_EVENT.dtmfEnd });
  return schedule;
}
