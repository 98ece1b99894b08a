/**
 * Checks and splits one console line before any command runs: its length, control
 * characters, bytes that are not UTF-8, and words with optional double quotes.
 */

/** Maximum length of a console line, in characters. Longer lines are rejected whole. */
export const MAX_LINE_LENGTH = 1000;

/**
 * Character that stands for bytes that were not UTF-8. `Utf8Guard` and `decodeLineBytes` put it
 * where invalid bytes were, so that the command core can reject the whole line.
 */
export const INVALID_UTF8_MARK = '\uFFFD';

/**
 * C0 and C1 control characters and DEL, without tab, and the Unicode bidirectional overrides and
 * isolates, which can make a terminal show text in another order than it is stored.
 */
const CONTROL_CHARACTERS = /(?!\t)[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

/** Reason a line is rejected before parsing. */
export type LineProblem =
  | { kind: 'too-long'; length: number }
  | { kind: 'control-character'; codePoint: number; position: number }
  | { kind: 'invalid-utf8' };

/** Returns why a line must be rejected, or null when it may be parsed. */
export function findLineProblem(line: string): LineProblem | null {
  if (line.length > MAX_LINE_LENGTH) return { kind: 'too-long', length: line.length };
  if (line.includes(INVALID_UTF8_MARK)) return { kind: 'invalid-utf8' };

  const match = CONTROL_CHARACTERS.exec(line);
  if (match !== null) {
    return { kind: 'control-character', codePoint: match[0].codePointAt(0)!, position: match.index + 1 };
  }
  return null;
}

/**
 * Decodes the raw bytes of one line as UTF-8. Invalid bytes give a line that is only
 * `INVALID_UTF8_MARK`, so that the line is rejected whole and nothing of it is run.
 */
export function decodeLineBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return INVALID_UTF8_MARK;
  }
}

/** Formats a code point as `U+001B` for messages. */
export function formatCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** One word of a line, and whether any part of it was in double quotes. */
export interface Word {
  text: string;
  quoted: boolean;
}

/** Result of `splitWords`: the words, or the position of a quote that is not closed. */
export type SplitResult = { kind: 'words'; words: Word[] } | { kind: 'open-quote'; position: number };

/**
 * Splits a line at spaces and tabs. Double quotes keep spaces inside one word (`"Anna Berger"`),
 * and `\"` or `\\` inside quotes stands for the character itself.
 */
export function splitWords(line: string): SplitResult {
  const words: Word[] = [];
  let current = '';
  let inWord = false;
  let quoted = false;
  let quoteStart = -1;

  for (let index = 0; index < line.length; index += 1) {
    const char = line[index]!;

    if (quoteStart >= 0) {
      if (char === '\\' && (line[index + 1] === '"' || line[index + 1] === '\\')) {
        current += line[index + 1];
        index += 1;
      } else if (char === '"') {
        quoteStart = -1;
      } else {
        current += char;
      }
      continue;
    }

    if (char === ' ' || char === '\t') {
      if (inWord) words.push({ text: current, quoted });
      current = '';
      inWord = false;
      quoted = false;
    } else if (char === '"') {
      quoteStart = index;
      inWord = true;
      quoted = true;
    } else {
      current += char;
      inWord = true;
    }
  }

  if (quoteStart >= 0) return { kind: 'open-quote', position: quoteStart + 1 };
  if (inWord) words.push({ text: current, quoted });
  return { kind: 'words', words };
}

/**
 * Splits the words after `allow` or `block` into number and name. The number is the leading
 * unquoted words that contain a digit, so `030 5550123 Anna Berger` gives the number
 * `030 5550123`, and a mistyped `030 555x0123` stays whole for the number check to name. The
 * first word is always part of the number. A name that starts with a digit, such as
 * `"1&1 Hotline"`, needs quotes.
 */
export function splitNumberAndName(words: readonly Word[]): { number: string; name: string } {
  let count = Math.min(1, words.length);
  while (count < words.length && !words[count]!.quoted && /\d/.test(words[count]!.text)) count += 1;

  const text = (part: readonly Word[]): string => part.map((word) => word.text).join(' ');
  return { number: text(words.slice(0, count)), name: text(words.slice(count)) };
}
