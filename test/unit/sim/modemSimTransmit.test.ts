/** Playback through the simulator: AT+VTX, DLE unshielding, stream ends and underruns. */
import { afterEach, describe, expect, it } from 'vitest';

import { answerInVoiceMode, createSimHarness, waitUntil, type SimHarness } from './simHarness.js';

const DLE = 0x10;
const ETX = 0x03;
const CAN = 0x18;
const SUB = 0x1a;

let harness: SimHarness;

afterEach(() => harness?.dispose());

function startTransmit(personality: 'conexant' | 'usr5637'): SimHarness {
  harness = createSimHarness(personality);
  answerInVoiceMode(harness);
  harness.command('AT+VTX');
  return harness;
}

function countOf(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('AT+VTX', () => {
  it('Conexant sends DLE u after CONNECT', () => {
    startTransmit('conexant');
    expect(harness.output()).toBe('\r\nCONNECT\r\n\x10u');
    expect(harness.sim.dataState).toBe('transmit');
    expect(harness.activities).toEqual(['off-hook', 'playing']);
  });

  it('frames CONNECT numerically after ATV0', () => {
    harness = createSimHarness('usr5637');
    answerInVoiceMode(harness);
    harness.command('ATV0');
    expect(harness.command('AT+VTX')).toBe('1\r');
  });

  it('USR sends CONNECT alone', () => {
    startTransmit('usr5637');
    expect(harness.output()).toBe('\r\nCONNECT\r\n');
  });

  it('unshields DLE DLE and DLE SUB', async () => {
    startTransmit('usr5637');
    harness.send(Uint8Array.from([DLE, DLE, 0x41, DLE, SUB, 0x42, DLE, ETX]));
    await waitUntil(() => harness.output().endsWith('\r\nOK\r\n'), 'OK after the stream');
    expect([...harness.sim.playback.lastStream]).toEqual([DLE, 0x41, DLE, DLE, 0x42]);
    expect(harness.sim.playback.bytes).toBe(5);
  });

  it('plays the buffer out before OK', async () => {
    startTransmit('usr5637');
    harness.clear();
    const started = harness.clock.now();
    harness.send(Buffer.alloc(8000, 0x80));
    harness.send(Uint8Array.from([DLE, ETX]));
    expect(harness.output()).toBe('');

    await waitUntil(() => harness.output() === '\r\nOK\r\n', 'OK after one second of audio');
    expect(harness.clock.now() - started).toBeGreaterThanOrEqual(1000);
    expect(harness.sim.playback.bytes).toBe(8000);
    expect(harness.sim.dataState).toBe('command');
  });

  it('clears the buffer on DLE CAN', () => {
    startTransmit('usr5637');
    harness.clear();
    harness.send(Buffer.alloc(80_000, 0x80));
    harness.send(Uint8Array.from([DLE, CAN, DLE, ETX]));
    expect(harness.output()).toBe('\r\nOK\r\n');
    expect(harness.sim.dataState).toBe('command');
  });

  it('aborts at once on DLE !', () => {
    startTransmit('conexant');
    harness.clear();
    harness.send(Buffer.alloc(8000, 0x80));
    harness.send(Uint8Array.from([DLE, 0x21]));
    expect(harness.output()).toBe('\r\nOK\r\n');
    expect(harness.sim.dataState).toBe('command');
  });

  it('runs commands sent after the stream end', async () => {
    startTransmit('usr5637');
    harness.clear();
    harness.send(Buffer.concat([Buffer.alloc(800, 0x80), Buffer.from([DLE, ETX]), Buffer.from('ATI0\r')]));
    await waitUntil(() => harness.output().includes('5601'), 'ATI0 answer after OK');
    expect(harness.output()).toBe('\r\nOK\r\n\r\n5601\r\n\r\nOK\r\n');
  });

  it('reports one underrun per dry spell', async () => {
    startTransmit('usr5637');
    harness.clear();
    harness.send(Buffer.alloc(800, 0x80));
    await waitUntil(() => harness.clock.now() > 0 && harness.sim.playback.underruns === 1, 'first underrun');
    const atFirst = harness.clock.now();
    await waitUntil(() => harness.clock.now() - atFirst > 600, 'more dry time');
    expect(countOf(harness.output(), '\x10u')).toBe(1);
    expect(harness.sim.playback.underruns).toBe(1);
  });

  it('does not count the Conexant DLE u after CONNECT', async () => {
    startTransmit('conexant');
    const started = harness.clock.now();
    await waitUntil(() => harness.clock.now() - started > 1500, 'time without audio');
    expect(harness.sim.playback.underruns).toBe(0);
    expect(countOf(harness.output(), '\x10u')).toBe(1);
  });

  it('keeps playing through a key press', async () => {
    startTransmit('conexant');
    harness.clear();
    harness.send(Buffer.alloc(8000, 0x80));
    harness.sim.pressKey('5');
    await waitUntil(() => harness.output().includes('\x10~'), 'end of the key report');
    expect(harness.output()).toBe('\x10/\x105\x105\x10~');
    expect(harness.sim.dataState).toBe('transmit');
  });

  it('records dropped audio on overflow', () => {
    startTransmit('usr5637');
    harness.send(Buffer.alloc(81_000, 0x80));
    expect(harness.sim.playback.droppedBytes).toBe(1000);
  });
});
