import { describe, expect, it } from 'vitest';

import { TransmitPlayout } from '../../../src/sim/transmitPlayout.js';

describe('TransmitPlayout', () => {
  it('plays 8000 bytes per second', () => {
    const playout = new TransmitPlayout(0, false);
    playout.enqueue(Buffer.alloc(8000, 0x80));
    playout.advance(500, false);
    expect(playout.playedBytes).toBe(4000);
    expect(playout.buffered).toBe(4000);
  });

  it('counts one underrun per dry spell', () => {
    const playout = new TransmitPlayout(0, false);
    playout.enqueue(Buffer.alloc(800));
    expect(playout.advance(200, false)).toEqual({ underrun: true, empty: true });
    expect(playout.advance(300, false).underrun).toBe(false);

    playout.enqueue(Buffer.alloc(800));
    expect(playout.advance(350, false).underrun).toBe(false);
    expect(playout.advance(600, false).underrun).toBe(true);
    expect(playout.underruns).toBe(2);
  });

  it('waits a grace period before the first audio', () => {
    const playout = new TransmitPlayout(0, false);
    expect(playout.advance(400, false).underrun).toBe(false);
    expect(playout.advance(600, false).underrun).toBe(true);
  });

  it('does not count a dry start already reported', () => {
    const playout = new TransmitPlayout(0, true);
    expect(playout.advance(2000, false).underrun).toBe(false);
    expect(playout.underruns).toBe(0);
  });

  it('finishes without an underrun', () => {
    const playout = new TransmitPlayout(0, false);
    playout.enqueue(Buffer.alloc(80));
    expect(playout.advance(5, true)).toEqual({ underrun: false, empty: false });
    expect(playout.advance(100, true)).toEqual({ underrun: false, empty: true });
    expect(playout.underruns).toBe(0);
  });

  it('drops audio beyond ten seconds', () => {
    const playout = new TransmitPlayout(0, false);
    expect(playout.enqueue(Buffer.alloc(90_000))).toBe(10_000);
    expect(playout.buffered).toBe(80_000);
    expect(playout.droppedBytes).toBe(10_000);
  });

  it('clears the buffer without reporting the gap', () => {
    const playout = new TransmitPlayout(0, false);
    playout.enqueue(Buffer.alloc(8000));
    playout.clear();
    expect(playout.buffered).toBe(0);
    expect(playout.advance(1000, false).underrun).toBe(false);
  });

  it('keeps the audio the host sent', () => {
    const playout = new TransmitPlayout(0, false);
    playout.enqueue(Buffer.from([1, 2]));
    playout.enqueue(Buffer.from([3]));
    expect([...playout.stream]).toEqual([1, 2, 3]);
  });
});
