import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { loadBoardSettings } from '../../../src/cli/safePins.js';
import { isVorzimmerError } from '../../../src/util/errors.js';
import { createSilentLogger } from '../../../src/util/log.js';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'vorzimmer-safe-pins-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function configFile(content: string): Promise<string> {
  const file = path.join(folder, 'config.json');
  await writeFile(file, content);
  return file;
}

describe('loadBoardSettings', () => {
  it('reads the board of a valid config', async () => {
    const file = await configFile(JSON.stringify({ board: { relay: { pin: 4 } } }));

    expect(loadBoardSettings(file, createSilentLogger()).relay.pin).toBe(4);
  });

  it('keeps the board when policy is invalid', async () => {
    const file = await configFile(
      JSON.stringify({ board: { relay: { pin: 4, activeLow: true } }, policy: { preset: 'nonsense' } }),
    );

    const board = loadBoardSettings(file, createSilentLogger());

    expect(board.relay).toEqual({ pin: 4, activeLow: true });
  });

  it('rejects an invalid board section', async () => {
    const file = await configFile(JSON.stringify({ board: { relay: { pin: 99 } }, region: 'FR' }));

    let caught: unknown;
    try {
      loadBoardSettings(file, createSilentLogger());
    } catch (error) {
      caught = error;
    }

    expect(isVorzimmerError(caught, 'CONFIG_INVALID')).toBe(true);
  });

  it('rejects a file that is not JSON', async () => {
    const file = await configFile('{ "board": ');

    expect(() => loadBoardSettings(file, createSilentLogger())).toThrow(/not valid JSON/);
  });
});
