/** Recording through the simulator: AT+VRX audio, inline events, key presses and hang-up. */
import { afterEach, describe, expect, it } from 'vitest';

import { DleDecoder, type ShieldedFrame } from '../../../src/protocol/dle.js';
import {
  TIMER_TOLERANCE_MS,
  answerInVoiceMode,
  createSimHarness,
  waitUntil,
  type SimHarness,
} from './simHarness.js';

const DLE = 0x10;

let harness: SimHarness;

afterEach(() => harness?.dispose());

/** A receive stream decoded as it arrives, with the clock time of each control code. */
interface DecodedStream {
  audio(): Buffer;
  codes: { code: string; atMs: number }[];
  /** Clock times just before and just after AT+VRX, between which the stream started. */
  startedBetween: [number, number];
}

function startReceive(personality: 'conexant' | 'usr5637', setup: string[] = []): DecodedStream {
  harness = createSimHarness(personality);
  answerInVoiceMode(harness);
  for (const command of setup) harness.command(command);
  const beforeConnect = harness.clock.now();
  harness.command('AT+VRX');
  const afterConnect = harness.clock.now();
  expect(harness.output()).toBe('\r\nCONNECT\r\n');

  const decoder = new DleDecoder();
  const audio: Buffer[] = [];
  const codes: DecodedStream['codes'] = [];
  harness.sim.onHostData((bytes) => {
    for (const frame of decoder.push(bytes) as ShieldedFrame[]) {
      if (frame.kind === 'audio') audio.push(frame.bytes);
      else codes.push({ code: String.fromCharCode(frame.code), atMs: harness.clock.now() });
    }
  });
  return { audio: () => Buffer.concat(audio), codes, startedBetween: [beforeConnect, afterConnect] };
}

async function waitClockMs(ms: number): Promise<void> {
  const started = harness.clock.now();
  await waitUntil(() => harness.clock.now() - started >= ms, `${ms} ms of clock time`);
}

