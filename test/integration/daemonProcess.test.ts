/**
 * The daemon as its own process, with the real serialport library on pseudo-terminals (socat)
 * talking to the modem simulators and the board simulator in this process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadScenarioFile } from '../../src/cli/simulate.js';
import { compareExpectations } from '../../src/scenario/result.js';
import { runSteps } from '../../src/scenario/steps.js';
import type { CallRecord } from '../../src/storage/callLog.js';
import { startPtyHardware, type PtyHardware } from '../helpers/ptyHardware.js';

const TIME_SCALE = 4;
const root = path.resolve(import.meta.dirname, '../..');

describe('daemon process on pseudo-terminals', () => {
  let folder: string;
  let hardware: PtyHardware | null = null;
  let daemon: ChildProcess | null = null;
  let daemonOutput = '';

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'vorzimmer-process-'));
  });

  afterAll(async () => {
    daemon?.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await hardware?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('screens a call that the desk accepts', async () => {
    const scenario = await loadScenarioFile(
      path.join(root, 'test/scenarios/examples/de-unknown-screened-accepted.json'),
    );
    hardware = await startPtyHardware(folder, TIME_SCALE);
    const { world } = hardware;

    const dataDir = path.join(folder, 'data');
    const configFile = path.join(folder, 'config.json');
    await writeFile(configFile, JSON.stringify(hardware.config(dataDir)));

    daemon = spawn(
      process.execPath,
      [
        path.join(root, 'bin/vorzimmer.js'),
        'run',
        '--config',
        configFile,
        '--time-scale',
        String(TIME_SCALE),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VORZIMMER_LOG_LEVEL: 'info' } },
    );
    daemon.stdout?.on('data', (chunk: Buffer) => (daemonOutput += chunk.toString()));
    daemon.stderr?.on('data', (chunk: Buffer) => (daemonOutput += chunk.toString()));

    const ready = await waitFor(() => world.board.relay.held, 20_000);
    expect(ready, `daemon did not hold the desk phone; its output:\n${daemonOutput}`).toBe(true);

    world.startRecording();
    const options = { world, baseDir: root, onStep: () => undefined };
    await Promise.all([
      runSteps(scenario.line, { ...options, list: 'line' }),
      runSteps(scenario.desk, { ...options, list: 'desk' }),
    ]);

    const idle = await waitFor(
      () => world.board.relay.held && !world.board.phonePort.ringing && !world.lineModem.offHook,
      20_000,
    );
    expect(idle, `daemon did not return to idle; its output:\n${daemonOutput}`).toBe(true);

    const record = await waitForRecord(path.join(dataDir, 'calls.jsonl'));
    const result = compareExpectations(scenario.expect, record, []);
    expect(result.mismatches).toEqual([]);
    expect(result.outcome).toBe('connected');
  }, 120_000);
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

async function waitForRecord(file: string): Promise<CallRecord | null> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const text = await readFile(file, 'utf8').catch(() => '');
    const first = text.split('\n').find((line) => line.trim() !== '');
    if (first) return JSON.parse(first) as CallRecord;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}
