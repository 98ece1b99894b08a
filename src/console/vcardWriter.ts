/**
 * Writes list entries as vCard 3.0 (RFC 2426), the version that phones and address books import
 * most widely. Entries with the same name become one card with a TEL line for each number, as
 * the contact they were imported from had.
 */

/** One card to write. */
export interface VcardEntry {
  name: string;
  /** The number in E.164, such as `+49305550123`. */
  number: string;
}

/** Maximum length of a content line before folding, in octets without the line break (RFC 2426, section 2.6). */
const MAX_LINE_OCTETS = 75;

/** Formats entries as one vCard 3.0 file with CRLF line ends. */
export function formatVcards(entries: readonly VcardEntry[]): string {
  return groupByName(entries)
    .map((group) => formatCard(group.name, group.numbers))
    .join('');
}

/** Groups entries by name in the order of first appearance; entries without a name stay apart. */
function groupByName(entries: readonly VcardEntry[]): { name: string; numbers: string[] }[] {
  const groups: { name: string; numbers: string[] }[] = [];
  const byName = new Map<string, { name: string; numbers: string[] }>();
  for (const entry of entries) {
    const existing = entry.name === '' ? undefined : byName.get(entry.name);
    if (existing) {
      existing.numbers.push(entry.number);
      continue;
    }
    const group = { name: entry.name, numbers: [entry.number] };
    groups.push(group);
    if (entry.name !== '') byName.set(entry.name, group);
  }
  return groups;
}

function formatCard(name: string, numbers: readonly string[]): string {
  const lines = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `FN:${escapeText(name === '' ? (numbers[0] ?? '') : name)}`,
    `N:${structuredName(name)}`,
    ...numbers.map((number) => `TEL;TYPE=VOICE:${number}`),
    'END:VCARD',
  ];
  return lines.map((line) => `${foldLine(line)}\r\n`).join('');
}

/**
 * Builds the N value, which vCard 3.0 requires. A list entry has one name field, so the last
 * word becomes the family name and the words before it the given name. FN keeps the name
 * exactly as it was entered.
 */
function structuredName(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  const family = words.at(-1) ?? '';
  const givenNames = words.slice(0, -1).join(' ');
  return `${escapeText(family)};${escapeText(givenNames)};;;`;
}

/** Escapes a text value: backslash, comma, semicolon and line breaks. */
function escapeText(text: string): string {
  return text.replace(/[\\,;]/g, (char) => `\\${char}`).replace(/\r?\n/g, '\\n');
}

/**
 * Folds a line into pieces of at most 75 octets, each continued line starting with a space.
 * A multi-byte UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const pieces: string[] = [];
  let piece = '';
  let octets = 0;
  // The space that starts a continued line counts toward its 75 octets.
  let limit = MAX_LINE_OCTETS;

  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      pieces.push(piece);
      piece = '';
      octets = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    piece += char;
    octets += size;
  }
  pieces.push(piece);
  return pieces.join('\r\n ');
}
