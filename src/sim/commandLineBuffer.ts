/**
 * Collects command-state bytes from the host into command lines, as a Hayes-compatible modem
 * does: CR (S3) ends a line, LF is ignored, backspace (S5) deletes, other control bytes are
 * dropped, and the text of a line starts at its `AT` (V.250 5.2.1).
 */

const CR = 0x0d;
const LF = 0x0a;
const BACKSPACE = 0x08;

/**
 * Longest command line kept. A longer one gets ERROR.
 * NOTE: the real buffer sizes of the CX93001 and USR 5637 are not documented; 255 is a guess.
 */
export const MAX_COMMAND_LINE_LENGTH = 255;

/** Result of one host byte: the bytes to echo, and the finished line when the byte was CR. */
export interface LineBufferStep {
  echo: string;
  line?: FinishedLine;
}

/** A line ended by CR. `body` is the text after `AT`, or null when the line contains no `AT`. */
export interface FinishedLine {
  text: string;
  body: string | null;
  tooLong: boolean;
}

/** Assembles command lines byte by byte. */
export class CommandLineBuffer {
  private text = '';
  private tooLong = false;

  /** Feeds one byte. The echo is what a modem with `ATE1` would send back for it. */
  push(byte: number): LineBufferStep {
    if (byte === CR) return { echo: '\r', line: this.finish() };
    if (byte === LF) return { echo: '' };

    if (byte === BACKSPACE) {
      if (this.text.length === 0) return { echo: '' };
      this.text = this.text.slice(0, -1);
      return { echo: '\b \b' };
    }

    if (byte < 0x20 || byte > 0x7e) return { echo: '' };

    const char = String.fromCharCode(byte);
    if (this.text.length >= MAX_COMMAND_LINE_LENGTH) this.tooLong = true;
    else this.text += char;
    return { echo: char };
  }

  /** Forgets a partly typed line, for a mode switch. */
  clear(): void {
    this.text = '';
    this.tooLong = false;
  }

  private finish(): FinishedLine {
    const text = this.text;
    const start = text.toUpperCase().indexOf('AT');
    const line = { text, body: start < 0 ? null : text.slice(start + 2), tooLong: this.tooLong };
    this.clear();
    return line;
  }
}
