/**
 * Every kind of bad console input, in both languages: each gets a clear message and leaves the
 * lists, the settings and the files as they were.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Locale } from '../../../src/console/messages.js';
import { openTestConsole, type TestConsole } from './consoleSupport.js';

/** Expected start of each rejection, per language. */
const EXPECTED: Record<Locale, Record<string, RegExp>> = {
  en: {
    invalidNumber:
      /^Invalid number "030 555x0123" for a DE line: it contains characters other than digits\..* Nothing was changed\.$/,
    unknownCommand: /^Unknown command "alow"\. Did you mean "allow"\?/,
    tooLong: /^The line is too long \(10000 characters, at most 1000\)\. Nothing was changed\.$/,
    controlCharacter: /^The line contains the control character U\+0007 at position 23\./,
    bidiOverride: /^The line contains the control character U\+202E at position 24\./,
    invalidUtf8: /^The line contains bytes that are not valid UTF-8\./,
    openQuote: /^The quote at position 19 is not closed\. Nothing was changed\.$/,
    settingValue:
      /^Invalid value "99" for screening\.deskRings: expected a whole number from 1 to 30\. Nothing was changed\.$/,
    settingKey: /^Unknown setting "policy\.withhold"\. Did you mean "policy\.withheld"\?/,
    logCount: /^Invalid count "0": give a whole number from 1 to 500, such as log 20\./,
  },
  de: {
    invalidNumber:
      /^Die Nummer „030 555x0123“ ist ungültig\. Nichts wurde geändert\. Details \(englisch\): Invalid number "030 555x0123"/,
    unknownCommand: /^Unbekannter Befehl „alow“\. Meinten Sie „allow“\?/,
    tooLong: /^Die Zeile ist zu lang \(10000 Zeichen, höchstens 1000\)\. Nichts wurde geändert\.$/,
    controlCharacter: /^Die Zeile enthält das Steuerzeichen U\+0007 an Stelle 23\./,
    bidiOverride: /^Die Zeile enthält das Steuerzeichen U\+202E an Stelle 24\./,
    invalidUtf8: /^Die Zeile enthält Bytes, die kein gültiges UTF-8 sind\./,
    openQuote: /^Das Anführungszeichen an Stelle 19 wird nicht geschlossen\. Nichts wurde geändert\.$/,
    settingValue:
      /^Ungültiger Wert „99“ für screening\.deskRings: erlaubt ist eine ganze Zahl von 1 bis 30\. Nichts wurde geändert\.$/,
    settingKey: /^Unbekannte Einstellung „policy\.withhold“\. Meinten Sie „policy\.withheld“\?/,
    logCount: /^Ungültige Anzahl „0“: bitte eine ganze Zahl von 1 bis 500 angeben, etwa protokoll 20\./,
  },
};

for (const locale of ['en', 'de'] as const) {
  describe(`bad input in ${locale}`, () => {
    let console: TestConsole;
    let listsBefore: string;

    beforeEach(async () => {
      console = await openTestConsole({ locale });
      await console.commands.execute('allow 030 5550123 Anna');
      listsBefore = await readFile(join(console.dataDir, 'lists.json'), 'utf8');
    });

    afterEach(async () => {
      await console.cleanUp();
    });

    const listsFile = (): Promise<string> => readFile(join(console.dataDir, 'lists.json'), 'utf8');

    it('rejects an invalid number', async () => {
      expect(await console.commands.execute('allow 030 555x0123 Bernd')).toMatch(
        EXPECTED[locale].invalidNumber!,
      );
      expect(await listsFile()).toBe(listsBefore);
    });

    it('rejects an invalid number to remove', async () => {
      expect(await console.commands.execute('remove 030 555x0123')).toMatch(/030 555x0123/);
      expect(await listsFile()).toBe(listsBefore);
    });

    it('suggests the nearest command', async () => {
      expect(await console.commands.execute('alow 030 5550177')).toMatch(EXPECTED[locale].unknownCommand!);
      expect(await listsFile()).toBe(listsBefore);
    });

    it('rejects a 10,000 character line', async () => {
      const line = `allow 030 5550177 ${'x'.repeat(10_000 - 18)}`;

      expect(await console.commands.execute(line)).toMatch(EXPECTED[locale].tooLong!);
      expect(await listsFile()).toBe(listsBefore);
    });

    it('accepts a line of 1,000 characters', async () => {
      const line = `allow 030 5550177 ${'x'.repeat(1000 - 18)}`;
      await console.commands.execute(line);

      expect(console.lists.snapshot().allow).toHaveLength(2);
    });

    it('rejects a control character', async () => {
      expect(await console.commands.execute('allow 030 5550177 Bern\u0007d')).toMatch(
        EXPECTED[locale].controlCharacter!,
      );
      expect(await listsFile()).toBe(listsBefore);
    });

    it('rejects an escape sequence in a name', async () => {
      expect(await console.commands.execute('allow 030 5550177 \u001b[2JBernd')).toMatch(/U\+001B/);
      expect(await listsFile()).toBe(listsBefore);
    });

    it('rejects a bidirectional override', async () => {
      expect(await console.commands.execute('allow 030 5550177 Bernd\u202Eevil')).toMatch(
        EXPECTED[locale].bidiOverride!,
      );
      expect(await listsFile()).toBe(listsBefore);
    });

    it('rejects bytes that are not UTF-8', async () => {
      const bytes = Buffer.concat([Buffer.from('allow 030 5550177 Caf'), Buffer.from([0xe9])]);

      expect(await console.commands.executeBytes(bytes)).toMatch(EXPECTED[locale].invalidUtf8!);
      expect(await listsFile()).toBe(listsBefore);
    });

    it('runs valid UTF-8 bytes', async () => {
      await console.commands.executeBytes(Buffer.from('allow 030 5550177 Café'));

      expect(console.lists.snapshot().allow[1]?.name).toBe('Café');
    });

    it('rejects an open quote', async () => {
      expect(await console.commands.execute('allow 030 5550177 "Bernd')).toMatch(EXPECTED[locale].openQuote!);
      expect(await listsFile()).toBe(listsBefore);
    });

    it('rejects a setting out of range', async () => {
      expect(await console.commands.execute('set screening.deskRings 99')).toMatch(
        EXPECTED[locale].settingValue!,
      );
      expect(console.config.screening.deskRings).toBe(6);
    });

    it('suggests the nearest setting key', async () => {
      expect(await console.commands.execute('set policy.withhold block')).toMatch(
        EXPECTED[locale].settingKey!,
      );
    });

    it('rejects a log count of zero', async () => {
      expect(await console.commands.execute(`${locale === 'de' ? 'protokoll' : 'log'} 0`)).toMatch(
        EXPECTED[locale].logCount!,
      );
    });
  });
}
