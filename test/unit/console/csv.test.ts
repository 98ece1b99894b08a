/** The CSV reader and writer. */
import { describe, expect, it } from 'vitest';

import { detectSeparator, formatCsv, parseCsv } from '../../../src/console/csv.js';

describe('CSV reader', () => {
  it('reads quoted fields with commas', () => {
    expect(parseCsv('allow,030 5550123,"Berger, Anna"\r\n')).toEqual({
      kind: 'rows',
      rows: [{ line: 1, fields: ['allow', '030 5550123', 'Berger, Anna'] }],
    });
  });

  it('reads doubled quotes and line breaks', () => {
    expect(parseCsv('allow,0301,"Anna ""Anni""\nBerger"\nblock,0302,x\n')).toEqual({
      kind: 'rows',
      rows: [
        { line: 1, fields: ['allow', '0301', 'Anna "Anni"\nBerger'] },
        { line: 3, fields: ['block', '0302', 'x'] },
      ],
    });
  });

  it('skips empty lines and a byte order mark', () => {
    expect(parseCsv('\uFEFFa,b\n\n\nc,d')).toEqual({
      kind: 'rows',
      rows: [
        { line: 1, fields: ['a', 'b'] },
        { line: 4, fields: ['c', 'd'] },
      ],
    });
  });

  it('reports an open quote', () => {
    expect(parseCsv('a,b\nc,"d\ne,f\n')).toEqual({ kind: 'open-quote', line: 2 });
  });

  it('detects semicolons from German spreadsheets', () => {
    expect(detectSeparator('liste;nummer;name\r\n')).toBe(';');
  });

  it('keeps commas when both appear', () => {
    expect(detectSeparator('list,number,name;x\r\n')).toBe(',');
  });
});

describe('CSV writer', () => {
  it('quotes only where needed', () => {
    expect(formatCsv([['allow', '+49305550123', 'Berger, Anna "Anni"']])).toBe(
      'allow,+49305550123,"Berger, Anna ""Anni"""\r\n',
    );
  });

  it('reads back what it writes', () => {
    const rows = [
      ['block', '+49900*', ' leading space'],
      ['allow', '+49305550123', 'line\nbreak'],
    ];

    expect(parseCsv(formatCsv(rows))).toEqual({
      kind: 'rows',
      rows: [
        { line: 1, fields: rows[0] },
        { line: 2, fields: rows[1] },
      ],
    });
  });
});
