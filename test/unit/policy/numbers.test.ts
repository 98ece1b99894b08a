import { describe, expect, it } from 'vitest';

import {
  formatPattern,
  normaliseCallerNumber,
  isOwnCountryPrefix,
  parseListPattern,
  parseStoredPattern,
  patternMatches,
  type ListPattern,
  type NumberContext,
} from '../../../src/policy/numbers.js';
import { isVorzimmerError } from '../../../src/util/errors.js';

const BERLIN: NumberContext = { region: 'DE', areaCode: '030' };
const GERMANY: NumberContext = { region: 'DE' };
const LONDON: NumberContext = { region: 'UK', areaCode: '020' };
const UK: NumberContext = { region: 'UK' };
const NEW_YORK: NumberContext = { region: 'US', areaCode: '212' };
const US: NumberContext = { region: 'US' };

/** Returns the error that `parseListPattern` throws, or fails the test when it returns. */
function parseError(raw: string, context: NumberContext): Error {
  try {
    parseListPattern(raw, context);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`parseListPattern("${raw}") returned instead of throwing`);
}

describe('normaliseCallerNumber', () => {
  it.each([
    { raw: '0305550123', context: BERLIN, e164: '+49305550123' },
    { raw: '+49305550123', context: BERLIN, e164: '+49305550123' },
    { raw: '0049305550123', context: BERLIN, e164: '+49305550123' },
    { raw: '5550123', context: BERLIN, e164: '+49305550123' },
    { raw: '0895550177', context: BERLIN, e164: '+49895550177' },
    { raw: '0895550177', context: GERMANY, e164: '+49895550177' },
    { raw: '004420 7555 0123', context: BERLIN, e164: '+442075550123' },
    { raw: '02075550123', context: UK, e164: '+442075550123' },
    { raw: '7555 0123', context: LONDON, e164: '+442075550123' },
    { raw: '8765550142', context: US, e164: '+18765550142' },
    { raw: '18765550142', context: US, e164: '+18765550142' },
    { raw: '5550142', context: NEW_YORK, e164: '+12125550142' },
    { raw: '011 49 30 5550123', context: US, e164: '+49305550123' },
  ])('normalises $raw on a $context.region line', ({ raw, context, e164 }) => {
    expect(normaliseCallerNumber(raw, context)).toBe(e164);
  });

  it.each([
    { raw: '', why: 'empty' },
    { raw: 'P', why: 'withheld code' },
    { raw: '**610', why: 'router internal number' },
    { raw: '0', why: 'too short' },
    { raw: '0049305550123456789', why: 'too long' },
    { raw: '+999123456', why: 'unknown country code' },
    { raw: '0900*', why: 'prefix' },
  ])('rejects $why caller ID', ({ raw }) => {
    expect(normaliseCallerNumber(raw, BERLIN)).toBeNull();
  });

  it('keeps possible numbers of unknown ranges', () => {
    // 555 is no assigned US area code, but a spoofed caller ID can still carry it.
    expect(normaliseCallerNumber('5555555555', US)).toBe('+15555555555');
  });

  it('reads local form as national without area code', () => {
    expect(normaliseCallerNumber('305550123', GERMANY)).toBe('+49305550123');
  });
});

