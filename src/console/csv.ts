/**
 * CSV as in RFC 4180: fields separated by commas, optionally in double quotes, with `""` for a
 * quote inside a quoted field and line breaks allowed inside quotes. Spreadsheets set to German
 * write semicolons instead of commas, so the reader also accepts `;` when the first line has
 * semicolons and no commas.
 */

/** One record of a CSV file and the line where it starts, counted from 1. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** Result of `parseCsv`: the rows, or the line of a quoted field that never ends. */
export type CsvParseResult = { kind: 'rows'; rows: CsvRow[] } | { kind: 'open-quote'; line: number };

/** Returns the separator of a CSV text: `;` when its first line has semicolons and no commas, else `,`. */
export function detectSeparator(text: string): ',' | ';' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  return firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
}

/**
 * Parses CSV text into rows. A byte order mark at the start is ignored, and so are empty lines.
 * Lines may end in CRLF or LF.
 */
export function parseCsv(text: string, separator: ',' | ';' = detectSeparator(text)): CsvParseResult {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let quoteLine = 0;
  let rowHasContent = false;

  const endRow = (): void => {
    if (rowHasContent || field !== '' || fields.length > 0)
      rows.push({ line: rowLine, fields: [...fields, field] });
    fields = [];
    field = '';
    rowHasContent = false;
  };

  for (let index = 0; index < input.length; index += 1) {
    const char = input[index]!;

    if (quoteLine > 0) {
      if (char === '"' && input[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') {
        quoteLine = 0;
      } else {
        if (char === '\n') line += 1;
        field += char;
      }
      continue;
    }

    if (char === '"') {
      quoteLine = line;
      rowHasContent = true;
    } else if (char === separator) {
      fields.push(field);
      field = '';
      rowHasContent = true;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[index + 1] === '\n') index += 1;
      endRow();
      line += 1;
      rowLine = line;
    } else {
      field += char;
    }
  }

  if (quoteLine > 0) return { kind: 'open-quote', line: quoteLine };
  endRow();
  return { kind: 'rows', rows };
}

/** Formats one CSV field, quoting it when it contains a comma, a quote, a line break or outer spaces. */
export function formatCsvField(value: string): string {
  if (!/[",\r\n]/.test(value) && value.trim() === value) return value;
  return `"${value.replace(/"/g, '""')}"`;
}

/** Formats rows as CSV with CRLF line ends, as RFC 4180 requires. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(formatCsvField).join(',')}\r\n`).join('');
}