describe('AT+VRX', () => {
  it('streams 8000 silent samples per second', async () => {
    const stream = startReceive('conexant');
    expect(harness.activities).toEqual(['off-hook', 'recording']);
    await waitClockMs(1000);
    const beforeFlush = harness.clock.now();
    harness.sim.setFarEndAudio('silence');
    const afterFlush = harness.clock.now();

    // The flush sends every sample due, so the count is 8 per clock millisecond since the start.
    const [startedEarliest, startedLatest] = stream.startedBetween;
    expect(stream.audio().length).toBeGreaterThanOrEqual(Math.floor((beforeFlush - startedLatest) * 8) - 1);
    expect(stream.audio().length).toBeLessThanOrEqual(Math.ceil((afterFlush - startedEarliest) * 8));
    expect(stream.audio().every((sample) => sample >= 0x7f && sample <= 0x81)).toBe(true);
  });

  it('shields DLE samples of speech', async () => {
    const stream = startReceive('conexant');
    harness.sim.setFarEndAudio('speech');
    await waitClockMs(4000);
    harness.sim.setFarEndAudio('silence');

    expect(stream.codes).toEqual([]);
    expect(stream.audio().includes(DLE)).toBe(true);
    expect(harness.output()).toContain('\x10\x10');
  });

  it('ends with DLE ETX and OK on DLE !', async () => {
    startReceive('conexant');
    await waitClockMs(200);
    harness.send(Uint8Array.from([DLE, 0x21]));

    expect(harness.output().endsWith('\x10\x03\r\nOK\r\n')).toBe(true);
    expect(harness.sim.dataState).toBe('command');
    harness.clear();
    await waitClockMs(200);
    expect(harness.output()).toBe('');
  });

  it('ignores other host bytes', () => {
    startReceive('conexant');
    harness.send('AT\r');
    expect(harness.sim.dataState).toBe('receive');
    expect(harness.output()).not.toContain('OK');
  });

  it('interleaves key reports with audio', async () => {
    const stream = startReceive('conexant');
    const pressedAt = harness.clock.now();
    harness.sim.pressKey('5');
    harness.sim.pressKey('#', 3);
    await waitUntil(() => stream.codes.length === 9, 'two key reports');

    expect(stream.codes.map((entry) => entry.code).join('')).toBe('/55~/###~');
    // The second key starts after the first one's 140 ms tone.
    expect((stream.codes[4]?.atMs ?? 0) - pressedAt).toBeGreaterThanOrEqual(140 - TIMER_TOLERANCE_MS);
    expect(stream.audio().length).toBeGreaterThan(0);
  });

  it('reports busy after the far end hangs up', async () => {
    const stream = startReceive('usr5637', ['AT+VSD=128,0']);
    const hungUpAt = harness.clock.now();
    harness.sim.farEndHangUp();
    await waitUntil(() => stream.codes.length === 2, 'two busy reports', 10_000);

    expect(stream.codes.map((entry) => entry.code)).toEqual(['b', 'b']);
    const [first, second] = stream.codes;
    expect((first?.atMs ?? 0) - hungUpAt).toBeGreaterThanOrEqual(1500 - TIMER_TOLERANCE_MS);
    expect((second?.atMs ?? 0) - hungUpAt).toBeGreaterThanOrEqual(5500 - TIMER_TOLERANCE_MS);
  });

  it('reports nothing with the no-busy fault', async () => {
    const stream = startReceive('conexant');
    harness.sim.setFault({ noBusyTone: true });
    harness.sim.farEndHangUp();
    await waitClockMs(2500);
    expect(stream.codes).toEqual([]);
  });

  it('stops busy reports on-hook', async () => {
    harness = createSimHarness('conexant');
    answerInVoiceMode(harness);
    harness.sim.farEndHangUp();
    harness.command('ATH');
    harness.clear();
    await waitClockMs(2500);
    expect(harness.output()).toBe('');
  });

  it('USR reports silence after the +VSD time', async () => {
    const stream = startReceive('usr5637', ['AT+VSD=128,10']);
    await waitUntil(() => stream.codes.length === 1, 'silence report');
    expect(stream.codes[0]?.code).toBe('s');

    harness.sim.setFarEndAudio('speech');
    await waitClockMs(500);
    harness.sim.setFarEndAudio('silence');
    await waitUntil(() => stream.codes.length === 2, 'quiet report');
    expect(stream.codes[1]?.code).toBe('q');
  });

  it('Conexant reports no silence', async () => {
    const stream = startReceive('conexant', ['AT+VSD=128,10']);
    await waitClockMs(2000);
    expect(stream.codes).toEqual([]);
  });
});

describe('rings in voice class', () => {
  it('arrive inside an on-hook receive stream', async () => {
    harness = createSimHarness('conexant');
    harness.command('ATE0');
    harness.command('AT+FCLASS=8');
    harness.command('AT+VRX');
    const decoder = new DleDecoder();
    const codes: string[] = [];
    let audioBytes = 0;
    harness.sim.onHostData((bytes) => {
      for (const frame of decoder.push(bytes)) {
        if (frame.kind === 'audio') audioBytes += frame.bytes.length;
        else codes.push(String.fromCharCode(frame.code));
      }
    });

    await waitClockMs(300);
    harness.sim.ring();
    expect(codes).toEqual(['R']);
    expect(audioBytes).toBeGreaterThan(0);
  });
});

describe('pressKey', () => {
  it('ignores keys on-hook', async () => {
    harness = createSimHarness('conexant');
    harness.command('AT+FCLASS=8');
    harness.clear();
    harness.sim.pressKey('1');
    await waitClockMs(300);
    expect(harness.output()).toBe('');
  });

  it('reports a key alone in command state', async () => {
    harness = createSimHarness('usr5637');
    answerInVoiceMode(harness);
    harness.sim.pressKey('0', 3);
    await waitUntil(() => harness.output().endsWith('\x10~'), 'end of key report');
    expect(harness.output()).toBe('\x10/\x100\x100\x100\x10~');
  });

  it('rejects keys that DTMF lacks', () => {
    harness = createSimHarness('conexant');
    expect(() => harness.sim.pressKey('E')).toThrow(/Invalid key "E"/);
  });
});