describe('normaliseCallerNumber national number without trunk 0', () => {
  const MUNICH: NumberContext = { region: 'DE', areaCode: '089' };
  const POTSDAM_REGION: NumberContext = { region: 'DE', areaCode: '033203' };

  it.each([
    { raw: '301234567', context: BERLIN, e164: '+49301234567', why: 'Berlin, 7-digit subscriber' },
    { raw: '305550123', context: BERLIN, e164: '+49305550123', why: 'same number as 030 5550123' },
    { raw: '3012345678', context: BERLIN, e164: '+493012345678', why: 'Berlin, 8-digit subscriber' },
    { raw: '895550177', context: MUNICH, e164: '+49895550177', why: 'Munich' },
    { raw: '332031234', context: POTSDAM_REGION, e164: '+49332031234', why: 'five-digit area code' },
    { raw: '2075550123', context: LONDON, e164: '+442075550123', why: 'London' },
  ])('reads $raw as national ($why)', ({ raw, context, e164 }) => {
    expect(normaliseCallerNumber(raw, context)).toBe(e164);
  });

  it.each([
    { raw: '3012345', context: BERLIN, e164: '+49303012345', why: 'short local number starting with 30' },
    { raw: '30555012', context: BERLIN, e164: '+493030555012', why: '8 digits fit a local Berlin number' },
    { raw: '5550123', context: BERLIN, e164: '+49305550123', why: 'does not start with the area code' },
    { raw: '75550123', context: LONDON, e164: '+442075550123', why: 'London local number' },
  ])('keeps $raw local ($why)', ({ raw, context, e164 }) => {
    expect(normaliseCallerNumber(raw, context)).toBe(e164);
  });

  it('matches the list entry 030 1234567', () => {
    const entry = parseListPattern('030 1234567', BERLIN);

    expect(entry).toEqual({ kind: 'exact', e164: normaliseCallerNumber('301234567', BERLIN) });
  });

  it('reads a list entry the same way', () => {
    expect(parseListPattern('301234567', BERLIN)).toEqual({ kind: 'exact', e164: '+49301234567' });
  });
});

describe('parseListPattern exact numbers', () => {
  it.each([
    { raw: '030 5550123', context: BERLIN },
    { raw: '+49 30 5550123', context: BERLIN },
    { raw: '0049305550123', context: BERLIN },
    { raw: '5550123', context: BERLIN },
    { raw: '030/555-01-23', context: BERLIN },
    { raw: '(030) 555 01 23', context: BERLIN },
    { raw: '+49 (0)30 5550123', context: BERLIN },
    { raw: '030.5550123', context: GERMANY },
  ])('reads $raw as the Berlin number', ({ raw, context }) => {
    expect(parseListPattern(raw, context)).toEqual({ kind: 'exact', e164: '+49305550123' });
  });

  it.each([
    { raw: '020 7555 0123', context: UK, e164: '+442075550123' },
    { raw: '+44 (0)20 7555 0123', context: UK, e164: '+442075550123' },
    { raw: '7555 0123', context: LONDON, e164: '+442075550123' },
    { raw: '(212) 555-0142', context: US, e164: '+12125550142' },
    { raw: '1-212-555-0142', context: US, e164: '+12125550142' },
    { raw: '555-0142', context: NEW_YORK, e164: '+12125550142' },
    { raw: '+1 876 555 0142', context: GERMANY, e164: '+18765550142' },
  ])('reads $raw on a $context.region line', ({ raw, context, e164 }) => {
    expect(parseListPattern(raw, context)).toEqual({ kind: 'exact', e164 });
  });
});

describe('parseListPattern prefixes', () => {
  it.each([
    { raw: '0900*', context: GERMANY, prefix: '+49900' },
    { raw: '0900 *', context: GERMANY, prefix: '+49900' },
    { raw: '+44*', context: GERMANY, prefix: '+44' },
    { raw: '0044*', context: GERMANY, prefix: '+44' },
    { raw: '+49 (0)30*', context: GERMANY, prefix: '+4930' },
    { raw: '0049 (0)30*', context: GERMANY, prefix: '+4930' },
    { raw: '(0)30*', context: GERMANY, prefix: '+4930' },
    { raw: '555*', context: BERLIN, prefix: '+4930555' },
    { raw: '0*', context: GERMANY, prefix: '+49' },
    { raw: '0909*', context: UK, prefix: '+44909' },
    { raw: '876*', context: US, prefix: '+1876' },
    { raw: '1876*', context: US, prefix: '+1876' },
    { raw: '1-876-*', context: US, prefix: '+1876' },
    { raw: '011 44*', context: US, prefix: '+44' },
  ])('reads $raw on a $context.region line', ({ raw, context, prefix }) => {
    expect(parseListPattern(raw, context)).toEqual({ kind: 'prefix', prefix });
  });
});

