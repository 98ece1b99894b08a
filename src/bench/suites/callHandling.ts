/**
 * Call handling at household scale, through the real daemon on the in-process simulators:
 * - decision time (caller ID end to the desk phone ringing) with 100,000 list entries and
 *   100,000 logged calls, read from the records' `decisionMs`;
 * - bytes written and time to log one call with 100 and with 100,000 calls in the log;
 * - resident memory after 1,000 calls against after 10;
 * - desk phone off-hook in idle to the relay release, with a real clock.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { ScenarioStep } from '../../scenario/schema.js';
import { CallLog, type CallRecord } from '../../storage/callLog.js';
import { newCallRecord } from '../../storage/callRecord.js';
import { createSilentLogger } from '../../util/log.js';
import type { BenchFigure } from '../run.js';
import { startSimulatedDaemon } from '../simulatedCalls.js';

export const name = 'call-handling';

const LIST_ENTRIES = 100_000;
const LOGGED_CALLS = 100_000;
const DECISION_CALLS = 25;
const DECISION_TARGET_MS = 5;
const APPENDS = 200;
const MEMORY_CALLS = 1_000;
const MEMORY_BASELINE_CALLS = 10;
/** Allowed growth of resident memory from 10 to 1,000 calls, an estimate of what "flat" means here. */
const MEMORY_GROWTH_LIMIT_MB = 10;
const OFF_HOOK_CYCLES = 20;
const OFF_HOOK_TARGET_MS = 100;
/** Time scale of the simulated calls: fast, because only processing time is measured. */
const FAST_SCALE = 100;

/** The contact that the decision calls come from: entry 42 of the allowlist. */
const CONTACT_CALLER_ID = '0301000042';
const BLOCKED_CALLER_ID = '0305550199';

