/** The command core in German, with the German command names, on real stores in a temporary folder. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { COMMANDS } from '../../../src/console/commandTable.js';
import { allMessageIds, messageText } from '../../../src/console/messages.js';
import { appendCall, openTestConsole, saveMessage, type TestConsole } from './consoleSupport.js';

let console: TestConsole;

beforeEach(async () => {
  console = await openTestConsole({
    locale: 'de',
    status: {
      daemon: 'degraded',
      modems: { line: 'not-connected', phone: 'not-connected' },
      relayHeld: false,
    },
  });
});

afterEach(async () => {
  await console.cleanUp();
});

describe('message catalogue', () => {
  it('has both languages for every text', () => {
    for (const id of allMessageIds()) {
      const text = messageText(id);
      expect(text.de.trim(), id).not.toBe('');
      expect(text.en.trim(), id).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string): string[] =>
      [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
    // The English detail of an invalid number names the number itself, so only German repeats it.
    const exceptions = new Set(['numberInvalid']);
    for (const id of allMessageIds().filter((messageId) => !exceptions.has(messageId))) {
      const text = messageText(id);
      expect(placeholders(text.de), id).toEqual(placeholders(text.en));
    }
  });
});

describe('Hilfe auf Deutsch', () => {
  it('lists every command by its German name', async () => {
    const text = await console.commands.execute('hilfe');

    for (const command of COMMANDS) expect(text).toContain(`\n  ${command.german[0]}`);
  });

  it('explains a command with an example', async () => {
    expect(await console.commands.execute('hilfe erlauben')).toMatch(
      /^Aufruf: erlauben NUMMER \[NAME\]\n[\s\S]*Auch: erlauben, allow\n\nBeispiel:\n {2}erlauben 030 5550123 Anna Berger$/,
    );
  });

  it('accepts the English names too', async () => {
    expect(await console.commands.execute('help')).toMatch(/^Befehle/);
  });
});

describe('Listen auf Deutsch', () => {
  it('adds a number with erlauben', async () => {
    expect(await console.commands.execute('erlauben 030 5550123 Anna Berger')).toBe(
      '030 5550123 (+49305550123) steht jetzt auf der Erlaubt-Liste, Name „Anna Berger“.',
    );
  });

  it('blocks a prefix with sperren', async () => {
    await console.commands.execute('sperren 0900* Mehrwertnummern');

    expect(console.lists.snapshot().block[0]?.name).toBe('Mehrwertnummern');
  });

  it('shows one list by its German word', async () => {
    await console.commands.execute('sperren 0900* Mehrwertnummern');

    expect(await console.commands.execute('liste gesperrt')).toBe(
      'Sperrliste (1):\n  +49900*  Mehrwertnummern',
    );
  });

  it('removes a number with entfernen', async () => {
    await console.commands.execute('erlauben 030 5550123 Anna');

    expect(await console.commands.execute('entfernen 030 5550123')).toBe(
      '+49305550123 „Anna“ von der Erlaubt-Liste entfernt.',
    );
  });

  it('keeps umlauts in names', async () => {
    await console.commands.execute('erlauben 030 5550123 Jürgen Müller-Lüdenscheidt');

    expect(console.lists.snapshot().allow[0]?.name).toBe('Jürgen Müller-Lüdenscheidt');
  });
});

describe('Protokoll und Nachrichten auf Deutsch', () => {
  it('shows calls with protokoll', async () => {
    await appendCall(console, 'first', '2024-12-04T10:15:00.000Z');

    expect(await console.commands.execute('protokoll')).toBe(
      'Anrufe, neueste zuerst (1):\n  2024-12-04 10:15  +49895550177  geprüft → verbunden',
    );
  });

  it('lists messages with nachrichten', async () => {
    await saveMessage(console, null, '2024-12-04T10:00:00.000Z', 5);

    expect(await console.commands.execute('nachrichten')).toBe(
      'Nachrichten (1, davon 1 neu), neueste zuerst:\n' +
        '    1  neu   2024-12-04 10:00   0:05  keine Rufnummer\n' +
        'Abspielen mit „abspielen N“, löschen mit „löschen nachricht N“.',
    );
  });

  it('plays a message with abspielen', async () => {
    await saveMessage(console, '+49895550177', '2024-12-04T09:00:00.000Z');

    expect(await console.commands.execute('abspielen 1')).toBe(
      'Nachricht 1 (+49895550177, 2024-12-04 09:00) abgespielt. Sie ist jetzt als gehört markiert.',
    );
  });

  it('deletes a message with löschen', async () => {
    await saveMessage(console, '+49895550177', '2024-12-04T09:00:00.000Z');

    expect(await console.commands.execute('löschen nachricht 1')).toBe(
      'Nachricht 1 (+49895550177, 2024-12-04 09:00) gelöscht.',
    );
  });

  it('deletes a message with loeschen', async () => {
    await saveMessage(console, '+49895550177', '2024-12-04T09:00:00.000Z');
    await console.commands.execute('loeschen nachricht 1');

    expect(console.messages.list()).toHaveLength(0);
  });
});

describe('Status auf Deutsch', () => {
  it('shows a degraded daemon', async () => {
    expect(await console.commands.execute('status')).toBe(
      [
        'Dienst: Modems nicht bereit, neuer Versuch läuft',
        'Modems: Leitung nicht verbunden, Tischtelefon nicht verbunden',
        'Relais: abgefallen (Tischtelefon an der Wandleitung)',
        'Letzter Anruf: noch keiner',
        'Nachrichten: 0 (davon 0 neu)',
        'Listen: 0 erlaubt, 0 gesperrt',
      ].join('\n'),
    );
  });

  it('leaves the console with beenden', async () => {
    expect(await console.commands.executeLine('beenden')).toEqual({
      text: 'Konsole geschlossen.',
      exit: true,
    });
  });
});

describe('English console without German names', () => {
  it('rejects German names in English', async () => {
    const english = await openTestConsole({ locale: 'en' });
    try {
      expect(await english.commands.execute('liste')).toBe(
        'Unknown command "liste". Did you mean "list"? Type help for the list of commands.',
      );
    } finally {
      await english.cleanUp();
    }
  });
});
