import { describe, expect, it } from 'vitest';

import { scheduleKeyPress } from '../../../src/sim/dceEvents.js';

describe('scheduleKeyPress', () => {
  it('spaces repeated digits 70 ms apart', () => {
    const schedule = scheduleKeyPress('5', 2).map(({ offsetMs, code }) => [
      offsetMs,
      String.fromCharCode(code),
    ]);
    expect(schedule).toEqual([
      [0, '/'],
      [0, '5'],
      [70, '5'],
      [140, '~'],
    ]);
  });

  it('repeats a digit three times for a mobile burst', () => {
    const codes = scheduleKeyPress('0', 3).map(({ code }) => String.fromCharCode(code));
    expect(codes.join('')).toBe('/000~');
  });
});
