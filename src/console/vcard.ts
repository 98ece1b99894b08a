/**
 * A reader for the vCard files that phones and address books export: vCard 2.1, 3.0 (RFC 2426)
 * and 4.0 (RFC 6350). It keeps only what the lists need, which is the TEL numbers and a name from
 * FN, N or ORG. It understands folded lines, group prefixes such as `item1.TEL`, quoted
 * parameters, backslash escapes, and the quoted-printable names with a CHARSET that vCard 2.1
 * exports from Android and older phones contain.
 */

/** One card with at least one phone number. */
export interface VcardContact {
  /** Line of `BEGIN:VCARD`, counted from 1. */
  line: number;
  name: string;
  /** TEL values without `tel:` and without parameters such as `;ext=`, in file order, without repeats. */
  numbers: string[];
}

/** A card that gave no entry, and why. */
export interface VcardProblem {
  line: number;
  name: string;
  reason: 'no-number' | 'not-closed';
}

/** Everything read from one vCard file. */
export interface VcardReadResult {
  contacts: VcardContact[];
  problems: VcardProblem[];
}

/** One unfolded content line: `[group.]NAME;PARAM=VALUE:value`. */
interface ContentLine {
  line: number;
  name: string;
  params: Map<string, string[]>;
  value: string;
}

interface OpenCard {
  line: number;
  properties: ContentLine[];
}

/** Reads every card of a vCard file's text. Lines that are not content lines, such as base64 photo data, are ignored. */
export function readVcards(text: string): VcardReadResult {
  const contacts: VcardContact[] = [];
  const problems: VcardProblem[] = [];
  let card: OpenCard | null = null;

  for (const content of unfoldLines(text)) {
    const parsed = parseContentLine(content.text, content.line);
    if (parsed === null) continue;

    if (parsed.name === 'BEGIN' && parsed.value.trim().toUpperCase() === 'VCARD') {
      if (card !== null) problems.push({ line: card.line, name: cardName(card), reason: 'not-closed' });
      card = { line: parsed.line, properties: [] };
    } else if (parsed.name === 'END' && parsed.value.trim().toUpperCase() === 'VCARD' && card !== null) {
      finishCard(card, contacts, problems);
      card = null;
    } else if (card !== null) {
      card.properties.push(parsed);
    }
  }

  if (card !== null) problems.push({ line: card.line, name: cardName(card), reason: 'not-closed' });
  return { contacts, problems };
}

function finishCard(card: OpenCard, contacts: VcardContact[], problems: VcardProblem[]): void {
  const name = cardName(card);
  const numbers: string[] = [];
  for (const property of card.properties) {
    if (property.name !== 'TEL') continue;
    const number = telNumber(decodeValue(property));
    if (number !== '' && !numbers.includes(number)) numbers.push(number);
  }

  if (numbers.length === 0) problems.push({ line: card.line, name, reason: 'no-number' });
  else contacts.push({ line: card.line, name, numbers });
}

/** Returns the display name of a card: FN, else the parts of N, else the first part of ORG. */
function cardName(card: OpenCard): string {
  const first = (name: string): ContentLine | undefined => card.properties.find((p) => p.name === name);

  const formatted = first('FN');
  if (formatted !== undefined) {
    const name = cleanName(unescapeText(decodeValue(formatted)));
    if (name !== '') return name;
  }

  const structured = first('N');
  if (structured !== undefined) {
    // N is family;given;additional;prefixes;suffixes.
    const [family = '', given = '', additional = '', prefix = '', suffix = ''] = splitComponents(
      decodeValue(structured),
    ).map((part) => cleanName(unescapeText(part)));
    const name = [prefix, given, additional, family, suffix].filter((part) => part !== '').join(' ');
    if (name !== '') return name;
  }

  const organisation = first('ORG');
  if (organisation !== undefined)
    return cleanName(unescapeText(splitComponents(decodeValue(organisation))[0] ?? ''));
  return '';
}

/** Strips `tel:` and URI parameters such as `;ext=12` from a TEL value. */
function telNumber(value: string): string {
  const trimmed = value.trim();
  if (!/^tel:/i.test(trimmed)) return trimmed;
  return trimmed.slice(4).split(';', 1)[0]!.trim();
}

