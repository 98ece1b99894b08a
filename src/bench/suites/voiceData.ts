/**
 * Voice data: DLE shielding and unshielding throughput against the 8 kB/s that one call needs,
 * and playback timing while two other cores are busy. Playback runs through VoiceModem.play
 * against the simulated Conexant modem at time scale 1, and counts the `<DLE>u` underruns that the
 * simulator reports (not the one a Conexant sends right after CONNECT). The target is zero underruns.
 */
import { Worker } from 'node:worker_threads';

import { AtChannel } from '../../modem/atChannel.js';
import { BYTES_PER_SECOND, VoiceModem } from '../../modem/voiceModem.js';
import { DleDecoder, shieldAudio } from '../../protocol/dle.js';
import { ModemSim } from '../../sim/modemSim.js';
import { SimRegistry } from '../../sim/simBinding.js';
import { openSerialLink } from '../../transport/serialLink.js';
import { createClock } from '../../util/clock.js';
import { createSilentLogger } from '../../util/log.js';
import type { BenchFigure } from '../run.js';

export const name = 'voice-data';

const RUNS = 5;
const SAMPLE_BYTES = 8 * 1024 * 1024;
/** Seconds of audio played under load; VORZIMMER_BENCH_PLAY_SECONDS changes it (60 for the full check). */
const PLAY_SECONDS = Number(process.env.VORZIMMER_BENCH_PLAY_SECONDS ?? 20);
const BUSY_WORKERS = 2;

export async function run(): Promise<BenchFigure[]> {
  const audio = speechLikeAudio(SAMPLE_BYTES);
  const shielded = shieldAudio(audio);
  const shieldMBps = medianOf(
    Array.from({ length: RUNS }, () => throughput(() => shieldAudio(audio), audio.length)),
  );
  const unshieldMBps = medianOf(
    Array.from({ length: RUNS }, () => throughput(() => new DleDecoder().push(shielded), shielded.length)),
  );
  const callMBps = BYTES_PER_SECOND / 1e6;

  const playback = await playUnderLoad(PLAY_SECONDS);
  const underrunsPerMinute = (playback.underruns / PLAY_SECONDS) * 60;

  return [
    { name: 'DLE shielding, median of 5 over 8 MiB', value: shieldMBps, unit: 'MB/s' },
    {
      name: 'shielding against one call (8 kB/s)',
      value: shieldMBps / callMBps,
      unit: 'x',
      target: '> 100x',
      ok: shieldMBps / callMBps > 100,
    },
    { name: 'DLE unshielding, median of 5 over 8 MiB', value: unshieldMBps, unit: 'MB/s' },
    {
      name: 'unshielding against one call (8 kB/s)',
      value: unshieldMBps / callMBps,
      unit: 'x',
      target: '> 100x',
      ok: unshieldMBps / callMBps > 100,
    },
    {
      name: `playback of ${PLAY_SECONDS} s with ${BUSY_WORKERS} busy cores: audio played`,
      value: playback.playedSeconds,
      unit: 's',
    },
    {
      name: 'playback underruns per minute',
      value: underrunsPerMinute,
      unit: '/min',
      target: '0',
      ok: playback.underruns === 0,
    },
  ];
}

/** Made-up 8-bit audio around 0x80 that reaches 0x10 now and then, as loud speech does. */
function speechLikeAudio(length: number): Buffer {
  const audio = Buffer.allocUnsafe(length);
  for (let index = 0; index < length; index++) {
    audio[index] = Math.max(
      0,
      Math.min(255, Math.round(128 + 118 * Math.sin(index / 7) * Math.sin(index / 1900))),
    );
  }
  return audio;
}

function throughput(work: () => unknown, bytes: number): number {
  const start = performance.now();
  work();
  const seconds = (performance.now() - start) / 1000;
  return bytes / 1e6 / seconds;
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function playUnderLoad(seconds: number): Promise<{ underruns: number; playedSeconds: number }> {
  const workers = Array.from({ length: BUSY_WORKERS }, () => new Worker('for (;;) {}', { eval: true }));
  const clock = createClock(1);
  const logger = createSilentLogger();
  const sim = new ModemSim({ personality: 'conexant', clock });
  const registry = new SimRegistry();
  registry.register('sim://bench', sim);

  const link = await openSerialLink('sim://bench', { binding: registry.binding });
  const modem = new VoiceModem(new AtChannel(link, { name: 'bench', clock, logger }), {
    clock,
    logger,
    side: 'phone',
    countryCode: '42',
    initExtra: [],
  });

  try {
    await modem.setup();
    await modem.answer();
    await modem.play(speechLikeAudio(seconds * BYTES_PER_SECOND), { bargeIn: false });
    return { underruns: sim.playback.underruns, playedSeconds: sim.playback.bytes / BYTES_PER_SECOND };
  } finally {
    await modem.close();
    sim.dispose();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
