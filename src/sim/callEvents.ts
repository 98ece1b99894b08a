/**
 * Events that the far end of a call causes and a voice modem reports while off-hook: key presses
 * as DTMF bursts and, after the far end hangs up, busy tone as `<DLE>b`. Their timers belong to
 * the call, so going on-hook ends them.
 */
import type { Clock, Timer } from '../util/clock.js';
import { DCE_EVENT, DTMF_DIGITS, DTMF_REPORT_INTERVAL_MS, scheduleKeyPress } from './dceEvents.js';
import type { FarEndAudio } from './farEndAudio.js';
import { TimerGroup } from './timerGroup.js';

/** Durations of far-end events in clock milliseconds. */
export const CALL_EVENT_TIMING = {
  /**
   * Far end hung up → first `<DLE>b`, then one every 4 s while the busy tone lasts (ZyXEL: repeated
   * about every 4 s). NOTE: the 1.5 s delay is an estimate; no CX93001 or USR 5637 capture shows it.
   */
  firstBusyReportMs: 1500,
  busyReportIntervalMs: 4000,
  /** Pause between two queued key presses. */
  keyGapMs: 60,
} as const;

/** Clock, audio and callbacks of the modem that the call events use. */
export interface CallEventsHost {
  readonly clock: Clock;
  readonly farEnd: FarEndAudio;
  /** Whether the modem reports shielded events now (off-hook in voice class). */
  canReport(): boolean;
  /** Sends `<DLE><code>`, after any receive audio that is due. */
  report(code: number): void;
}

/**
 * Checks a key press request.
 * @throws RangeError for a key that is not one of 0-9 * # A-D or a repeat count below 1.
 */
export function validateKeyPress(digit: string, repeats: number): void {
  if (digit.length !== 1 || !DTMF_DIGITS.includes(digit)) {
    throw new RangeError(`Invalid key "${digit}": expected one of ${DTMF_DIGITS}.`);
  }
  if (!Number.isInteger(repeats) || repeats < 1) {
    throw new RangeError(`Invalid repeat count ${repeats}: expected a whole number of at least 1.`);
  }
}

/** Key presses and busy reports of the call on the line. */
export class CallEvents {
  private readonly timers: TimerGroup;
  private keysFreeAtMs = 0;
  private busyReportTimer: Timer | null = null;

  constructor(private readonly host: CallEventsHost) {
    this.timers = new TimerGroup(host.clock);
  }

  /**
   * Schedules the reports of one key press and adds its tone to the far-end audio. A press during
   * another press starts when that one has ended.
   * @throws RangeError for a key that is not one of 0-9 * # A-D or a repeat count below 1.
   */
  pressKey(digit: string, repeats: number): void {
    validateKeyPress(digit, repeats);

    const nowMs = this.host.clock.now();
    const startMs = Math.max(nowMs, this.keysFreeAtMs);
    const toneMs = repeats * DTMF_REPORT_INTERVAL_MS;
    this.keysFreeAtMs = startMs + toneMs + CALL_EVENT_TIMING.keyGapMs;
    this.host.farEnd.addKeyTone(digit, startMs, startMs + toneMs);

    for (const { offsetMs, code } of scheduleKeyPress(digit, repeats)) {
      this.timers.schedule(startMs - nowMs + offsetMs, () => {
        if (this.host.canReport()) this.host.report(code);
      });
    }
  }

  /** Starts reporting busy tone: `<DLE>b` after 1.5 s and then every 4 s, while the modem can report. */
  startBusyReports(): void {
    if (this.busyReportTimer !== null) return;

    const report = (): void => {
      if (this.host.canReport()) this.host.report(DCE_EVENT.busy);
      this.busyReportTimer = this.timers.schedule(CALL_EVENT_TIMING.busyReportIntervalMs, report);
    };
    this.busyReportTimer = this.timers.schedule(CALL_EVENT_TIMING.firstBusyReportMs, report);
  }

  /** Ends the call's events: pending key reports and busy reports. */
  end(): void {
    this.timers.cancelAll();
    this.busyReportTimer = null;
    this.keysFreeAtMs = 0;
  }
}
