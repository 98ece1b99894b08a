import wavefile from 'wavefile';
import { describe, expect, it } from 'vitest';

import {
  SilenceMeter,
  measureAudio,
  modemAudioToWav,
  trimSilence,
  wavToModemAudio,
} from '../../../src/protocol/audio.js';
import { isVorzimmerError } from '../../../src/util/errors.js';

const { WaveFile } = wavefile;

/** Makes a sine wave as floats from -1 to 1. */
function sine(frequencyHz: number, sampleRate: number, seconds: number, amplitude: number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < Math.round(sampleRate * seconds); i++) {
    samples.push(amplitude * Math.sin((2 * Math.PI * frequencyHz * i) / sampleRate));
  }
  return samples;
}

/** Scales float samples to signed integers of `bits` bits. */
function toInteger(samples: number[], bits: number): number[] {
  const fullScale = 2 ** (bits - 1);
  return samples.map((sample) =>
    Math.max(-fullScale, Math.min(fullScale - 1, Math.round(sample * fullScale))),
  );
}

function makeWav(
  channels: number,
  sampleRate: number,
  bitDepth: string,
  samples: number[] | number[][],
): Buffer {
  const file = new WaveFile();
  file.fromScratch(channels, sampleRate, bitDepth, samples);
  return Buffer.from(file.toBuffer());
}

/** Modem audio of a sine at `amplitude` sample steps around 0x80. */
function modemTone(milliseconds: number, amplitude: number): Buffer {
  return Buffer.from(
    sine(440, 8000, milliseconds / 1000, amplitude).map((sample) => Math.round(0x80 + sample)),
  );
}

/** Modem audio of line noise: 0x80 plus or minus up to 2 steps. */
function lineNoise(milliseconds: number): Buffer {
  const pattern = [0x80, 0x82, 0x7f, 0x7e, 0x81, 0x80, 0x82, 0x7e];
  return Buffer.from(Array.from({ length: milliseconds * 8 }, (_, i) => pattern[i % pattern.length] ?? 0x80));
}

