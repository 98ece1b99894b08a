import { describe, expect, it } from 'vitest';

import { DLE, DleDecoder, ETX, SUB, shieldAudio } from '../../../src/protocol/dle.js';

describe('shieldAudio', () => {
  it('doubles every DLE byte', () => {
    const shielded = shieldAudio(Uint8Array.from([0x80, DLE, 0x7f, DLE, DLE]));

    expect([...shielded]).toEqual([0x80, DLE, DLE, 0x7f, DLE, DLE, DLE, DLE]);
  });

  it('copies audio without DLE unchanged', () => {
    const audio = Uint8Array.from([0x00, 0x7f, 0x80, 0xff]);

    expect([...shieldAudio(audio)]).toEqual([...audio]);
  });
});

describe('DleDecoder', () => {
  it('round-trips every byte value through shielding', () => {
    const audio = Uint8Array.from({ length: 512 }, (_, index) => index % 256);
    const frames = new DleDecoder().push(shieldAudio(audio));

    expect(frames).toEqual([{ kind: 'audio', bytes: Buffer.from(audio) }]);
  });

  it('decodes DLE SUB as two DLE samples', () => {
    const frames = new DleDecoder().push(Uint8Array.from([0x80, DLE, SUB, 0x81]));

    expect(frames).toEqual([{ kind: 'audio', bytes: Buffer.from([0x80, DLE, DLE, 0x81]) }]);
  });

  it('reports other DLE pairs as codes in order', () => {
    const frames = new DleDecoder().push(Uint8Array.from([0x80, DLE, 0x62, 0x81, DLE, ETX]));

    expect(frames).toEqual([
      { kind: 'audio', bytes: Buffer.from([0x80]) },
      { kind: 'code', code: 0x62 },
      { kind: 'audio', bytes: Buffer.from([0x81]) },
      { kind: 'code', code: ETX },
    ]);
  });

  it('keeps a DLE split across chunks', () => {
    const decoder = new DleDecoder();

    const first = decoder.push(Uint8Array.from([0x41, DLE]));
    const pendingBetweenChunks = decoder.hasPendingDle;
    const second = decoder.push(Uint8Array.from([DLE, 0x42]));

    expect(first).toEqual([{ kind: 'audio', bytes: Buffer.from([0x41]) }]);
    expect(pendingBetweenChunks).toBe(true);
    expect(second).toEqual([{ kind: 'audio', bytes: Buffer.from([DLE, 0x42]) }]);
  });

  it('keeps a control code split across chunks', () => {
    const decoder = new DleDecoder();
    decoder.push(Uint8Array.from([DLE]));

    expect(decoder.push(Uint8Array.from([0x52]))).toEqual([{ kind: 'code', code: 0x52 }]);
  });

  it('forgets a pending DLE on reset', () => {
    const decoder = new DleDecoder();
    decoder.push(Uint8Array.from([DLE]));
    decoder.reset();

    expect(decoder.push(Uint8Array.from([0x52]))).toEqual([{ kind: 'audio', bytes: Buffer.from([0x52]) }]);
  });
});
