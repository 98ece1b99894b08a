/**
 * Framing of what a modem sends in command state, per ITU-T V.250 5.7 and the CX93001 captures:
 * verbose (`ATV1`) information text and result codes are `\r\n<text>\r\n`; numeric (`ATV0`) result
 * codes are `<digit>\r` and information text is `<text>\r\n`.
 */

/** Result codes the simulator sends. */
export type ResultCode = 'OK' | 'CONNECT' | 'RING' | 'NO CARRIER' | 'ERROR' | 'VCON';

/**
 * Numeric forms of the result codes (V.250 table 1 and every Hayes-compatible manual).
 * NOTE: no source gives a numeric form of VCON for Conexant or USR parts, so V0 sends it as text.
 */
const NUMERIC_RESULT_CODES: Readonly<Record<ResultCode, string | null>> = {
  OK: '0',
  CONNECT: '1',
  RING: '2',
  'NO CARRIER': '3',
  ERROR: '4',
  VCON: null,
};

/** Framing switches that `ATV` and `ATQ` set. */
export interface FramingSettings {
  readonly verbose: boolean;
  readonly quiet: boolean;
}

/** Frames one result code; returns an empty string when `ATQ1` suppresses result codes. */
export function frameResultCode(code: ResultCode, settings: FramingSettings): string {
  if (settings.quiet) return '';

  const numeric = NUMERIC_RESULT_CODES[code];
  if (!settings.verbose) return `${numeric ?? code}\r`;
  return `\r\n${code}\r\n`;
}

/** Frames one line of information text, such as the answer of `ATI3` or `AT+VCID?`. */
export function frameInformationText(text: string, settings: FramingSettings): string {
  return settings.verbose ? `\r\n${text}\r\n` : `${text}\r\n`;
}

/**
 * Frames several lines of one information response. V.250 frames the whole response once, so
 * the lines of `AT+VSM=?` are separated by a single CR LF.
 */
export function frameInformationLines(lines: readonly string[], settings: FramingSettings): string {
  if (lines.length === 0) return '';
  return frameInformationText(lines.join('\r\n'), settings);
}
