/** `prompt list`, `import`, `reset` and `record` through the command core, in both languages. */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';
import wavefile from 'wavefile';

import { PROMPT_NAMES, type PromptName } from '../../../src/call/prompts.js';
import type { Locale } from '../../../src/console/messages.js';
import { openTestConsole, type TestConsole } from './consoleSupport.js';

const { WaveFile } = wavefile;

let console: TestConsole;
let reloads: number;
let armed: PromptName[];

async function open(locale: Locale, withDaemon = true): Promise<void> {
  reloads = 0;
  armed = [];
  console = await openTestConsole({
    locale,
    reloadPrompts: () => {
      reloads++;
    },
    armPromptRecording: withDaemon ? (name) => armed.push(name) : undefined,
  });
}

/** Writes a made-up 16-bit stereo WAV file at 16 kHz, `ms` long, of a 440 Hz tone, into the data folder. */
async function writeToneWav(name: string, ms: number): Promise<void> {
  const samples = Math.round((16000 * ms) / 1000);
  const channel = new Int16Array(samples);
  for (let i = 0; i < samples; i++) channel[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 16000));
  const file = new WaveFile();
  file.fromScratch(2, 16000, '16', [channel, channel]);
  await writeFile(join(console.dataDir, name), file.toBuffer());
}

