import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { simulateCommand, SIMULATE_EXIT } from '../../../src/cli/simulate.js';

const root = path.resolve(import.meta.dirname, '../../..');
const example = path.join(root, 'test/scenarios/examples/us-usr-blocked-prefix.json');

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'vorzimmer-simulate-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function run(file: string, timeScale = 10): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await simulateCommand(file, {
    timeScale,
    json: false,
    write: (line) => out.push(line),
    writeError: (line) => err.push(line),
  });
  return { code, out, err };
}

async function writeScenario(content: unknown): Promise<string> {
  const file = path.join(folder, 'scenario.json');
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('simulate command', () => {
  it('ends with a passing result line', async () => {
    const { code, out } = await run(example);

    const result = JSON.parse(out.at(-1) ?? '{}') as { type: string; pass: boolean };
    expect(code).toBe(SIMULATE_EXIT.pass);
    expect(result.type).toBe('result');
    expect(result.pass).toBe(true);
  }, 30_000);

  it('prints one JSON object per line', async () => {
    const { out } = await run(example);

    for (const line of out) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(out.some((line) => line.includes('"event":"line-answered"'))).toBe(true);
  }, 30_000);

  it('exits 1 when an expectation differs', async () => {
    const scenario = JSON.parse(await readFile(example, 'utf8')) as { expect: Record<string, unknown> };
    scenario.expect.decision = 'allow';
    const { code, out } = await run(await writeScenario(scenario));

    const result = JSON.parse(out.at(-1) ?? '{}') as { pass: boolean; mismatches: { field: string }[] };
    expect(code).toBe(SIMULATE_EXIT.mismatch);
    expect(result.pass).toBe(false);
    expect(result.mismatches.map((mismatch) => mismatch.field)).toEqual(['decision']);
  }, 30_000);

  it('exits 2 naming a wrong field and the file', async () => {
    const file = await writeScenario({ line: [{ ring: 'twice' }], expect: {} });
    const { code, err } = await run(file);

    expect(code).toBe(SIMULATE_EXIT.invalid);
    expect(err.join('\n')).toContain(file);
    expect(err.join('\n')).toContain('line[0].ring');
  });

  it('exits 2 for an unknown top-level field', async () => {
    const { code, err } = await run(await writeScenario({ lines: [] }));

    expect(code).toBe(SIMULATE_EXIT.invalid);
    expect(err.join('\n')).toContain('lines');
  });

  it('exits 2 for a desk step on the line', async () => {
    const { code, err } = await run(await writeScenario({ line: [{ pickUp: true }] }));

    expect(code).toBe(SIMULATE_EXIT.invalid);
    expect(err.join('\n')).toContain('line[0].pickUp: not allowed in the line list');
  });

  it('exits 2 for a wrong config override', async () => {
    const { code, err } = await run(await writeScenario({ config: { region: 'FR' } }));

    expect(code).toBe(SIMULATE_EXIT.invalid);
    expect(err.join('\n')).toContain('region');
  });

  it('exits 2 for a file that is not JSON', async () => {
    const { code, err } = await run(await writeScenario('{ "line": ['));

    expect(code).toBe(SIMULATE_EXIT.invalid);
    expect(err.join('\n')).toContain('not valid JSON');
  });

  it('fails an await that never happens', async () => {
    const file = await writeScenario({ line: [{ await: 'desk-ringing', timeoutMs: 2000 }] });
    const { code, out } = await run(file);

    const result = JSON.parse(out.at(-1) ?? '{}') as { pass: boolean; failures: string[] };
    expect(code).toBe(SIMULATE_EXIT.mismatch);
    expect(result.failures[0]).toContain('line[0]: "desk-ringing"');
  }, 30_000);

  it('runs as the vorzimmer command', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      path.join(root, 'bin/vorzimmer.js'),
      'simulate',
      example,
      '--time-scale',
      '10',
    ]);

    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { pass: boolean };
    expect(result.pass).toBe(true);
  }, 30_000);

  it('exits 2 for a bad time scale', async () => {
    const failure = await promisify(execFile)(process.execPath, [
      path.join(root, 'bin/vorzimmer.js'),
      'simulate',
      example,
      '--time-scale',
      'abc',
    ]).catch((error: { code: number; stderr: string }) => error);

    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain('Invalid --time-scale "abc"');
  });

  it('prints its version', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      path.join(root, 'bin/vorzimmer.js'),
      '--version',
    ]);

    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
