/**
 * The do-not-disturb schedule: weekly time windows in which everyone except VIP contacts goes to
 * voicemail. Pure: the caller passes the local time in, so tests and the policy control it.
 */

/** Days of the week as the config writes them, in the order of `Date.getDay()` (Sunday first). */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export type Weekday = (typeof WEEKDAYS)[number];

/** Minutes in one day. */
const MINUTES_PER_DAY = 24 * 60;

/**
 * One window of the schedule. It starts at `fromMinute` on each of `days` and ends at `toMinute`
 * of the same day, or of the next day when `toMinute` is not later than `fromMinute`.
 */
export interface QuietWindow {
  days: readonly Weekday[];
  /** Minutes after local midnight, 0 to 1439. */
  fromMinute: number;
  /** Minutes after local midnight, 0 to 1440 (`24:00`). */
  toMinute: number;
}

/** A moment in the box's local time, as the schedule compares it. */
export interface LocalTime {
  day: Weekday;
  /** Minutes after local midnight, 0 to 1439. */
  minute: number;
}

/** Returns the weekday and minute of `date` in the system's time zone. */
export function localTimeOf(date: Date): LocalTime {
  return { day: WEEKDAYS[date.getDay()]!, minute: date.getHours() * 60 + date.getMinutes() };
}

/**
 * Parses `HH:MM` (24-hour clock, `24:00` allowed as an end) to minutes after midnight. Returns
 * null when the text is not such a time.
 */
export function parseClockTime(text: string): number | null {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (match === null) return null;

  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= MINUTES_PER_DAY ? minutes : null;
}

/** Tests whether `time` falls in one of the windows. */
export function isQuietTime(windows: readonly QuietWindow[], time: LocalTime): boolean {
  return windows.some((window) => windowContains(window, time));
}

function windowContains(window: QuietWindow, time: LocalTime): boolean {
  const { fromMinute, toMinute, days } = window;
  const crossesMidnight = toMinute <= fromMinute;

  if (!crossesMidnight) {
    return days.includes(time.day) && time.minute >= fromMinute && time.minute < toMinute;
  }

  // A window from 22:00 to 07:00 on Monday covers Monday 22:00 to Tuesday 07:00.
  if (days.includes(time.day) && time.minute >= fromMinute) return true;
  return days.includes(previousDay(time.day)) && time.minute < toMinute;
}

function previousDay(day: Weekday): Weekday {
  const index = WEEKDAYS.indexOf(day);
  return WEEKDAYS[(index + WEEKDAYS.length - 1) % WEEKDAYS.length]!;
}