function ownPromptPath(locale: Locale, name: string): string {
  return join(console.dataDir, 'prompts', locale, `${name}.wav`);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

afterEach(async () => {
  await console.cleanUp();
});

describe('prompt import in English', () => {
  it('saves the file in the modem format', async () => {
    await open('en');
    await writeToneWav('my-hold.wav', 1500);

    await console.commands.execute('prompt import hold my-hold.wav');

    const saved = new WaveFile(await readFile(ownPromptPath('en', 'hold')));
    const format = saved.fmt as { sampleRate: number; numChannels: number; bitsPerSample: number };
    expect(format.sampleRate).toBe(8000);
    expect(format.numChannels).toBe(1);
    expect(format.bitsPerSample).toBe(8);
    expect(saved.getSamples(false).length).toBe(12_000);
  });

  it('saves the file readable only by its owner', async () => {
    await open('en');
    await writeToneWav('my-hold.wav', 500);

    await console.commands.execute('prompt import hold my-hold.wav');

    expect((await stat(ownPromptPath('en', 'hold'))).mode & 0o777).toBe(0o600);
  });

  it('reports the import and reloads the prompts', async () => {
    await open('en');
    await writeToneWav('my-hold.wav', 1500);

    const text = await console.commands.execute('prompt import hold my-hold.wav');

    expect(text).toBe(
      `Prompt hold is now your recording from my-hold.wav (1.5 s), saved as ${ownPromptPath('en', 'hold')}. It plays from the next call.`,
    );
    expect(reloads).toBe(1);
  });

  it('writes into config.promptsDir when set', async () => {
    await open('en');
    console.config.promptsDir = join(console.dataDir, 'own');
    await writeToneWav('my-hold.wav', 500);

    await console.commands.execute('prompt import hold my-hold.wav');

    expect(await exists(join(console.dataDir, 'own', 'en', 'hold.wav'))).toBe(true);
  });

  it('rejects a file that is not WAV', async () => {
    await open('en');
    await writeFile(join(console.dataDir, 'notes.wav'), 'just some text, not audio');

    const text = await console.commands.execute('prompt import hold notes.wav');

    expect(text).toMatch(
      /^notes\.wav cannot be used as a prompt: Invalid WAV data: expected a RIFF\/WAVE header/,
    );
    expect(text).toMatch(/Nothing was changed\.$/);
    expect(await exists(ownPromptPath('en', 'hold'))).toBe(false);
    expect(reloads).toBe(0);
  });

  it('rejects a missing file', async () => {
    await open('en');

    const text = await console.commands.execute('prompt import hold missing.wav');

    expect(text).toMatch(/^Cannot read missing\.wav: .*ENOENT.*Nothing was changed\.$/);
    expect(await exists(ownPromptPath('en', 'hold'))).toBe(false);
  });

  it('rejects an unknown prompt name with the valid names', async () => {
    await open('en');
    await writeToneWav('my-hold.wav', 500);

    const text = await console.commands.execute('prompt import holding my-hold.wav');

    expect(text).toBe(`Unknown prompt "holding". Prompts: ${PROMPT_NAMES.join(', ')}. Nothing was changed.`);
    expect(await exists(ownPromptPath('en', 'holding'))).toBe(false);
  });

  it('shows the usage when the file is missing', async () => {
    await open('en');

    const text = await console.commands.execute('prompt import hold');

    expect(text).toBe(
      'Something is missing. Usage: prompt list | import NAME FILE | reset NAME | record NAME. Nothing was changed.',
    );
  });
});

describe('prompt list and reset in English', () => {
  it('lists every prompt as shipped at first', async () => {
    await open('en');

    const lines = (await console.commands.execute('prompt list')).split('\n');

    expect(lines).toHaveLength(PROMPT_NAMES.length + 1);
    expect(lines.filter((line) => line.endsWith('  shipped'))).toHaveLength(PROMPT_NAMES.length);
  });

  it('lists an imported prompt as own recording', async () => {
    await open('en');
    await writeToneWav('my-hold.wav', 500);
    await console.commands.execute('prompt import hold my-hold.wav');

    const lines = (await console.commands.execute('prompt list')).split('\n');

    expect(lines).toContain(`  ${'hold'.padEnd(22)}  own recording`);
    expect(lines).toContain(`  ${'beep'.padEnd(22)}  shipped`);
  });

  it('reset deletes the own recording and reloads', async () => {
    await open('en');
    await writeToneWav('my-hold.wav', 500);
    await console.commands.execute('prompt import hold my-hold.wav');

    const text = await console.commands.execute('prompt reset hold');

    expect(text).toBe('Prompt hold is the shipped one again from the next call.');
    expect(await exists(ownPromptPath('en', 'hold'))).toBe(false);
    expect(reloads).toBe(2);
  });

  it('reset of a shipped prompt changes nothing', async () => {
    await open('en');

    const text = await console.commands.execute('prompt reset hold');

    expect(text).toBe('Prompt hold is the shipped one already. Nothing was changed.');
    expect(reloads).toBe(0);
  });

  it('reset rejects an unknown prompt name', async () => {
    await open('en');

    const text = await console.commands.execute('prompt reset music');

    expect(text).toMatch(/^Unknown prompt "music"\. Prompts: screen-greeting, beep, hold, /);
  });
});

describe('prompt record in English', () => {
  it('arms the daemon and answers at once', async () => {
    await open('en');

    const text = await console.commands.execute('prompt record hold');

    expect(text).toBe('Pick up the desk phone within 60 s and speak after the tone; press # when done.');
    expect(armed).toEqual(['hold']);
  });

  it('rejects an unknown prompt name', async () => {
    await open('en');

    const text = await console.commands.execute('prompt record music');

    expect(text).toMatch(/^Unknown prompt "music"\./);
    expect(armed).toEqual([]);
  });

  it('is unavailable without a daemon', async () => {
    await open('en', false);

    const text = await console.commands.execute('prompt record hold');

    expect(text).toMatch(/^Recording at the desk phone works only in the console of the running daemon/);
  });
});

describe('ansage in German', () => {
  it('importieren saves the file', async () => {
    await open('de');
    await writeToneWav('warten.wav', 1000);

    const text = await console.commands.execute('ansage importieren hold warten.wav');

    expect(text).toBe(
      `Die Ansage hold ist jetzt Ihre Aufnahme aus warten.wav (1.0 s), gespeichert als ${ownPromptPath('de', 'hold')}. Sie gilt ab dem nächsten Anruf.`,
    );
    expect(await exists(ownPromptPath('de', 'hold'))).toBe(true);
  });

  it('importieren rejects a file that is not WAV', async () => {
    await open('de');
    await writeFile(join(console.dataDir, 'text.wav'), 'kein Audio');

    const text = await console.commands.execute('ansage importieren hold text.wav');

    expect(text).toMatch(/^text\.wav lässt sich nicht als Ansage verwenden\. Nichts wurde geändert\./);
    expect(await exists(ownPromptPath('de', 'hold'))).toBe(false);
  });

  it('importieren rejects an unknown name', async () => {
    await open('de');

    const text = await console.commands.execute('ansage importieren musik warten.wav');

    expect(text).toMatch(/^Unbekannte Ansage „musik“\. Ansagen: screen-greeting, beep, hold, /);
  });

  it('liste marks own recordings', async () => {
    await open('de');
    await writeToneWav('warten.wav', 500);
    await console.commands.execute('ansage importieren hold warten.wav');

    const lines = (await console.commands.execute('ansage liste')).split('\n');

    expect(lines).toContain(`  ${'hold'.padEnd(22)}  eigene Aufnahme`);
    expect(lines).toContain(`  ${'beep'.padEnd(22)}  mitgeliefert`);
  });

  it('zurücksetzen deletes the own recording', async () => {
    await open('de');
    await writeToneWav('warten.wav', 500);
    await console.commands.execute('ansage importieren hold warten.wav');

    const text = await console.commands.execute('ansage zurücksetzen hold');

    expect(text).toBe('Die Ansage hold ist ab dem nächsten Anruf wieder die mitgelieferte.');
    expect(await exists(ownPromptPath('de', 'hold'))).toBe(false);
  });

  it('aufnehmen arms the daemon', async () => {
    await open('de');

    const text = await console.commands.execute('ansage aufnehmen hold');

    expect(text).toBe(
      'Bitte innerhalb von 60 s den Hörer des Tischtelefons abnehmen und nach dem Ton sprechen; zum Beenden # drücken.',
    );
    expect(armed).toEqual(['hold']);
  });

  it('takes the English words too', async () => {
    await open('de');

    await console.commands.execute('prompt record beep');

    expect(armed).toEqual(['beep']);
  });
});