export async function run(): Promise<BenchFigure[]> {
  const folder = await mkdtemp(path.join(tmpdir(), 'vorzimmer-bench-calls-'));
  try {
    return [
      ...(await measureDecisions(path.join(folder, 'decisions'))),
      ...(await measureLogAppends(path.join(folder, 'small-log'), path.join(folder, 'decisions'))),
      ...(await measureMemory(path.join(folder, 'memory'))),
      ...(await measureOffHook(path.join(folder, 'off-hook'))),
    ];
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Ring, caller ID between the first and second ring, one more ring, then the caller gives up. */
function callerIdCall(number: string): ScenarioStep[] {
  return [
    { ring: 1 },
    { wait: 600 },
    { callerId: { date: '1204', time: '1015', number } },
    { ring: { untilAnswered: true, max: 2 } },
  ];
}

async function measureDecisions(dataDir: string): Promise<BenchFigure[]> {
  await writeLargeLists(dataDir);
  await writeCallLog(dataDir, LOGGED_CALLS);
  const daemon = await startSimulatedDaemon({
    dataDir,
    timeScale: FAST_SCALE,
    config: { callLog: { maxEntries: 1_000_000 } },
  });

  const times: number[] = [];
  try {
    for (let call = 0; call < DECISION_CALLS; call++) {
      const record = await daemon.placeCall(callerIdCall(CONTACT_CALLER_ID));
      if (record.decision !== 'allow' || record.decisionMs === null) {
        throw new Error(
          `Benchmark call was not allowed: decision ${String(record.decision)}, rule ${String(record.rule)}.`,
        );
      }
      times.push(record.decisionMs);
    }
  } finally {
    await daemon.stop();
  }

  const median = percentile(times, 0.5);
  return [
    {
      name: `caller ID end to desk ringing, ${LIST_ENTRIES} entries, ${LOGGED_CALLS} logged, median of ${DECISION_CALLS}`,
      value: median,
      unit: 'ms',
      target: `< ${DECISION_TARGET_MS} ms median`,
      ok: median < DECISION_TARGET_MS,
    },
    { name: 'caller ID end to desk ringing, 90th percentile', value: percentile(times, 0.9), unit: 'ms' },
  ];
}

async function measureLogAppends(smallDir: string, largeDir: string): Promise<BenchFigure[]> {
  await writeCallLog(smallDir, 100);
  const small = await measureAppends(smallDir);
  const large = await measureAppends(largeDir);
  const byteRatio = large.bytes / small.bytes;

  return [
    {
      name: `bytes written to log one call, 100 logged (${small.source})`,
      value: small.bytes,
      unit: 'bytes',
    },
    { name: `bytes written to log one call, ${large.lines} logged`, value: large.bytes, unit: 'bytes' },
    {
      name: 'bytes per call, 100,000 logged against 100',
      value: byteRatio,
      unit: 'ratio',
      target: 'near 1 (0.9 to 1.1)',
      ok: byteRatio > 0.9 && byteRatio < 1.1,
    },
    { name: `time to log one call, 100 logged, median of ${APPENDS}`, value: small.ms, unit: 'ms' },
    {
      name: `time to log one call, ${large.lines} logged, median of ${APPENDS}`,
      value: large.ms,
      unit: 'ms',
    },
    {
      name: 'time per call, 100,000 logged against 100',
      value: large.ms / small.ms,
      unit: 'ratio',
      target: 'near 1 (below 2, as fsync times are noisy)',
      ok: large.ms / small.ms < 2,
    },
  ];
}

/** Appends records to the log in `dataDir` and returns the median time and bytes written per append. */
async function measureAppends(
  dataDir: string,
): Promise<{ ms: number; bytes: number; lines: number; source: string }> {
  const log = await CallLog.open({ dataDir, maxEntries: 1_000_000, logger: createSilentLogger() });
  const lines = log.size;
  const times: number[] = [];
  const bytes: number[] = [];
  const counter = writtenBytesCounter(path.join(dataDir, 'calls.jsonl'));

  for (let index = 0; index < APPENDS; index++) {
    const record = sampleRecord(`bench-${index}`);
    const before = counter.read();
    const started = performance.now();
    await log.append(record);
    times.push(performance.now() - started);
    bytes.push(counter.read() - before);
  }
  return { ms: percentile(times, 0.5), bytes: percentile(bytes, 0.5), lines, source: counter.source };
}

/**
 * Counts bytes written: the process's `wchar` from /proc/self/io on Linux (every byte passed to
 * write calls), or else the growth of the log file.
 */
function writtenBytesCounter(file: string): { read(): number; source: string } {
  try {
    readProcWrittenBytes();
    return { read: readProcWrittenBytes, source: 'write calls, from /proc/self/io wchar' };
  } catch {
    return { read: () => readFileSync(file).length, source: 'growth of the log file' };
  }
}

function readProcWrittenBytes(): number {
  const match = /^wchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
  if (match === null) throw new Error('/proc/self/io has no wchar line');
  return Number(match[1]);
}

async function measureMemory(dataDir: string): Promise<BenchFigure[]> {
  const daemon = await startSimulatedDaemon({
    dataDir,
    timeScale: FAST_SCALE,
    config: { policy: { blockAction: 'hang-up' } },
  });
  await daemon.composition.lists.replaceAll(
    { block: [{ number: '030 5550199', name: 'Werbung' }] },
    'config',
  );

  let baseline: MemorySample;
  let after: MemorySample;
  try {
    for (let call = 0; call < MEMORY_CALLS; call++) {
      const record = await daemon.placeCall(callerIdCall(BLOCKED_CALLER_ID));
      if (record.outcome !== 'rejected')
        throw new Error(`Benchmark call was not rejected: ${String(record.outcome)}.`);
      if (call + 1 === MEMORY_BASELINE_CALLS) baseline = await sampleMemory();
    }
    after = await sampleMemory();
  } finally {
    await daemon.stop();
  }

  const growthMb = (after.rss - baseline!.rss) / 2 ** 20;
  return [
    {
      name: `resident memory after ${MEMORY_BASELINE_CALLS} calls (${baseline!.method})`,
      value: baseline!.rss / 2 ** 20,
      unit: 'MB',
    },
    { name: `resident memory after ${MEMORY_CALLS} calls`, value: after.rss / 2 ** 20, unit: 'MB' },
    {
      name: `resident memory growth from ${MEMORY_BASELINE_CALLS} to ${MEMORY_CALLS} calls`,
      value: growthMb,
      unit: 'MB',
      target: `< ${MEMORY_GROWTH_LIMIT_MB} MB (flat)`,
      ok: growthMb < MEMORY_GROWTH_LIMIT_MB,
    },
    {
      name: `heap used growth from ${MEMORY_BASELINE_CALLS} to ${MEMORY_CALLS} calls`,
      value: (after.heapUsed - baseline!.heapUsed) / 2 ** 20,
      unit: 'MB',
    },
  ];
}

interface MemorySample {
  rss: number;
  heapUsed: number;
  method: string;
}

/** Samples memory after a full garbage collection when `gc` is exposed, or else as the median of five samples. */
async function sampleMemory(): Promise<MemorySample> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) {
    gc();
    const usage = process.memoryUsage();
    return { rss: usage.rss, heapUsed: usage.heapUsed, method: 'after gc()' };
  }

  const samples: NodeJS.MemoryUsage[] = [];
  for (let index = 0; index < 5; index++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    samples.push(process.memoryUsage());
  }
  return {
    rss: percentile(
      samples.map((sample) => sample.rss),
      0.5,
    ),
    heapUsed: percentile(
      samples.map((sample) => sample.heapUsed),
      0.5,
    ),
    method: 'median of 5 samples, no gc exposed',
  };
}

