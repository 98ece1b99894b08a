/**
 * The special information tone (SIT) as modem audio, made in code: three rising tones of 950,
 * 1400 and 1800 Hz, 330 ms each. Exchanges play it before "number not in service" messages, and
 * some autodialers take it as such and drop the number.
 */
import { MODEM_SAMPLE_RATE, SILENCE_LEVEL } from '../protocol/audio.js';

/** Frequencies of the three segments in Hz, in the order they sound. */
export const SIT_FREQUENCIES_HZ = [950, 1400, 1800] as const;

/** Length of each segment in ms. */
export const SIT_SEGMENT_MS = 330;

/** Peak level in sample steps from silence: about -10 dBFS, loud but clear of clipping. */
const PEAK_STEPS = 40;

/** Fade at each end of a segment in ms, so that the steps between tones do not click. */
const FADE_MS = 5;

/** Returns the three tones of the SIT as unsigned 8-bit samples at 8000 samples per second. */
export function specialInformationTone(): Buffer {
  const segmentSamples = Math.round((SIT_SEGMENT_MS * MODEM_SAMPLE_RATE) / 1000);
  const fadeSamples = Math.round((FADE_MS * MODEM_SAMPLE_RATE) / 1000);
  const audio = Buffer.alloc(segmentSamples * SIT_FREQUENCIES_HZ.length);

  SIT_FREQUENCIES_HZ.forEach((frequency, segment) => {
    const offset = segment * segmentSamples;
    for (let i = 0; i < segmentSamples; i++) {
      const envelope = Math.min(1, i / fadeSamples, (segmentSamples - 1 - i) / fadeSamples);
      const value = Math.sin((2 * Math.PI * frequency * i) / MODEM_SAMPLE_RATE) * PEAK_STEPS * envelope;
      audio[offset + i] = SILENCE_LEVEL + Math.round(value);
    }
  });
  return audio;
}
