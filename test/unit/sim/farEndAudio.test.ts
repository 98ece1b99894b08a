import { describe, expect, it } from 'vitest';

import { FarEndAudio } from '../../../src/sim/farEndAudio.js';

const SECOND = 8000;

describe('FarEndAudio', () => {
  it('keeps silence within one step of 0x80', () => {
    const samples = new FarEndAudio().render(SECOND, 0);
    expect(new Set(samples)).toEqual(new Set([0x7f, 0x80, 0x81]));
  });

  it('speech reaches DLE and below', () => {
    const audio = new FarEndAudio();
    audio.setSource('speech');
    const samples = audio.render(5 * SECOND, 0);
    expect(samples.filter((sample) => sample === 0x10).length).toBeGreaterThan(0);
    expect(samples.filter((sample) => sample < 0x10).length).toBeGreaterThan(0);
    expect(samples.filter((sample) => sample < 0x7e || sample > 0x81).length).toBeGreaterThan(SECOND);
  });

  it('renders the same speech every time', () => {
    const first = new FarEndAudio();
    const second = new FarEndAudio();
    first.setSource('speech');
    second.setSource('speech');
    expect(first.render(SECOND, 0).equals(second.render(SECOND, 0))).toBe(true);
  });

  it('plays a recording once', () => {
    const audio = new FarEndAudio();
    audio.setSource(Buffer.from([0x10, 0x20, 0x30]));
    const samples = audio.render(5, 0);
    expect([...samples.subarray(0, 3)]).toEqual([0x10, 0x20, 0x30]);
    expect(Math.abs((samples[4] as number) - 0x80)).toBeLessThanOrEqual(1);
    expect(audio.voice).toBe(false);
  });

  it('adds the key tone in its window only', () => {
    const audio = new FarEndAudio();
    audio.addKeyTone('5', 100, 240);
    const samples = audio.render(SECOND / 2, 0);
    const before = samples.subarray(0, 700);
    const during = samples.subarray(900, 1800);
    const after = samples.subarray(2000, 3000);
    expect(Math.max(...before)).toBeLessThanOrEqual(0x81);
    expect(Math.max(...during)).toBeGreaterThan(0xa0);
    expect(Math.max(...after)).toBeLessThanOrEqual(0x81);
  });
});
