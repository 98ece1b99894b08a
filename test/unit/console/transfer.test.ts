/** `import` and `export` of the lists as CSV and vCard, through the command core. */
import { copyFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openTestConsole, type TestConsole } from './consoleSupport.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/console');

let console: TestConsole;

async function useFixture(name: string): Promise<void> {
  await copyFile(join(FIXTURES, name), join(console.dataDir, name));
}

function names(list: 'allow' | 'block'): string[] {
  return console.lists.snapshot()[list].map((entry) => entry.name);
}

describe('vCard import in English', () => {
  beforeEach(async () => {
    console = await openTestConsole({ locale: 'en' });
  });

  afterEach(async () => {
    await console.cleanUp();
  });

  it('adds every number to the allowlist', async () => {
    await useFixture('android-2.1.vcf');
    await console.commands.execute('import android-2.1.vcf');

    expect(names('allow')).toEqual([
      'Jürgen Müller',
      'Jürgen Müller',
      'Ärztehaus Schöneberg Dr. Françoise Lefèvre',
      'Grötz Bäcker',
    ]);
  });

  it('reports added, merged and skipped', async () => {
    await useFixture('android-2.1.vcf');
    const text = await console.commands.execute('import android-2.1.vcf');

    expect(text.split('\n')[0]).toBe('Imported android-2.1.vcf: added 4, merged 0, skipped 2.');
  });

  it('names each skipped card and why', async () => {
    await useFixture('android-2.1.vcf');
    const text = await console.commands.execute('import android-2.1.vcf');

    expect(text).toContain('  skipped line 22: Nina Nummernlos: card without phone number');
    expect(text).toMatch(/ {2}skipped line 28: 0171 55x0105: invalid number\. Invalid number "0171 55x0105"/);
  });

  it('imports to the blocklist when asked', async () => {
    await useFixture('apple-3.0.vcf');
    await console.commands.execute('import apple-3.0.vcf block');

    expect(names('block')).toEqual([
      'Anna Berger',
      'Anna Berger',
      'Hubert Blaine Maximilian Friedrich Wolfeschlegelsteinhausenbergerdorff Senior',
      'Stadtwerke Beispielstadt',
    ]);
  });

  it('merges a known number with a new name', async () => {
    await console.commands.execute('allow 030 5550123 Anni');
    await useFixture('apple-3.0.vcf');
    const text = await console.commands.execute('import apple-3.0.vcf');

    expect(text).toContain('Imported apple-3.0.vcf: added 3, merged 1, skipped 0.');
    expect(text).toContain('  merged  +49305550123  "Anni" → "Anna Berger"  (allowlist)');
  });

  it('skips a number already the same', async () => {
    await useFixture('apple-3.0.vcf');
    await console.commands.execute('import apple-3.0.vcf');
    const text = await console.commands.execute('import apple-3.0.vcf');

    expect(text.split('\n')[0]).toBe('Imported apple-3.0.vcf: added 0, merged 0, skipped 4.');
  });

  it('skips a number on the other list', async () => {
    await console.commands.execute('block 089 5550177 Hubert');
    await useFixture('apple-3.0.vcf');
    const text = await console.commands.execute('import apple-3.0.vcf');

    expect(text).toContain(
      '  skipped line 14: 089 5550177: already on the blocklist. To move it, use allow 089 5550177',
    );
    expect(names('block')).toEqual(['Hubert']);
  });

  it('imports a card before one left open', async () => {
    await useFixture('unclosed-4.0.vcf');
    const text = await console.commands.execute('import unclosed-4.0.vcf');

    expect(text).toContain('  skipped line 8: Abgeschnitten: card without END:VCARD');
    expect(console.lists.snapshot().allow.map((entry) => entry.raw)).toEqual([
      '+44-20-7946-0321',
      '+49-30-5550125',
    ]);
  });

  it('reads a Windows-1252 file', async () => {
    await writeFile(
      join(console.dataDir, 'legacy.vcf'),
      Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:J\xfcrgen\r\nTEL:0301234567\r\nEND:VCARD\r\n', 'latin1'),
    );
    const text = await console.commands.execute('import legacy.vcf');

    expect(text).toContain('legacy.vcf is not UTF-8, so it was read as Windows-1252.');
    expect(names('allow')).toEqual(['Jürgen']);
  });

  it('rejects a missing file', async () => {
    expect(await console.commands.execute('import nothing.vcf')).toMatch(
      /^Cannot read nothing\.vcf: ENOENT.*\. Nothing was changed\.$/,
    );
  });

  it('rejects an unknown file type', async () => {
    expect(await console.commands.execute('import contacts.txt')).toBe(
      'Unknown file type of contacts.txt: the name must end in .csv, .vcf or .vcard. Nothing was changed.',
    );
  });
});