function captureError(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('wavToModemAudio', () => {
  it('converts 16-bit 44.1 kHz stereo', () => {
    const left = toInteger(sine(440, 44100, 1, 0.5), 16);
    const wav = makeWav(2, 44100, '16', [left, left]);

    const audio = wavToModemAudio(wav);

    expect(audio.length).toBe(8000);
    // A sine at half scale peaks at 64 steps and has an RMS of 64 / √2 ≈ 45.
    expect(measureAudio(audio).rms).toBeCloseTo(45.3, 0);
  });

  it.each([
    ['8', (samples: number[]) => samples.map((sample) => Math.round(128 + sample * 128))],
    ['16', (samples: number[]) => toInteger(samples, 16)],
    ['24', (samples: number[]) => toInteger(samples, 24)],
    ['32', (samples: number[]) => toInteger(samples, 32)],
    ['32f', (samples: number[]) => samples],
  ])('keeps the level of %s-bit input', (bitDepth, encode) => {
    const wav = makeWav(1, 8000, bitDepth, encode(sine(1000, 8000, 0.5, 0.5)));

    const { peak } = measureAudio(wavToModemAudio(wav));

    expect(peak).toBeGreaterThanOrEqual(63);
    expect(peak).toBeLessThanOrEqual(65);
  });

  it('round-trips modem audio exactly', () => {
    const audio = Buffer.from([0x00, 0x01, 0x7f, 0x80, 0x81, 0xfe, 0xff]);

    expect(wavToModemAudio(modemAudioToWav(audio))).toEqual(audio);
  });

  it('averages stereo channels', () => {
    const tone = toInteger(sine(1000, 8000, 0.5, 0.5), 16);
    const silent = tone.map(() => 0);

    const { peak } = measureAudio(wavToModemAudio(makeWav(2, 8000, '16', [tone, silent])));

    expect(peak).toBeGreaterThanOrEqual(31);
    expect(peak).toBeLessThanOrEqual(33);
  });

  it('resamples 16 kHz to 8 kHz', () => {
    const wav = makeWav(1, 16000, '16', toInteger(sine(500, 16000, 0.25, 0.5), 16));

    expect(wavToModemAudio(wav).length).toBe(2000);
  });

  it('decodes A-law', () => {
    const file = new WaveFile();
    file.fromScratch(1, 8000, '16', toInteger(sine(1000, 8000, 0.25, 0.5), 16));
    file.toALaw();

    const { peak } = measureAudio(wavToModemAudio(Buffer.from(file.toBuffer())));

    expect(peak).toBeGreaterThanOrEqual(62);
    expect(peak).toBeLessThanOrEqual(66);
  });

  it('rejects data that is not WAV', () => {
    const error = captureError(() => wavToModemAudio(Buffer.from('ID3\u0004 an MP3 file, not a WAV file')));

    expect(isVorzimmerError(error, 'AUDIO_INVALID')).toBe(true);
    expect(error.message).toContain('RIFF');
  });

  it('rejects a WAV without data chunk', () => {
    const wav = modemAudioToWav(Buffer.alloc(100, 0x80)).subarray(0, 40);

    const error = captureError(() => wavToModemAudio(wav));

    expect(isVorzimmerError(error, 'AUDIO_INVALID')).toBe(true);
    expect(error.message).toContain('data');
  });

  it('rejects compressed formats', () => {
    const wav = makeWav(1, 8000, '16', [0, 100, -100, 0]);
    // Format code 2 is Microsoft ADPCM.
    wav.writeUInt16LE(2, 20);

    const error = captureError(() => wavToModemAudio(wav));

    expect(isVorzimmerError(error, 'AUDIO_INVALID')).toBe(true);
    expect(error.message).toContain('format code 2');
  });
});

describe('modemAudioToWav', () => {
  it('writes 8 kHz mono 8-bit', () => {
    const file = new WaveFile(modemAudioToWav(Buffer.alloc(800, 0x80)));
    const format = file.fmt as { sampleRate: number; numChannels: number; bitsPerSample: number };

    expect(format.sampleRate).toBe(8000);
    expect(format.numChannels).toBe(1);
    expect(format.bitsPerSample).toBe(8);
    expect(file.getSamples(false, Float64Array)).toHaveLength(800);
  });
});

describe('measureAudio', () => {
  it('reads silence as zero', () => {
    expect(measureAudio(Buffer.alloc(160, 0x80))).toEqual({ rms: 0, peak: 0 });
  });

  it('measures a square wave', () => {
    const square = Buffer.from([0x8a, 0x76, 0x8a, 0x76]);

    expect(measureAudio(square)).toEqual({ rms: 10, peak: 10 });
  });

  it('handles empty audio', () => {
    expect(measureAudio(Buffer.alloc(0))).toEqual({ rms: 0, peak: 0 });
  });
});

describe('SilenceMeter', () => {
  it('counts line noise as silence', () => {
    const meter = new SilenceMeter({});

    meter.push(lineNoise(1000));

    expect(meter.speechMs).toBe(0);
    expect(meter.trailingSilenceMs).toBe(1000);
  });

  it('counts a quiet tone as speech', () => {
    const meter = new SilenceMeter({});

    meter.push(modemTone(500, 10));

    expect(meter.speechMs).toBe(500);
    expect(meter.trailingSilenceMs).toBe(0);
  });

  it('measures silence after speech', () => {
    const meter = new SilenceMeter({});

    meter.push(modemTone(400, 30));
    meter.push(lineNoise(1200));

    expect(meter.speechMs).toBe(400);
    expect(meter.trailingSilenceMs).toBe(1200);
    expect(meter.totalMs).toBe(1600);
  });

  it('times by samples across odd chunks', () => {
    const meter = new SilenceMeter({ windowMs: 20 });
    const audio = Buffer.concat([lineNoise(300), modemTone(200, 30), lineNoise(500)]);

    for (let start = 0; start < audio.length; start += 37) meter.push(audio.subarray(start, start + 37));

    expect(meter.totalMs).toBe(1000);
    expect(meter.speechMs).toBe(200);
    expect(meter.trailingSilenceMs).toBe(500);
  });

  it('includes a partial window in totalMs', () => {
    const meter = new SilenceMeter({ windowMs: 20 });

    meter.push(lineNoise(10));

    expect(meter.totalMs).toBe(10);
    expect(meter.trailingSilenceMs).toBe(0);
  });

  it('honours a custom threshold', () => {
    const meter = new SilenceMeter({ threshold: 40 });

    meter.push(modemTone(200, 30));

    expect(meter.speechMs).toBe(0);
  });
});

describe('trimSilence', () => {
  it('keeps 200 ms margins', () => {
    const audio = Buffer.concat([lineNoise(1000), modemTone(500, 30), lineNoise(1000)]);

    const trimmed = trimSilence(audio);

    expect(trimmed.length).toBe((200 + 500 + 200) * 8);
    expect(trimmed.subarray(200 * 8, 700 * 8)).toEqual(modemTone(500, 30));
  });

  it('keeps audio shorter than the margin', () => {
    const audio = Buffer.concat([lineNoise(100), modemTone(300, 30), lineNoise(60)]);

    expect(trimSilence(audio)).toEqual(audio);
  });

  it('empties silent audio', () => {
    expect(trimSilence(lineNoise(2000))).toHaveLength(0);
  });

  it('honours a custom threshold', () => {
    const audio = Buffer.concat([lineNoise(500), modemTone(500, 10), lineNoise(500)]);

    expect(trimSilence(audio, 20)).toHaveLength(0);
  });
});
