/**
 * `vorzimmer run` as its own process against the board simulator over a pseudo-terminal: every way
 * the process ends (SIGTERM, an uncaught error) must leave the relay released, so that the desk
 * phone is a plain phone on the wall line, and bad input must stop it with a message that names
 * the file and the field while the relay stays released.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ScenarioWorld } from '../../src/scenario/world.js';
import { startPtyHardware, type PtyHardware } from '../helpers/ptyHardware.js';

const root = path.resolve(import.meta.dirname, '../..');
const TIME_SCALE = 4;
/**
 * Time for the board simulator to read the daemon's last message after the process has exited:
 * the bytes may still be in the pseudo-terminal when the exit is reported.
 */
const RELEASE_READ_MS = 2000;

/**
 * Preloaded into the daemon process for the crash test only: SIGUSR2 makes it throw from a timer,
 * which is an uncaught error as a bug would cause.
 */
const CRASH_ON_SIGUSR2 =
  'data:text/javascript,process.on("SIGUSR2",()=>setImmediate(()=>{throw new Error("crash requested by the test")}))';

let folder: string;
let hardware: PtyHardware;
let world: ScenarioWorld;
let child: ChildProcess | null;
let output: string;

beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'vorzimmer-failsafe-'));
  hardware = await startPtyHardware(folder, TIME_SCALE);
  world = hardware.world;
  child = null;
  output = '';
});

afterEach(async () => {
  if (child !== null && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited(child);
  }
  await hardware.close();
  await rm(folder, { recursive: true, force: true });
});

/** Writes a config for the simulators, with `changes` merged in at the top level. */
async function writeConfig(changes: Record<string, unknown> = {}): Promise<string> {
  const file = path.join(folder, 'config.json');
  await writeFile(file, JSON.stringify(hardware.config(path.join(folder, 'data'), changes)));
  return file;
}

function startDaemon(configFile: string, nodeOptions: string[] = []): ChildProcess {
  const started = spawn(
    process.execPath,
    [
      ...nodeOptions,
      path.join(root, 'bin/vorzimmer.js'),
      'run',
      '--config',
      configFile,
      '--time-scale',
      String(TIME_SCALE),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VORZIMMER_LOG_LEVEL: 'info' } },
  );
  started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child = started;
  return started;
}

function exited(process: ChildProcess): Promise<number | null> {
  if (process.exitCode !== null || process.signalCode !== null) return Promise.resolve(process.exitCode);
  return new Promise((resolve) => process.once('exit', (code) => resolve(code)));
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

describe('daemon process exit', () => {
  it('releases the relay on SIGTERM', async () => {
    const daemon = startDaemon(await writeConfig());
    expect(
      await waitFor(() => world.board.relay.held, 20_000),
      `daemon never held the relay:\n${output}`,
    ).toBe(true);

    daemon.kill('SIGTERM');
    const code = await exited(daemon);

    expect(code).toBe(0);
    expect(await waitFor(() => !world.board.relay.held, RELEASE_READ_MS)).toBe(true);
  }, 60_000);

  it('releases the relay on an uncaught error', async () => {
    const daemon = startDaemon(await writeConfig(), ['--import', CRASH_ON_SIGUSR2]);
    expect(
      await waitFor(() => world.board.relay.held, 20_000),
      `daemon never held the relay:\n${output}`,
    ).toBe(true);

    daemon.kill('SIGUSR2');
    const code = await exited(daemon);

    expect(code).toBe(1);
    expect(await waitFor(() => !world.board.relay.held, RELEASE_READ_MS)).toBe(true);
    expect(output).toContain('crash requested by the test');
  }, 60_000);
});

describe('daemon process bad input', () => {
  it('names a damaged lists file and keeps the relay released', async () => {
    const dataDir = path.join(folder, 'data');
    await mkdir(dataDir, { recursive: true });
    await writeFile(path.join(dataDir, 'lists.json'), '{"version": 1, "allow": [');

    const code = await exited(startDaemon(await writeConfig()));

    expect(code).toBe(1);
    expect(output).toContain(path.join(dataDir, 'lists.json'));
    expect(world.board.relay.held).toBe(false);
  }, 60_000);

  it('names an unknown region and the allowed ones', async () => {
    const configFile = await writeConfig({ region: 'FR' });

    const code = await exited(startDaemon(configFile));

    expect(code).toBe(1);
    expect(output).toContain(configFile);
    expect(output).toMatch(/region: .*"DE"/);
    expect(world.board.relay.held).toBe(false);
  }, 60_000);

  it('names a schedule time that does not parse', async () => {
    const configFile = await writeConfig({
      policy: { doNotDisturb: [{ days: ['mon'], from: '22 Uhr', to: '07:00' }] },
    });

    const code = await exited(startDaemon(configFile));

    expect(code).toBe(1);
    expect(output).toContain('policy.doNotDisturb.0.from: must be a time of day as HH:MM');
    expect(world.board.relay.held).toBe(false);
  }, 60_000);

  it('names a wrong value', async () => {
    const configFile = await writeConfig({ policy: { blockAction: 'explode' } });

    const code = await exited(startDaemon(configFile));

    expect(code).toBe(1);
    expect(output).toMatch(/policy\.blockAction: .*"sit"/);
    expect(world.board.relay.held).toBe(false);
  }, 60_000);
});