/** Replaces line breaks and other control characters in a name with spaces and collapses runs of spaces. */
export function cleanName(name: string): string {
  return name
    .replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Joins folded lines. A line that starts with a space or tab continues the one before it, minus
 * that one character (RFC 6350, section 3.2). A quoted-printable value that ends in `=` continues
 * on the next line (RFC 2045 soft line break), which is how vCard 2.1 folds.
 */
function unfoldLines(text: string): { line: number; text: string }[] {
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const logical: { line: number; text: string }[] = [];

  for (let index = 0; index < physical.length; index += 1) {
    const current = physical[index]!;
    const previous = logical.at(-1);

    if (previous !== undefined && /^[ \t]/.test(current)) {
      previous.text += current.slice(1);
    } else if (previous !== undefined && endsInSoftBreak(previous.text)) {
      previous.text = previous.text.slice(0, -1) + current.trimStart();
    } else if (current.trim() !== '') {
      logical.push({ line: index + 1, text: current });
    }
  }
  return logical;
}

function endsInSoftBreak(text: string): boolean {
  return text.endsWith('=') && /QUOTED-PRINTABLE/i.test(text.slice(0, text.indexOf(':') + 1));
}

/** Parses one content line, or returns null when it has no name and colon. */
function parseContentLine(text: string, line: number): ContentLine | null {
  const colon = indexOutsideQuotes(text, ':');
  if (colon <= 0) return null;

  const [nameWithGroup = '', ...paramTexts] = splitOutsideQuotes(text.slice(0, colon), ';');
  const name = nameWithGroup
    .slice(nameWithGroup.lastIndexOf('.') + 1)
    .trim()
    .toUpperCase();
  if (!/^[A-Z0-9-]+$/.test(name)) return null;

  const params = new Map<string, string[]>();
  for (const paramText of paramTexts) {
    const equals = paramText.indexOf('=');
    // vCard 2.1 allows a bare value, such as `CELL` or `QUOTED-PRINTABLE`, without its key.
    const key = equals < 0 ? bareParamKey(paramText) : paramText.slice(0, equals).trim().toUpperCase();
    const values = (equals < 0 ? paramText : paramText.slice(equals + 1))
      .split(',')
      .map((value) => value.trim().replace(/^"|"$/g, ''));
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  return { line, name, params, value: text.slice(colon + 1) };
}

function bareParamKey(value: string): string {
  const upper = value.trim().toUpperCase();
  if (['QUOTED-PRINTABLE', 'BASE64', '8BIT', '7BIT'].includes(upper)) return 'ENCODING';
  return 'TYPE';
}

/** Returns a property's value as text, decoding quoted-printable with the property's CHARSET. */
function decodeValue(property: ContentLine): string {
  const encoding = property.params.get('ENCODING')?.[0]?.toUpperCase();
  if (encoding !== 'QUOTED-PRINTABLE') return property.value;

  const bytes = decodeQuotedPrintable(property.value);
  const charset = property.params.get('CHARSET')?.[0] ?? 'utf-8';
  return decodeBytes(bytes, charset);
}

/** Decodes `=XX` escapes to bytes. Other characters become their UTF-8 bytes, and a broken escape is kept as it is. */
export function decodeQuotedPrintable(text: string): Uint8Array {
  const bytes: number[] = [];
  const encoder = new TextEncoder();

  for (let index = 0; index < text.length; index += 1) {
    const hex = text.slice(index + 1, index + 3);
    if (text[index] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(...encoder.encode(text[index]!));
    }
  }
  return Uint8Array.from(bytes);
}

/**
 * Decodes bytes in a named character set. An unknown label, or bytes that are not valid in it,
 * fall back to Windows-1252, which maps every byte to a character.
 */
function decodeBytes(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset.toLowerCase(), { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Undoes vCard text escapes: `\\`, `\,`, `\;` and `\n` or `\N` for a line break. */
function unescapeText(text: string): string {
  return text.replace(/\\([\\,;nN])/g, (_, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
}

/** Splits a structured value such as N at semicolons that no backslash escapes. The parts keep their escapes. */
function splitComponents(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let index = 0; index < value.length; index += 1) {
    const char = value[index]!;
    if (char === '\\' && index + 1 < value.length) {
      current += char + value[index + 1]!;
      index += 1;
    } else if (char === ';') {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function indexOutsideQuotes(text: string, target: string): number {
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    if (text[index] === '"') quoted = !quoted;
    else if (text[index] === target && !quoted) return index;
  }
  return -1;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let rest = text;
  for (
    let index = indexOutsideQuotes(rest, separator);
    index >= 0;
    index = indexOutsideQuotes(rest, separator)
  ) {
    parts.push(rest.slice(0, index));
    rest = rest.slice(index + 1);
  }
  parts.push(rest);
  return parts;
}
