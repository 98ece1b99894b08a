import { describe, expect, it } from 'vitest';

import { decodeDleCode, type DleEvent } from '../../../src/protocol/dleEvents.js';
import { DtmfBurstAssembler } from '../../../src/protocol/dtmf.js';
import { dtmfZeroBurst } from '../../fixtures/transcripts.js';

function event(character: string): DleEvent {
  return decodeDleCode(character.charCodeAt(0));
}

/** Feeds one event per character, 70 ms apart from `startMs`, and returns the non-null digits. */
function feed(assembler: DtmfBurstAssembler, codes: string, startMs = 0): string[] {
  const digits: string[] = [];
  [...codes].forEach((character, index) => {
    const digit = assembler.push(event(character), startMs + index * 70);
    if (digit !== null) digits.push(digit);
  });
  return digits;
}

describe('DtmfBurstAssembler', () => {
  it('turns a repeated burst into one digit', () => {
    expect(feed(new DtmfBurstAssembler(), '/55~')).toEqual(['5']);
  });

  it('reads the mobile 000 burst as one 0', () => {
    const codes = [...dtmfZeroBurst.chunks[0]!].filter((_, index) => index % 2 === 1);
    const assembler = new DtmfBurstAssembler();
    const digits = codes.map((code, index) => assembler.push(decodeDleCode(code), index * 70));

    expect(digits.filter((digit) => digit !== null)).toEqual(['0']);
  });

  it('returns the digit at the end marker', () => {
    const assembler = new DtmfBurstAssembler();
    feed(assembler, '/5');

    expect(assembler.push(event('~'), 140)).toBe('5');
  });

  it('accepts DEL as the end marker', () => {
    expect(feed(new DtmfBurstAssembler(), '/#\x7f')).toEqual(['#']);
  });

  it('keeps the first digit of a mixed burst', () => {
    expect(feed(new DtmfBurstAssembler(), '/56~')).toEqual(['5']);
  });

  it('returns a digit outside a burst at once', () => {
    expect(new DtmfBurstAssembler().push(event('7'), 0)).toBe('7');
  });

  it('reads unshielded digits one per key', () => {
    expect(feed(new DtmfBurstAssembler(), '123')).toEqual(['1', '2', '3']);
  });

  it('completes an open burst at a new start', () => {
    const assembler = new DtmfBurstAssembler();
    feed(assembler, '/11');

    expect(assembler.push(event('/'), 300)).toBe('1');
    expect(feed(assembler, '2~', 370)).toEqual(['2']);
  });

  it('returns null for an end without a digit', () => {
    expect(feed(new DtmfBurstAssembler(), '/~')).toEqual([]);
  });

  it('returns null for an end without a burst', () => {
    expect(new DtmfBurstAssembler().push(event('~'), 0)).toBeNull();
  });

  it('ignores events other than DTMF', () => {
    expect(feed(new DtmfBurstAssembler(), '/5b~')).toEqual(['5']);
  });

  it('reads a sequence of key presses', () => {
    expect(feed(new DtmfBurstAssembler(), '/11~/*~/#~')).toEqual(['1', '*', '#']);
  });
});

describe('DtmfBurstAssembler flush', () => {
  it('returns the digit of a stale burst', () => {
    const assembler = new DtmfBurstAssembler();
    feed(assembler, '/9');

    expect(assembler.flush(1071)).toBe('9');
  });

  it('keeps a recent burst open', () => {
    const assembler = new DtmfBurstAssembler();
    feed(assembler, '/9');

    expect(assembler.flush(1070)).toBeNull();
  });

  it('does not flush a burst twice', () => {
    const assembler = new DtmfBurstAssembler();
    feed(assembler, '/9');
    assembler.flush(2000);

    expect(assembler.flush(3000)).toBeNull();
  });

  it('drops the late end marker after a flush', () => {
    const assembler = new DtmfBurstAssembler();
    feed(assembler, '/9');
    assembler.flush(2000);

    expect(assembler.push(event('~'), 2100)).toBeNull();
  });

  it('does not split a held key', () => {
    const assembler = new DtmfBurstAssembler();
    const repeats = `/${'4'.repeat(30)}`;
    feed(assembler, repeats);

    expect(assembler.flush(30 * 70 + 500)).toBeNull();
    expect(assembler.push(event('~'), 30 * 70 + 600)).toBe('4');
  });

  it('uses the configured maximum', () => {
    const assembler = new DtmfBurstAssembler({ maxBurstMs: 200 });
    feed(assembler, '/3');

    expect(assembler.flush(271)).toBe('3');
  });

  it('returns null without an open burst', () => {
    expect(new DtmfBurstAssembler().flush(10_000)).toBeNull();
  });

  it('forgets an open burst on reset', () => {
    const assembler = new DtmfBurstAssembler();
    feed(assembler, '/9');
    assembler.reset();

    expect(assembler.push(event('~'), 200)).toBeNull();
  });

  it('rejects an invalid maximum', () => {
    expect(() => new DtmfBurstAssembler({ maxBurstMs: 0 })).toThrow(RangeError);
  });
});
