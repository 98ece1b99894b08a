import { describe, expect, it } from 'vitest';

import {
  SIT_FREQUENCIES_HZ,
  SIT_SEGMENT_MS,
  specialInformationTone,
} from '../../../src/call/informationTone.js';
import { SILENCE_LEVEL } from '../../../src/protocol/audio.js';

const SAMPLE_RATE = 8000;
const SEGMENT_SAMPLES = (SIT_SEGMENT_MS * SAMPLE_RATE) / 1000;

/** Counts upward crossings of the silence level, which is the tone's frequency over one second. */
function estimateFrequency(samples: Buffer): number {
  let crossings = 0;
  for (let i = 1; i < samples.length; i++) {
    if (samples[i - 1]! < SILENCE_LEVEL && samples[i]! >= SILENCE_LEVEL) crossings++;
  }
  return (crossings * SAMPLE_RATE) / samples.length;
}

describe('specialInformationTone', () => {
  it('lasts three segments of 330 ms', () => {
    expect(specialInformationTone().length).toBe(3 * SEGMENT_SAMPLES);
  });

  it.each(SIT_FREQUENCIES_HZ.map((frequency, index) => ({ frequency, index })))(
    'sounds $frequency Hz in segment $index',
    ({ frequency, index }) => {
      const segment = specialInformationTone().subarray(
        index * SEGMENT_SAMPLES,
        (index + 1) * SEGMENT_SAMPLES,
      );

      expect(Math.abs(estimateFrequency(segment) - frequency)).toBeLessThan(frequency * 0.03);
    },
  );

  it('stays within 8-bit range without clipping', () => {
    const audio = specialInformationTone();

    expect(Math.max(...audio)).toBeLessThan(255);
    expect(Math.min(...audio)).toBeGreaterThan(0);
  });

  it('is loud enough to hear', () => {
    const audio = specialInformationTone();

    expect(Math.max(...audio) - SILENCE_LEVEL).toBeGreaterThan(30);
  });
});