describe('parseListPattern rejections', () => {
  it.each([
    { raw: '', context: GERMANY, why: 'empty' },
    { raw: '   ', context: GERMANY, why: 'blank' },
    { raw: 'Anna', context: GERMANY, why: 'letters' },
    { raw: '1-800-FLOWERS', context: US, why: 'vanity letters' },
    { raw: '*', context: GERMANY, why: 'lone star' },
    { raw: '12*3', context: GERMANY, why: 'star inside' },
    { raw: '0900**', context: GERMANY, why: 'two stars' },
    { raw: '+49+30', context: GERMANY, why: 'plus inside' },
    { raw: '00*', context: GERMANY, why: 'bare international prefix' },
    { raw: '+*', context: GERMANY, why: 'bare plus' },
    { raw: '0', context: GERMANY, why: 'trunk prefix alone' },
    { raw: '0049305550123456789', context: GERMANY, why: 'too long' },
    { raw: '0'.repeat(41), context: GERMANY, why: 'over 40 characters' },
    { raw: '+4912345678901234567*', context: GERMANY, why: 'prefix too long' },
    { raw: '5550123', context: GERMANY, why: 'local number without area code' },
    { raw: '555*', context: GERMANY, why: 'local prefix without area code' },
    { raw: '0900*', context: US, why: 'US prefix starting with 0' },
    { raw: '5550142', context: US, why: 'US seven digits without area code' },
  ])('rejects $why', ({ raw, context }) => {
    const error = parseError(raw, context);

    expect(isVorzimmerError(error, 'NUMBER_INVALID')).toBe(true);
    expect(error.message).toContain(`"${raw}"`);
  });

  it('explains why a lone star is rejected', () => {
    expect(parseError('*', GERMANY).message).toMatch(/would match every caller/);
  });

  it('names the missing area code', () => {
    expect(parseError('5550123', GERMANY).message).toMatch(/no areaCode is set in the configuration file/);
  });

  it('shows examples of the region', () => {
    expect(parseError('Anna', UK).message).toContain('020 7555 0123');
  });
});

describe('patternMatches', () => {
  const exact: ListPattern = { kind: 'exact', e164: '+49305550123' };
  const prefix: ListPattern = { kind: 'prefix', prefix: '+49900' };

  it.each([
    { pattern: exact, e164: '+49305550123', matches: true },
    { pattern: exact, e164: '+493055501234', matches: false },
    { pattern: exact, e164: '+4930555012', matches: false },
    { pattern: prefix, e164: '+499001234567', matches: true },
    { pattern: prefix, e164: '+49900', matches: true },
    { pattern: prefix, e164: '+4990', matches: false },
    { pattern: prefix, e164: '+49305550123', matches: false },
  ])('matches $e164 against $pattern.kind is $matches', ({ pattern, e164, matches }) => {
    expect(patternMatches(pattern, e164)).toBe(matches);
  });
});

describe('formatPattern', () => {
  it.each([
    { pattern: { kind: 'exact', e164: '+49305550123' } as ListPattern, text: '+49305550123' },
    { pattern: { kind: 'prefix', prefix: '+1876' } as ListPattern, text: '+1876*' },
  ])('formats $text', ({ pattern, text }) => {
    expect(formatPattern(pattern)).toBe(text);
  });

  it.each(['+49305550123', '+1876*', '+44*'])('round-trips %s through parseStoredPattern', (text) => {
    const pattern = parseStoredPattern(text);

    expect(pattern).not.toBeNull();
    expect(formatPattern(pattern!)).toBe(text);
  });

  it.each(['', '49305550123', '+', '+*', '+49 30', '+4912345678901234', '0900*'])(
    'parseStoredPattern rejects %j',
    (text) => {
      expect(parseStoredPattern(text)).toBeNull();
    },
  );
});

describe('isOwnCountryPrefix', () => {
  it('finds 0* on a German line', () => {
    expect(isOwnCountryPrefix(parseListPattern('0*', { region: 'DE' }), { region: 'DE' })).toBe(true);
  });

  it('finds +1* on a US line', () => {
    expect(isOwnCountryPrefix(parseListPattern('+1*', { region: 'US' }), { region: 'US' })).toBe(true);
  });

  it('passes another country on a German line', () => {
    expect(isOwnCountryPrefix(parseListPattern('+44*', { region: 'DE' }), { region: 'DE' })).toBe(false);
  });

  it('passes a longer domestic prefix', () => {
    expect(isOwnCountryPrefix(parseListPattern('0900*', { region: 'DE' }), { region: 'DE' })).toBe(false);
  });
});
