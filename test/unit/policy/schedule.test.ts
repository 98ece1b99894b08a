import { describe, expect, it } from 'vitest';

import {
  isQuietTime,
  localTimeOf,
  parseClockTime,
  type LocalTime,
  type QuietWindow,
} from '../../../src/policy/schedule.js';

const NIGHTS: QuietWindow = { days: ['mon', 'tue'], fromMinute: 22 * 60, toMinute: 7 * 60 };
const LUNCH: QuietWindow = { days: ['sat'], fromMinute: 12 * 60, toMinute: 13 * 60 + 30 };

function at(day: LocalTime['day'], clock: string): LocalTime {
  return { day, minute: parseClockTime(clock)! };
}

describe('parseClockTime', () => {
  it.each([
    ['00:00', 0],
    ['07:05', 425],
    ['23:59', 1439],
    ['24:00', 1440],
  ])('reads %s', (text, minutes) => {
    expect(parseClockTime(text)).toBe(minutes);
  });

  it.each(['7:00', '24:01', '25:00', '12:60', '12.30', '', 'noon'])('rejects %j', (text) => {
    expect(parseClockTime(text)).toBeNull();
  });
});

describe('isQuietTime', () => {
  it.each([
    { time: at('mon', '22:00'), quiet: true, why: 'start of the window' },
    { time: at('mon', '23:59'), quiet: true, why: 'before midnight' },
    { time: at('tue', '03:00'), quiet: true, why: 'after midnight, started Monday' },
    { time: at('tue', '06:59'), quiet: true, why: 'last minute' },
    { time: at('tue', '07:00'), quiet: false, why: 'end is exclusive' },
    { time: at('tue', '12:00'), quiet: false, why: 'daytime' },
    { time: at('wed', '03:00'), quiet: true, why: 'night that started Tuesday' },
    { time: at('wed', '22:30'), quiet: false, why: 'Wednesday is not listed' },
    { time: at('mon', '03:00'), quiet: false, why: 'Sunday night is not listed' },
  ])('night window: $why', ({ time, quiet }) => {
    expect(isQuietTime([NIGHTS], time)).toBe(quiet);
  });

  it.each([
    { time: at('sat', '11:59'), quiet: false },
    { time: at('sat', '12:00'), quiet: true },
    { time: at('sat', '13:29'), quiet: true },
    { time: at('sat', '13:30'), quiet: false },
    { time: at('sun', '12:30'), quiet: false },
  ])('same-day window at $time.day $time.minute', ({ time, quiet }) => {
    expect(isQuietTime([LUNCH], time)).toBe(quiet);
  });

  it('covers a whole day from 00:00 to 24:00', () => {
    const wholeSunday: QuietWindow = { days: ['sun'], fromMinute: 0, toMinute: 1440 };

    expect(isQuietTime([wholeSunday], at('sun', '23:59'))).toBe(true);
    expect(isQuietTime([wholeSunday], at('mon', '00:00'))).toBe(false);
  });

  it('is never quiet without windows', () => {
    expect(isQuietTime([], at('mon', '23:00'))).toBe(false);
  });
});

describe('localTimeOf', () => {
  it('reads weekday and minute in local time', () => {
    // 4 December 2024 was a Wednesday.
    const date = new Date(2024, 11, 4, 22, 15);

    expect(localTimeOf(date)).toEqual({ day: 'wed', minute: 22 * 60 + 15 });
  });

  it('reads 29 February', () => {
    const date = new Date(2024, 1, 29, 6, 0);

    expect(localTimeOf(date)).toEqual({ day: 'thu', minute: 360 });
  });
});
