/** `set` and the settings store: checked with the config schema, saved, and applied to the live config. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { SettingsStore } from '../../../src/console/settings.js';
import { parseConfig } from '../../../src/config/load.js';
import { createSilentLogger } from '../../../src/util/log.js';
import { openTestConsole, type TestConsole } from './consoleSupport.js';

let console: TestConsole;

beforeEach(async () => {
  console = await openTestConsole({ locale: 'en' });
});

afterEach(async () => {
  await console.cleanUp();
});

async function savedValues(): Promise<Record<string, unknown>> {
  const file = JSON.parse(await readFile(join(console.dataDir, 'settings.json'), 'utf8')) as {
    values: Record<string, unknown>;
  };
  return file.values;
}

describe('set command', () => {
  it('applies a choice to the live config', async () => {
    expect(await console.commands.execute('set policy.withheld block')).toBe(
      'policy.withheld is now block. It applies from the next call.',
    );
    expect(console.config.policy.withheld).toBe('block');
  });

  it('saves the value to settings.json', async () => {
    await console.commands.execute('set policy.blockAction hang-up');

    expect(await savedValues()).toEqual({ 'policy.blockAction': 'hang-up' });
  });

  it('reads a switch in German words', async () => {
    await console.commands.execute('set policy.robotCheck an');

    expect(console.config.policy.robotCheck).toBe(true);
  });

  it('reads a decimal comma', async () => {
    await console.commands.execute('set voicemail.maxSeconds 90,5');

    expect(console.config.voicemail.maxSeconds).toBe(90.5);
  });

  it('rejects a fraction for whole numbers', async () => {
    expect(await console.commands.execute('set screening.deskRings 2.5')).toMatch(
      /expected a whole number from 1 to 30/,
    );
    expect(console.config.screening.deskRings).toBe(6);
  });

  it('rejects an unknown choice', async () => {
    expect(await console.commands.execute('set policy.absent maybe')).toBe(
      'Invalid value "maybe" for policy.absent: expected one of allow, screen, block, voicemail. Nothing was changed.',
    );
  });

  it('writes nothing for a rejected value', async () => {
    await console.commands.execute('set policy.absent maybe');

    await expect(readFile(join(console.dataDir, 'settings.json'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('switches the console language', async () => {
    const text = await console.commands.execute('set locale de');

    expect(text).toBe(
      'Die Konsole spricht jetzt Deutsch. Die Ansagen für Anrufer folgen nach einem Neustart des Dienstes.',
    );
    expect(await console.commands.execute('liste erlaubt')).toBe('Erlaubt-Liste (0):\n  (leer)');
  });

  it('shows every setting with its value', async () => {
    const text = await console.commands.execute('set');

    expect(text).toMatch(/^Settings \(change with set KEY VALUE\):\n {2}locale {16}en {10}de \| en\n/);
    expect(text).toContain('  screening.deskRings   6           1 … 30');
  });

  it('shows one setting', async () => {
    expect(await console.commands.execute('set policy.robotCheck')).toBe(
      'Settings (change with set KEY VALUE):\n  policy.robotCheck  off         on | off',
    );
  });
});

describe('settings store', () => {
  it('applies saved values when opened', async () => {
    await console.commands.execute('set screening.deskRings 3');
    const config = parseConfig({ region: 'DE', dataDir: console.dataDir }, 'test');
    await SettingsStore.open({ dataDir: console.dataDir, config, logger: createSilentLogger() });

    expect(config.screening.deskRings).toBe(3);
  });

  it('picks up another process on reload', async () => {
    const config = parseConfig({ region: 'DE', dataDir: console.dataDir }, 'test');
    const daemonSettings = await SettingsStore.open({
      dataDir: console.dataDir,
      config,
      logger: createSilentLogger(),
    });
    await console.commands.execute('set policy.unavailable block');
    await daemonSettings.reload();

    expect(config.policy.unavailable).toBe('block');
  });

  it('reloads by itself while watching', async () => {
    const config = parseConfig({ region: 'DE', dataDir: console.dataDir }, 'test');
    const daemonSettings = await SettingsStore.open({
      dataDir: console.dataDir,
      config,
      logger: createSilentLogger(),
    });
    const stop = daemonSettings.watch(10);
    try {
      await console.commands.execute('set voicemail.maxSeconds 60');
      const deadline = Date.now() + 3000;
      while (config.voicemail.maxSeconds !== 60 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      stop();
    }

    expect(config.voicemail.maxSeconds).toBe(60);
  });

  it('ignores invalid and unknown saved values', async () => {
    await writeFile(
      join(console.dataDir, 'settings.json'),
      JSON.stringify({
        version: 1,
        values: { 'screening.deskRings': 99, 'board.relay.pin': 4, 'policy.absent': 'block' },
      }),
    );
    const config = parseConfig({ region: 'DE', dataDir: console.dataDir }, 'test');
    await SettingsStore.open({ dataDir: console.dataDir, config, logger: createSilentLogger() });

    expect(config.screening.deskRings).toBe(6);
    expect(config.policy.absent).toBe('block');
  });
});
