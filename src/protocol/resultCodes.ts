/**
 * Final result codes of AT commands and the framing of query responses, as defined by ITU-T V.250
 * (verbose and numeric result codes) and V.253 (`VCON`).
 */

/** A result code that ends an AT command. */
export type FinalResult =
  'OK' | 'ERROR' | 'CONNECT' | 'NO CARRIER' | 'VCON' | 'BUSY' | 'NO DIALTONE' | 'NO ANSWER';

const VERBOSE_RESULTS: ReadonlySet<string> = new Set<FinalResult>([
  'OK',
  'ERROR',
  'CONNECT',
  'NO CARRIER',
  'VCON',
  'BUSY',
  'NO DIALTONE',
  'NO ANSWER',
]);

/** Numeric result codes of V.250 (`ATV0`). `VCON` has no numeric form that the sources agree on. */
const NUMERIC_RESULTS: ReadonlyMap<string, FinalResult> = new Map<string, FinalResult>([
  ['0', 'OK'],
  ['1', 'CONNECT'],
  ['3', 'NO CARRIER'],
  ['4', 'ERROR'],
  ['6', 'NO DIALTONE'],
  ['7', 'BUSY'],
  ['8', 'NO ANSWER'],
]);

/** `CONNECT` with an optional suffix such as `CONNECT 115200` or `CONNECT 33600/ARQ`. */
const CONNECT_WITH_SUFFIX = /^CONNECT(?:\s.*)?$/;

/**
 * Returns the final result code that `line` is, or null for any other line. Verbose codes must
 * match in full and in upper case, apart from surrounding whitespace. Numeric codes (`0` OK,
 * `1` CONNECT, `3` NO CARRIER, `4` ERROR, `6` NO DIALTONE, `7` BUSY, `8` NO ANSWER) count only
 * with `numeric: true`, because a Conexant CX93001 responds to `AT+VCID?` with a bare `0` that is
 * the value, not OK.
 */
export function parseFinalResult(line: string, options?: { numeric?: boolean }): FinalResult | null {
  const text = line.trim();

  if (VERBOSE_RESULTS.has(text)) return text as FinalResult;
  if (CONNECT_WITH_SUFFIX.test(text)) return 'CONNECT';

  if (options?.numeric === true) {
    return NUMERIC_RESULTS.get(text) ?? null;
  }
  return null;
}

/**
 * Returns the value of a query response without its optional `+NAME:` prefix, trimmed:
 * `+VCID: 1` gives `1`, a bare `0` gives `0`, `+GMI: CONEXANT` gives `CONEXANT`. Chips differ
 * here: Conexant responds to `AT+VCID?` bare but to `AT+GMI` with the prefix, and USRobotics documents
 * `+VSD: 128, 50`. `command` may be given as `+VCID`, `AT+VCID?` or `AT+VCID=?`, in any case.
 */
export function stripQueryPrefix(line: string, command: string): string {
  const name = commandName(command);
  const text = line.trim();

  if (name !== '' && text.toUpperCase().startsWith(`${name}:`)) {
    return text.slice(name.length + 1).trim();
  }
  return text;
}

/** Reduces `AT+VCID=?` or `at+vcid?` to `+VCID`. */
function commandName(command: string): string {
  let name = command.trim().toUpperCase();
  if (name.startsWith('AT')) name = name.slice(2);

  const end = name.search(/[=?]/);
  if (end >= 0) name = name.slice(0, end);
  return name.trim();
}