async function measureOffHook(dataDir: string): Promise<BenchFigure[]> {
  const daemon = await startSimulatedDaemon({ dataDir, timeScale: 1 });
  const { world, composition } = daemon;
  const delays: number[] = [];

  try {
    for (let cycle = 0; cycle < OFF_HOOK_CYCLES; cycle++) {
      const released = new Promise<number>((resolve) => {
        const stop = world.board.onActivity((event) => {
          if (event !== 'desk-on-line') return;
          stop();
          resolve(performance.now());
        });
      });
      const pickedUpAt = performance.now();
      world.board.setDeskHook('off-hook');
      delays.push((await released) - pickedUpAt);

      // Stay off-hook longer than the loop-current debounce, so that the daemon detects the call end.
      await new Promise((resolve) => setTimeout(resolve, 100));
      world.board.setDeskHook('on-hook');
      while (composition.daemon.state !== 'idle') await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    await daemon.stop();
  }

  const median = percentile(delays, 0.5);
  return [
    {
      name: `desk off-hook in idle to relay release, real clock, median of ${OFF_HOOK_CYCLES} (includes the 30 ms hook debounce)`,
      value: median,
      unit: 'ms',
      target: `< ${OFF_HOOK_TARGET_MS} ms`,
      ok: median < OFF_HOOK_TARGET_MS,
    },
    { name: 'desk off-hook to relay release, slowest', value: Math.max(...delays), unit: 'ms' },
  ];
}

/** Writes `DATA/lists.json` with LIST_ENTRIES entries: Berlin numbers on both lists and some prefixes. */
async function writeLargeLists(dataDir: string): Promise<void> {
  const addedAt = new Date('2024-12-04T09:00:00.000Z').toISOString();
  const entry = (id: string, pattern: string): Record<string, string> => ({
    id,
    raw: pattern,
    name: `Entry ${id}`,
    pattern,
    addedAt,
    source: 'import',
  });
  const allow = [];
  const block = [];
  for (let index = 0; index < LIST_ENTRIES / 2; index++) {
    allow.push(entry(`a${index}`, `+4930${1_000_000 + index}`));
    block.push(entry(`b${index}`, `+4989${2_000_000 + index}`));
  }
  for (const prefix of ['+49900*', '+49137*', '+44*', '+1876*']) block.push(entry(`p${prefix}`, prefix));
  block.splice(0, 4);

  await mkdir(dataDir, { recursive: true });
  await writeFile(path.join(dataDir, 'lists.json'), JSON.stringify({ version: 1, allow, block }));
}

/** Writes `DATA/calls.jsonl` with `count` records. */
async function writeCallLog(dataDir: string, count: number): Promise<void> {
  const line = `${JSON.stringify(sampleRecord('bench'))}\n`;
  await mkdir(dataDir, { recursive: true });
  await writeFile(path.join(dataDir, 'calls.jsonl'), line.repeat(count));
}

function sampleRecord(id: string): CallRecord {
  return {
    ...newCallRecord(id, '2024-12-04T10:15:00.000Z'),
    endedAt: '2024-12-04T10:15:21.000Z',
    rawCallerId: ['DATE = 1204', 'TIME = 1015', 'NMBR = 0895550177'],
    number: '+49895550177',
    rawNumber: '0895550177',
    callerIdStatus: 'present',
    decision: 'screen',
    rule: 'unknown-screened',
    outcome: 'connected',
    deskKey: '1',
    lineAnswered: true,
    deskRang: true,
    decisionMs: 1.2,
    durationMs: 21000,
  };
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}