describe('CSV import in English', () => {
  beforeEach(async () => {
    console = await openTestConsole({ locale: 'en' });
  });

  afterEach(async () => {
    await console.cleanUp();
  });

  it('puts each row on its list', async () => {
    await writeFile(
      join(console.dataDir, 'lists.csv'),
      'list,number,name\r\nallow,030 5550123,"Berger, Anna"\r\nblock,0900*,Premium\r\n',
    );
    await console.commands.execute('import lists.csv');

    expect(names('allow')).toEqual(['Berger, Anna']);
    expect(names('block')).toEqual(['Premium']);
  });

  it('reads German headers with semicolons', async () => {
    await writeFile(
      join(console.dataDir, 'listen.csv'),
      'Name;Nummer;Liste\nAnna;030 5550123;erlaubt\nSpam;0171 5550100;gesperrt\n',
    );
    await console.commands.execute('import listen.csv');

    expect(names('block')).toEqual(['Spam']);
  });

  it('reads rows without a header', async () => {
    await writeFile(join(console.dataDir, 'plain.csv'), 'block,0171 5550100,Spam\n');
    await console.commands.execute('import plain.csv');

    expect(names('block')).toEqual(['Spam']);
  });

  it('skips rows with bad fields', async () => {
    await writeFile(
      join(console.dataDir, 'bad.csv'),
      'list,number,name\nmaybe,030 5550123,Anna\nallow,,Nobody\nallow,abc,Letters\n',
    );
    const text = await console.commands.execute('import bad.csv');

    expect(text).toContain('Imported bad.csv: added 0, merged 0, skipped 3.');
    expect(text).toContain(
      '  skipped line 2: maybe,030 5550123,Anna: unknown list "maybe", expected allow or block',
    );
    expect(text).toContain('  skipped line 3: allow,,Nobody: the number column is empty');
    expect(text).toMatch(/ {2}skipped line 4: abc: invalid number\./);
  });

  it('rejects an open quote whole', async () => {
    await writeFile(join(console.dataDir, 'open.csv'), 'allow,030 5550123,Anna\nallow,030 5550177,"Bernd\n');

    expect(await console.commands.execute('import open.csv')).toBe(
      'The quote in line 2 of open.csv is not closed. Nothing was changed.',
    );
    expect(names('allow')).toEqual([]);
  });
});

describe('export in English', () => {
  beforeEach(async () => {
    console = await openTestConsole({ locale: 'en' });
    await console.commands.execute('allow 030 5550123 Berger, Anna');
    await console.commands.execute('block 0900* Premium');
    await console.commands.execute('block 0171 5550100 Spam');
  });

  afterEach(async () => {
    await console.cleanUp();
  });

  it('writes both lists as CSV', async () => {
    await console.commands.execute('export out.csv');

    expect(await readFile(join(console.dataDir, 'out.csv'), 'utf8')).toBe(
      'list,number,name\r\nallow,+49305550123,"Berger, Anna"\r\nblock,+49900*,Premium\r\nblock,+491715550100,Spam\r\n',
    );
  });

  it('writes a file only its owner reads', async () => {
    await console.commands.execute('export out.csv');

    expect((await stat(join(console.dataDir, 'out.csv'))).mode & 0o777).toBe(0o600);
  });

  it('leaves prefixes out of vCards', async () => {
    const text = await console.commands.execute('export blocked.vcf block');

    expect(text).toBe(
      'Wrote blocked.vcf (entries: 1).\nLeft out the prefixes, because a vCard holds only whole numbers: +49900*',
    );
  });

  it('never overwrites a file', async () => {
    await writeFile(join(console.dataDir, 'keep.csv'), 'precious');

    expect(await console.commands.execute('export keep.csv')).toMatch(/^keep\.csv exists already\./);
    expect(await readFile(join(console.dataDir, 'keep.csv'), 'utf8')).toBe('precious');
  });

  it('imports its own CSV unchanged', async () => {
    await console.commands.execute('export out.csv');
    const text = await console.commands.execute('import out.csv');

    expect(text.split('\n')[0]).toBe('Imported out.csv: added 0, merged 0, skipped 3.');
  });
});

describe('Import und Export auf Deutsch', () => {
  beforeEach(async () => {
    console = await openTestConsole({ locale: 'de' });
  });

  afterEach(async () => {
    await console.cleanUp();
  });

  it('imports vCards to the blocklist with gesperrt', async () => {
    await useFixture('apple-3.0.vcf');
    const text = await console.commands.execute('import apple-3.0.vcf gesperrt');

    expect(text.split('\n')[0]).toBe(
      'apple-3.0.vcf importiert: 4 hinzugefügt, 0 zusammengeführt, 0 übersprungen.',
    );
    expect(console.lists.snapshot().block).toHaveLength(4);
  });

  it('reports skipped cards in German', async () => {
    await useFixture('android-2.1.vcf');

    expect(await console.commands.execute('import android-2.1.vcf')).toContain(
      '  übersprungen, Zeile 22: Nina Nummernlos: Karte ohne Telefonnummer',
    );
  });

  it('exports with the German word', async () => {
    await console.commands.execute('erlauben 030 5550123 Anna');

    expect(await console.commands.execute('export kontakte.vcf erlaubt')).toBe(
      'kontakte.vcf geschrieben (Einträge: 1).',
    );
  });
});
