/**
 * Splits an AT command line into its commands, following the syntax of ITU-T V.250: basic
 * commands (`E0`, `Z`, `&W0`), S-register commands (`S0=0`, `S7?`) and extended commands
 * (`+VCID=1`, `+VCID?`, `+VSM=?`, `+GMI`, `-STE=3`) separated by `;`. Spaces outside quoted
 * strings are ignored and letters are case-insensitive, as V.250 requires.
 */

/** One command of a command line. Names are upper case. */
export type AtCommand =
  /** A basic command such as `E0` (name `E`, value `0`) or `&W` (name `&W`, value ``). */
  | { kind: 'basic'; name: string; value: string }
  | { kind: 'register-set'; register: number; value: string }
  | { kind: 'register-read'; register: number }
  /** An extended command; `args` is the text after `=` for a set command, else empty. */
  | { kind: 'extended'; name: string; form: ExtendedForm; args: string };

/** `+X` is an action, `+X=…` a set, `+X?` a read and `+X=?` a test command (V.250 5.4.2). */
export type ExtendedForm = 'action' | 'set' | 'read' | 'test';

/** Result of parsing the text after `AT`: the commands, or the position of the first syntax error. */
export type ParsedCommandLine = { ok: true; commands: AtCommand[] } | { ok: false; errorAt: number };

/**
 * Parses the body of a command line, the text after `AT` without the final CR.
 * Returns the commands in order, or the index of the first character that breaks the syntax.
 */
export function parseCommandLine(body: string): ParsedCommandLine {
  const text = normaliseCommandText(body);
  const commands: AtCommand[] = [];
  let at = 0;

  while (at < text.length) {
    const char = text[at] as string;

    if (char === ';') {
      at++;
      continue;
    }

    const parsed = parseOneCommand(text, at);
    if (parsed === null) return { ok: false, errorAt: at };
    commands.push(parsed.command);
    at = parsed.next;
  }

  return { ok: true, commands };
}

/** Removes spaces and upper-cases letters, except inside double-quoted strings. */
function normaliseCommandText(body: string): string {
  let result = '';
  let quoted = false;
  for (const char of body) {
    if (char === '"') quoted = !quoted;
    if (quoted || char === '"') result += char;
    else if (char !== ' ') result += char.toUpperCase();
  }
  return result;
}

function parseOneCommand(text: string, at: number): { command: AtCommand; next: number } | null {
  const char = text[at] as string;

  if (char === '+' || char === '-') return parseExtended(text, at);
  if (char === '&') return parseBasic(text, at, 2);
  if (char === 'S') return parseRegister(text, at);
  if (char === 'D') {
    // The dial string runs to the end of the line (V.250 6.3.1).
    return { command: { kind: 'basic', name: 'D', value: text.slice(at + 1) }, next: text.length };
  }
  if (/[A-Z]/.test(char)) return parseBasic(text, at, 1);
  return null;
}

function parseBasic(
  text: string,
  at: number,
  nameLength: number,
): { command: AtCommand; next: number } | null {
  const name = text.slice(at, at + nameLength);
  if (!/^&?[A-Z]$/.test(name)) return null;

  const digits = /^\d*/.exec(text.slice(at + nameLength))?.[0] ?? '';
  return { command: { kind: 'basic', name, value: digits }, next: at + nameLength + digits.length };
}

function parseRegister(text: string, at: number): { command: AtCommand; next: number } | null {
  const match = /^S(\d+)(=(\d*)|\?)/.exec(text.slice(at));
  if (match === null) return null;

  const register = Number(match[1]);
  const command: AtCommand =
    match[2] === '?'
      ? { kind: 'register-read', register }
      : { kind: 'register-set', register, value: match[3] ?? '' };
  return { command, next: at + match[0].length };
}

function parseExtended(text: string, at: number): { command: AtCommand; next: number } | null {
  const match = /^[+-][A-Z][A-Z0-9!%\-./:_]*/.exec(text.slice(at));
  if (match === null) return null;

  const name = match[0];
  let next = at + name.length;

  if (text.startsWith('=?', next)) {
    return { command: { kind: 'extended', name, form: 'test', args: '' }, next: next + 2 };
  }
  if (text[next] === '?') {
    return { command: { kind: 'extended', name, form: 'read', args: '' }, next: next + 1 };
  }
  if (text[next] === '=') {
    const end = findCommandEnd(text, next + 1);
    return { command: { kind: 'extended', name, form: 'set', args: text.slice(next + 1, end) }, next: end };
  }

  next = findCommandEnd(text, next);
  if (next !== at + name.length) return null;
  return { command: { kind: 'extended', name, form: 'action', args: '' }, next };
}

/** Index of the `;` that ends an extended command, or the end of the text; quoted `;` do not count. */
function findCommandEnd(text: string, from: number): number {
  let quoted = false;
  for (let index = from; index < text.length; index++) {
    const char = text[index];
    if (char === '"') quoted = !quoted;
    else if (char === ';' && !quoted) return index;
  }
  return text.length;
}
