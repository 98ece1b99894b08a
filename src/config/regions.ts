/**
 * Per-country facts. Ring cadences and give-up gaps follow the national tone plans (Asterisk
 * tone zone lists, BT SIN350). Caller ID timing follows Bellcore GR-30 (US: between ring 1 and 2),
 * BT SIN227 (UK: before ring 1) and Telekom 1TR110 (DE: at least 500 ms after ring 1, at most 2 s).
 * The `+GCI` values are ITU-T T.35 country codes.
 */

export type Region = 'DE' | 'UK' | 'US';

export const REGIONS: readonly Region[] = ['DE', 'UK', 'US'];

export interface RegionFacts {
  /** ISO 3166 code as libphonenumber expects it. */
  readonly isoCountry: 'DE' | 'GB' | 'US';
  /** `AT+GCI` country code, hexadecimal. */
  readonly gci: string;
  /** Ring cadence of the exchange, on and off periods in ms, starting with "on". */
  readonly ringCadence: readonly number[];
  /** A distinct cadence for ringing the desk phone for a screened caller. */
  readonly screenedCadence: readonly number[];
  /** A gap since the last ring longer than this means the caller gave up (ms). */
  readonly giveUpGapMs: number;
  /** How long after the first ring the box waits for caller ID before it decides without it (ms). */
  readonly callerIdWaitMs: number;
  /** Whether the exchange normally sends caller ID, so that rings without it are worth a warning. */
  readonly callerIdExpected: boolean;
}

export const REGION_FACTS: Readonly<Record<Region, RegionFacts>> = {
  DE: {
    isoCountry: 'DE',
    gci: '42',
    ringCadence: [1000, 4000],
    screenedCadence: [400, 200, 400, 4000],
    giveUpGapMs: 7000,
    // Data starts 500 ms to 2 s after the first ring, which lasts about 1 s.
    callerIdWaitMs: 3500,
    callerIdExpected: true,
  },
  UK: {
    isoCountry: 'GB',
    gci: 'B4',
    ringCadence: [400, 200, 400, 2000],
    screenedCadence: [200, 200, 200, 200, 200, 2000],
    giveUpGapMs: 5000,
    // Caller ID comes before the first ring, so a short grace covers a late line card.
    callerIdWaitMs: 1500,
    callerIdExpected: true,
  },
  US: {
    isoCountry: 'US',
    gci: 'B5',
    ringCadence: [2000, 4000],
    screenedCadence: [800, 400, 800, 4000],
    giveUpGapMs: 8000,
    // Caller ID comes in the 4 s pause after the 2 s first ring.
    callerIdWaitMs: 5500,
    callerIdExpected: true,
  },
};
