/** The vCard reader and writer, on made-up files in the style of phone and address book exports. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { decodeQuotedPrintable, readVcards } from '../../../src/console/vcard.js';
import { foldLine, formatVcards } from '../../../src/console/vcardWriter.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/console');

async function readFixture(name: string): Promise<ReturnType<typeof readVcards>> {
  return readVcards(await readFile(join(FIXTURES, name), 'utf8'));
}

describe('vCard 2.1 reader', () => {
  it('decodes quoted-printable UTF-8 names', async () => {
    const { contacts } = await readFixture('android-2.1.vcf');

    expect(contacts[0]?.name).toBe('Jürgen Müller');
  });

  it('joins a soft line break', async () => {
    const { contacts } = await readFixture('android-2.1.vcf');

    expect(contacts[1]?.name).toBe('Ärztehaus Schöneberg Dr. Françoise Lefèvre');
  });

  it('decodes an ISO-8859-1 name from N', async () => {
    const { contacts } = await readFixture('android-2.1.vcf');

    expect(contacts[2]?.name).toBe('Grötz Bäcker');
  });

  it('keeps each number once per card', async () => {
    const { contacts } = await readFixture('android-2.1.vcf');

    expect(contacts[0]?.numbers).toEqual(['0171 5550101', '+49 30 5550102']);
  });

  it('reports a card without number', async () => {
    const { problems } = await readFixture('android-2.1.vcf');

    expect(problems).toEqual([{ line: 22, name: 'Nina Nummernlos', reason: 'no-number' }]);
  });

  it('passes a mistyped number on unchecked', async () => {
    const { contacts } = await readFixture('android-2.1.vcf');

    expect(contacts[3]).toEqual({ line: 28, name: 'Kaputt Karl', numbers: ['0171 55x0105'] });
  });
});

describe('vCard 3.0 reader', () => {
  it('reads grouped TEL lines', async () => {
    const { contacts } = await readFixture('apple-3.0.vcf');

    expect(contacts[0]?.numbers).toEqual(['+49 30 5550123', '+49 (0)30 555 0124']);
  });

  it('prefers FN over N', async () => {
    const { contacts } = await readFixture('apple-3.0.vcf');

    expect(contacts[0]?.name).toBe('Anna Berger');
  });

  it('unfolds a folded name', async () => {
    const { contacts } = await readFixture('apple-3.0.vcf');

    expect(contacts[1]?.name).toBe(
      'Hubert Blaine Maximilian Friedrich Wolfeschlegelsteinhausenbergerdorff Senior',
    );
  });

  it('falls back to the organisation', async () => {
    const { contacts } = await readFixture('apple-3.0.vcf');

    expect(contacts[2]?.name).toBe('Stadtwerke Beispielstadt');
  });

  it('skips photo data', async () => {
    const { contacts, problems } = await readFixture('apple-3.0.vcf');

    expect(contacts).toHaveLength(3);
    expect(problems).toEqual([]);
  });
});

describe('vCard 4.0 reader', () => {
  it('strips tel URIs and extensions', async () => {
    const { contacts } = await readFixture('unclosed-4.0.vcf');

    expect(contacts[0]?.numbers).toEqual(['+44-20-7946-0321', '+49-30-5550125']);
  });

  it('reads LF line ends', async () => {
    const { contacts } = await readFixture('unclosed-4.0.vcf');

    expect(contacts[0]?.name).toBe("Zoë O'Brien");
  });

  it('reports a card without END', async () => {
    const { problems } = await readFixture('unclosed-4.0.vcf');

    expect(problems).toEqual([{ line: 8, name: 'Abgeschnitten', reason: 'not-closed' }]);
  });

  it('unescapes commas and semicolons', () => {
    const { contacts } = readVcards(
      'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Kurz\\, Lang \\; Partner\r\nTEL:0301234567\r\nEND:VCARD\r\n',
    );

    expect(contacts[0]?.name).toBe('Kurz, Lang ; Partner');
  });

  it('replaces line breaks in names', () => {
    const { contacts } = readVcards(
      'BEGIN:VCARD\nVERSION:3.0\nFN:Erste\\nZweite\nTEL:0301234567\nEND:VCARD\n',
    );

    expect(contacts[0]?.name).toBe('Erste Zweite');
  });

  it('ignores text outside cards', () => {
    expect(readVcards('FN:Stray\nTEL:0301234567\n')).toEqual({ contacts: [], problems: [] });
  });
});

describe('quoted-printable decoding', () => {
  it('keeps a broken escape as text', () => {
    expect(Buffer.from(decodeQuotedPrintable('100=%')).toString('utf8')).toBe('100=%');
  });
});

describe('vCard writer', () => {
  it('writes a vCard 3.0 card', () => {
    expect(formatVcards([{ name: 'Anna Berger', number: '+49305550123' }])).toBe(
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Berger\r\nN:Berger;Anna;;;\r\nTEL;TYPE=VOICE:+49305550123\r\nEND:VCARD\r\n',
    );
  });

  it('escapes special characters', () => {
    expect(formatVcards([{ name: 'Kurz, Lang; Partner', number: '+49305550123' }])).toContain(
      'FN:Kurz\\, Lang\\; Partner\r\n',
    );
  });

  it('writes one card for numbers of one name', () => {
    const cards = formatVcards([
      { name: 'Jürgen Großmann', number: '+49305550123' },
      { name: 'Anna Berger', number: '+49305550124' },
      { name: 'Jürgen Großmann', number: '+491715550125' },
    ]);

    expect(cards.match(/BEGIN:VCARD/g)).toHaveLength(2);
    expect(cards).toContain('TEL;TYPE=VOICE:+49305550123\r\nTEL;TYPE=VOICE:+491715550125\r\n');
  });

  it('keeps entries without a name apart', () => {
    const cards = formatVcards([
      { name: '', number: '+49305550123' },
      { name: '', number: '+49305550124' },
    ]);

    expect(cards.match(/BEGIN:VCARD/g)).toHaveLength(2);
  });

  it('uses the number without a name', () => {
    expect(formatVcards([{ name: '', number: '+49305550123' }])).toContain('FN:+49305550123\r\n');
  });

  it('folds lines at 75 octets', () => {
    const folded = foldLine(`FN:${'ü'.repeat(60)}`);

    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('folds without splitting characters', () => {
    const folded = foldLine(`FN:${'ü'.repeat(60)}`);

    expect(folded.replace(/\r\n /g, '')).toBe(`FN:${'ü'.repeat(60)}`);
  });

  it('reads back what it writes', () => {
    const entries = [
      { name: 'Jürgen Müller-Lüdenscheidt, Dr.; Praxis', number: '+49305550123' },
      { name: 'x'.repeat(120), number: '+491715550101' },
    ];
    const { contacts } = readVcards(formatVcards(entries));

    expect(contacts.map((contact) => ({ name: contact.name, number: contact.numbers[0] }))).toEqual(entries);
  });
});
