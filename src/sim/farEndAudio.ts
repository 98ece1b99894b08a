/**
 * Deterministic far-end audio for the simulated receiver: unsigned 8-bit PCM at 8000 samples per
 * second, where silence is 0x80 (callattendant and pycallblock treat about 0x7E to 0x81 as silence).
 * "Speech" is a made-up signal with a varying pitch and a syllable envelope. Its peaks reach 0x10
 * and below now and then, so DLE shielding of 0x10 samples gets exercised. Recorded audio (for
 * example from a WAV file) plays once and is followed by silence. Key presses add their DTMF tone
 * pair.
 */

/** Far-end signal: made-up speech or silence. */
export type FarEndAudioKind = 'speech' | 'silence';
/** A kind, or recorded unsigned 8-bit samples at 8000 per second. */
export type FarEndAudioSource = FarEndAudioKind | Buffer;

/** Samples per second of the voice formats that the simulator streams. */
export const SAMPLE_RATE = 8000;

const SILENCE_LEVEL = 0x80;
const SPEECH_PEAK = 122;
const DTMF_LEVEL = 40;
const SYLLABLES_PER_SECOND = 4;
/** Every seventh syllable is a pause, so speech has short gaps as real speech does. */
const SYLLABLES_PER_PHRASE = 7;

/** Pitch and partials of the speech signal: base pitch in Hz, pitch swing in Hz and its rate. */
const SPEECH_VOICE = {
  basePitchHz: 140,
  pitchSwingHz: 30,
  pitchSwingRateHz: 0.7,
  /** Frequency ratios and weights of the partials; the weights sum to 1. */
  partials: [
    { ratio: 1, weight: 0.55 },
    { ratio: 2.9, weight: 0.3 },
    { ratio: 7.3, weight: 0.15 },
  ],
} as const;

/** DTMF row and column frequencies in Hz (ITU-T Q.23). */
const DTMF_ROWS = [697, 770, 852, 941];
const DTMF_COLUMNS = [1209, 1336, 1477, 1633];
const DTMF_LAYOUT = ['123A', '456B', '789C', '*0#D'];

/** A tone pair that sounds from `fromMs` until `untilMs` of clock time. */
interface ToneWindow {
  lowHz: number;
  highHz: number;
  fromMs: number;
  untilMs: number;
}

/** Generator of far-end samples; the same calls always give the same bytes. */
export class FarEndAudio {
  private kindNow: FarEndAudioKind | 'recording' = 'silence';
  private recording: Buffer = Buffer.alloc(0);
  private recordingAt = 0;
  private speechSample = 0;
  private pitchPhase = 0;
  private noiseState = 0x2545f491;
  private tones: ToneWindow[] = [];

  /** Whether the far end sends voice (speech or a recording) rather than silence. */
  get voice(): boolean {
    return this.kindNow !== 'silence';
  }

  /** Switches the source; a recording starts from its first sample. */
  setSource(source: FarEndAudioSource): void {
    if (Buffer.isBuffer(source)) {
      this.kindNow = 'recording';
      this.recording = source;
      this.recordingAt = 0;
    } else {
      this.kindNow = source;
    }
  }

  /** Adds the DTMF tone of `digit` between two clock times in milliseconds. */
  addKeyTone(digit: string, fromMs: number, untilMs: number): void {
    const row = DTMF_LAYOUT.findIndex((keys) => keys.includes(digit));
    if (row < 0) return;
    const column = (DTMF_LAYOUT[row] as string).indexOf(digit);
    this.tones.push({
      lowHz: DTMF_ROWS[row] as number,
      highHz: DTMF_COLUMNS[column] as number,
      fromMs,
      untilMs,
    });
  }

  /** Renders `count` samples, the first at clock time `startMs`. */
  render(count: number, startMs: number): Buffer {
    const samples = Buffer.allocUnsafe(count);
    for (let index = 0; index < count; index++) {
      const timeMs = startMs + (index * 1000) / SAMPLE_RATE;
      samples[index] = clampSample(this.nextLevel() + this.toneLevel(timeMs));
    }
    this.tones = this.tones.filter((tone) => tone.untilMs > startMs + (count * 1000) / SAMPLE_RATE);
    return samples;
  }

  private nextLevel(): number {
    if (this.kindNow === 'speech') return SILENCE_LEVEL + this.nextSpeechLevel();
    if (this.kindNow === 'recording') {
      const sample = this.recording[this.recordingAt++];
      if (sample !== undefined) return sample;
      this.kindNow = 'silence';
    }
    return SILENCE_LEVEL + this.nextNoise();
  }

  private nextSpeechLevel(): number {
    const seconds = this.speechSample / SAMPLE_RATE;
    this.speechSample++;

    const pitchHz =
      SPEECH_VOICE.basePitchHz +
      SPEECH_VOICE.pitchSwingHz * Math.sin(2 * Math.PI * SPEECH_VOICE.pitchSwingRateHz * seconds);
    this.pitchPhase += (2 * Math.PI * pitchHz) / SAMPLE_RATE;

    let carrier = 0;
    for (const partial of SPEECH_VOICE.partials)
      carrier += partial.weight * Math.sin(partial.ratio * this.pitchPhase);
    return SPEECH_PEAK * syllableEnvelope(seconds) * carrier;
  }

  /** Returns -1, 0 or +1 from a xorshift32 sequence: line noise around the silence level. */
  private nextNoise(): number {
    let state = this.noiseState;
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    this.noiseState = state >>> 0;
    return (this.noiseState % 3) - 1;
  }

  private toneLevel(timeMs: number): number {
    let level = 0;
    for (const tone of this.tones) {
      if (timeMs < tone.fromMs || timeMs >= tone.untilMs) continue;
      const seconds = timeMs / 1000;
      level +=
        DTMF_LEVEL *
        (Math.sin(2 * Math.PI * tone.lowHz * seconds) + Math.sin(2 * Math.PI * tone.highHz * seconds));
    }
    return level;
  }
}

/** Loudness of the speech signal at `seconds`: half-sine syllables of varying strength with pauses. */
function syllableEnvelope(seconds: number): number {
  const syllable = Math.floor(seconds * SYLLABLES_PER_SECOND);
  if (syllable % SYLLABLES_PER_PHRASE === SYLLABLES_PER_PHRASE - 1) return 0;

  const strength = 0.6 + 0.4 * (((syllable * 37) % 10) / 9);
  const withinSyllable = seconds * SYLLABLES_PER_SECOND - syllable;
  return strength * Math.sin(Math.PI * withinSyllable);
}

function clampSample(level: number): number {
  return Math.max(0, Math.min(255, Math.round(level)));
}
