/**
 * Turns the text of a CSV or vCard file into list entries to import, and names each row that
 * cannot become one.
 */
import { parseCsv } from './csv.js';
import { parseListWord } from './commandTable.js';
import { cleanName, readVcards } from './vcard.js';

/** One entry that a file requests to add. */
export interface ImportCandidate {
  /** Line in the file where the entry starts, counted from 1. */
  line: number;
  list: 'allow' | 'block';
  number: string;
  name: string;
}

/** Reason that a row of a file gives no entry, found before its number is checked. */
export type SourceProblem =
  | { kind: 'missing-number' }
  | { kind: 'unknown-list'; value: string }
  | { kind: 'card-without-number' }
  | { kind: 'card-not-closed' };

/** A row or card of a file that gives no entry. */
export interface SourceSkip {
  line: number;
  /** Content of the row, shortened, for the report. */
  value: string;
  problem: SourceProblem;
}

/** Entries read from a file, or the line of a CSV quote that is not closed. */
export type ImportSource =
  | { kind: 'entries'; candidates: ImportCandidate[]; skips: SourceSkip[] }
  | { kind: 'open-quote'; line: number };

/** Header names of the CSV columns, English as written by `export` and German as a person may type them. */
const COLUMN_NAMES: Readonly<Record<string, 'list' | 'number' | 'name'>> = {
  list: 'list',
  liste: 'list',
  number: 'number',
  nummer: 'number',
  rufnummer: 'number',
  name: 'name',
};

/**
 * Reads CSV with the columns list, number and name. A first row that names the columns is a
 * header, and its order is used. Without it, the columns are list, number, name in this order.
 * The list column accepts the English and the German list words in either language, because a
 * file may come from anywhere, and an empty list column means the allowlist.
 */
export function readCsvSource(text: string): ImportSource {
  const parsed = parseCsv(text);
  if (parsed.kind === 'open-quote') return parsed;

  const rows = parsed.rows;
  let columns = { list: 0, number: 1, name: 2 };
  const header = rows[0]?.fields.map((field) => COLUMN_NAMES[field.trim().toLowerCase()]);
  if (header !== undefined && header.includes('number')) {
    columns = {
      list: header.indexOf('list'),
      number: header.indexOf('number'),
      name: header.indexOf('name'),
    };
    rows.shift();
  }

  const candidates: ImportCandidate[] = [];
  const skips: SourceSkip[] = [];
  for (const row of rows) {
    const field = (index: number): string => (index < 0 ? '' : (row.fields[index] ?? '').trim());
    const value = row.fields.join(',').slice(0, 60);
    const number = field(columns.number);
    const listText = field(columns.list);
    const list = listText === '' ? 'allow' : parseListWord(listText, 'de');

    if (list === null)
      skips.push({ line: row.line, value, problem: { kind: 'unknown-list', value: listText } });
    else if (number === '') skips.push({ line: row.line, value, problem: { kind: 'missing-number' } });
    else candidates.push({ line: row.line, list, number, name: cleanName(field(columns.name)) });
  }
  return { kind: 'entries', candidates, skips };
}

/** Reads vCards, one entry per TEL, all for `list`. */
export function readVcardSource(text: string, list: 'allow' | 'block'): ImportSource {
  const { contacts, problems } = readVcards(text);

  const candidates = contacts.flatMap((contact) =>
    contact.numbers.map((number) => ({ line: contact.line, list, number, name: contact.name })),
  );
  const skips: SourceSkip[] = problems.map((problem) => ({
    line: problem.line,
    value: problem.name === '' ? 'BEGIN:VCARD' : problem.name,
    problem: { kind: problem.reason === 'no-number' ? 'card-without-number' : 'card-not-closed' },
  }));
  return { kind: 'entries', candidates, skips };
}
