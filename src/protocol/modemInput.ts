/**
 * Splits the byte stream from a voice modem into frames. In command state the stream is text lines
 * with `<DLE>x` events between them. In receive state (after `AT+VRX` returns `CONNECT`) it is
 * DLE-shielded audio with events inline, up to `<DLE><ETX>`.
 */

import { DLE, DleDecoder, ETX, SUB } from './dle.js';
import { decodeDleCode, type DleEvent } from './dleEvents.js';
import { parseFinalResult, type FinalResult } from './resultCodes.js';

/** One decoded piece of modem input, in arrival order. */
export type ModemFrame =
  /** One complete, non-empty text line without CR or LF. */
  | { kind: 'line'; text: string }
  /** An empty line, such as the CR LF before a verbose result code. */
  | { kind: 'blank' }
  /** A `<DLE>x` code, in command state or inside receive data. */
  | { kind: 'event'; event: DleEvent }
  /** Received audio, already unshielded. Only in receive state. */
  | { kind: 'audio'; bytes: Buffer }
  /** `<DLE><ETX>`. After it the decoder is in command state. */
  | { kind: 'end-of-data' }
  /** Bytes that cannot be placed, such as an over-long line or binary garbage. */
  | { kind: 'discarded'; bytes: Buffer; reason: string };

/** Default maximum length of a text line, in characters. */
const DEFAULT_MAX_LINE_LENGTH = 512;

const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;

/**
 * Results that end an armed `AT+VRX` without a data state, so that a later `CONNECT` (of an
 * `AT+VTX`, say) does not switch to receive state by mistake.
 */
const FAILED_CONNECT_RESULTS: ReadonlySet<FinalResult> = new Set<FinalResult>([
  'ERROR',
  'NO CARRIER',
  'BUSY',
  'NO DIALTONE',
  'NO ANSWER',
]);

/**
 * Progress through a line end. `\r\n`, `\r\r\n` (a command echo followed by the modem's own line
 * end) and `\n` each count as one line end, and a lone `\r` ends a numeric result code.
 */
type LineEndState = 'none' | 'after-cr' | 'after-cr-cr';

/**
 * Decodes modem input that arrives in arbitrary chunks. Keeps partial lines and a trailing DLE
 * until the next chunk. Holds no timers, so a caller that wants to time out a partial line must
 * do so itself.
 */
export class ModemInputDecoder {
  private readonly maxLineLength: number;
  private currentMode: 'command' | 'receive' = 'command';
  private receiveArmed = false;

  private lineBytes: number[] = [];
  private firstInvalidByte: number | null = null;
  private skippedBytes: number[] = [];
  private skippingOverLongLine = false;
  private lineEnd: LineEndState = 'none';
  private commandDlePending = false;

  private readonly shielded = new DleDecoder();
  private skipLfAfterConnect = false;

  /** `maxLineLength` is in characters (default 512) and must be a positive integer. */
  constructor(options?: { maxLineLength?: number }) {
    const maxLineLength = options?.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
    if (!Number.isInteger(maxLineLength) || maxLineLength < 1) {
      throw new RangeError(`Invalid maxLineLength ${maxLineLength}: expected a positive integer.`);
    }
    this.maxLineLength = maxLineLength;
  }

  /** Current state: text lines and events, or shielded audio. */
  get mode(): 'command' | 'receive' {
    return this.currentMode;
  }

  /** Decodes `chunk` and returns the frames it completes, in order. */
  push(chunk: Uint8Array): ModemFrame[] {
    const frames: ModemFrame[] = [];
    let offset = 0;

    while (offset < chunk.length) {
      offset =
        this.currentMode === 'receive'
          ? this.decodeReceived(chunk, offset, frames)
          : this.decodeCommandText(chunk, offset, frames);
    }
    return frames;
  }

  /**
   * Arms the switch to receive state: the next `CONNECT` line switches, and the bytes after it in
   * the same chunk are decoded as shielded audio. A failure result (`ERROR`, `NO CARRIER`, `BUSY`,
   * `NO DIALTONE`, `NO ANSWER`) disarms it.
   */
  expectReceiveData(): void {
    this.receiveArmed = true;
  }

  /** Disarms the switch to receive state, or leaves receive state, for example after a disconnect. */
  cancelReceiveData(): void {
    this.receiveArmed = false;
    if (this.currentMode === 'receive') this.enterCommandState();
  }

  /** Forgets all buffered input and returns to unarmed command state. */
  reset(): void {
    this.receiveArmed = false;
    this.clearLine();
    this.skippedBytes = [];
    this.skippingOverLongLine = false;
    this.commandDlePending = false;
    this.enterCommandState();
  }

  /** Decodes command-state bytes from `offset`. Returns where decoding stopped. */
  private decodeCommandText(chunk: Uint8Array, offset: number, frames: ModemFrame[]): number {
    for (let index = offset; index < chunk.length; index++) {
      const byte = chunk[index]!;

      if (this.commandDlePending) {
        this.commandDlePending = false;
        frames.push(commandStateCode(byte));
        continue;
      }
      if (byte === DLE) {
        this.commandDlePending = true;
        continue;
      }

      if (byte === CR || byte === LF) {
        if (this.continuesLineEnd(byte)) continue;
        const switched = this.finishLine(byte, frames);
        // The rest of the chunk after a CONNECT line is audio.
        if (switched) return index + 1;
        continue;
      }

      this.lineEnd = 'none';
      this.appendLineByte(byte, frames);
    }
    return chunk.length;
  }

  /** Returns true if `byte` belongs to the line end already seen, so it ends no further line. */
  private continuesLineEnd(byte: number): boolean {
    if (this.lineEnd === 'after-cr') {
      this.lineEnd = byte === LF ? 'none' : 'after-cr-cr';
      return true;
    }
    if (this.lineEnd === 'after-cr-cr' && byte === LF) {
      this.lineEnd = 'none';
      return true;
    }
    return false;
  }

  /** Emits the line that `lineEndByte` ends. Returns true if it switched to receive state. */
  private finishLine(lineEndByte: number, frames: ModemFrame[]): boolean {
    this.lineEnd = lineEndByte === CR ? 'after-cr' : 'none';

    if (this.skippingOverLongLine) {
      this.skippingOverLongLine = false;
      this.flushSkippedBytes(frames);
      return false;
    }
    if (this.lineBytes.length === 0) {
      frames.push({ kind: 'blank' });
      return false;
    }

    const bytes = Buffer.from(this.lineBytes);
    const invalidByte = this.firstInvalidByte;
    this.clearLine();

    if (invalidByte !== null) {
      const reason = `line contains byte 0x${hex(invalidByte)}, which is not printable ASCII or Latin-1`;
      frames.push({ kind: 'discarded', bytes, reason });
      return false;
    }

    const text = bytes.toString('latin1');
    frames.push({ kind: 'line', text });
    return this.updateReceiveSwitch(text, lineEndByte);
  }

  /** Switches to receive state on an armed `CONNECT`, and disarms on a failure result. */
  private updateReceiveSwitch(text: string, lineEndByte: number): boolean {
    if (!this.receiveArmed) return false;

    const result = parseFinalResult(text);
    if (result === 'CONNECT') {
      this.receiveArmed = false;
      this.currentMode = 'receive';
      this.shielded.reset();
      this.lineEnd = 'none';
      // A verbose CONNECT ends in CR LF, and the LF is not yet audio.
      this.skipLfAfterConnect = lineEndByte === CR;
      return true;
    }
    if (result !== null && FAILED_CONNECT_RESULTS.has(result)) {
      this.receiveArmed = false;
    }
    return false;
  }

  private appendLineByte(byte: number, frames: ModemFrame[]): void {
    if (this.skippingOverLongLine) {
      this.skippedBytes.push(byte);
      // Bounds memory on a stream that never sends a line end.
      if (this.skippedBytes.length >= this.maxLineLength) this.flushSkippedBytes(frames);
      return;
    }

    this.lineBytes.push(byte);
    if (this.firstInvalidByte === null && !isPrintableLatin1(byte)) {
      this.firstInvalidByte = byte;
    }

    if (this.lineBytes.length > this.maxLineLength) {
      const reason = `over-long line: more than ${this.maxLineLength} characters without a line end`;
      frames.push({ kind: 'discarded', bytes: Buffer.from(this.lineBytes), reason });
      this.clearLine();
      this.skippingOverLongLine = true;
    }
  }

  private flushSkippedBytes(frames: ModemFrame[]): void {
    if (this.skippedBytes.length === 0) return;
    const reason = 'rest of an over-long line, dropped up to the next line end';
    frames.push({ kind: 'discarded', bytes: Buffer.from(this.skippedBytes), reason });
    this.skippedBytes = [];
  }

  private clearLine(): void {
    this.lineBytes = [];
    this.firstInvalidByte = null;
  }

  /** Decodes receive-state bytes from `offset` up to and including `<DLE><ETX>`. Returns where it stopped. */
  private decodeReceived(chunk: Uint8Array, offset: number, frames: ModemFrame[]): number {
    let start = offset;
    if (this.skipLfAfterConnect) {
      this.skipLfAfterConnect = false;
      if (chunk[start] === LF) start++;
    }

    const endOfData = findEndOfData(chunk, start, this.shielded.hasPendingDle);
    const stop = endOfData ?? chunk.length;

    for (const frame of this.shielded.push(chunk.subarray(start, stop))) {
      if (frame.kind === 'audio') {
        frames.push(frame);
      } else if (frame.code === ETX) {
        frames.push({ kind: 'end-of-data' });
        this.enterCommandState();
      } else {
        frames.push({ kind: 'event', event: decodeDleCode(frame.code) });
      }
    }
    return stop;
  }

  private enterCommandState(): void {
    this.currentMode = 'command';
    this.shielded.reset();
    this.skipLfAfterConnect = false;
    this.lineEnd = 'none';
  }
}

/**
 * Returns the index just after the `<DLE><ETX>` pair in `chunk` from `start`, or null if there is
 * none. `dlePending` is true when the previous chunk ended in an unpaired DLE.
 */
function findEndOfData(chunk: Uint8Array, start: number, dlePending: boolean): number | null {
  let pending = dlePending;
  for (let index = start; index < chunk.length; index++) {
    const byte = chunk[index]!;
    if (pending) {
      pending = false;
      if (byte === ETX) return index + 1;
    } else if (byte === DLE) {
      pending = true;
    }
  }
  return null;
}

/**
 * Maps the byte after a DLE in command state to a frame. `<DLE><ETX>` gives end-of-data here too,
 * because some chips send it after the host ends a transmit with `<DLE><ETX>` and before `OK`.
 * The audio escapes `<DLE><DLE>` and `<DLE><SUB>` have no meaning outside a data state.
 */
function commandStateCode(code: number): ModemFrame {
  if (code === ETX) return { kind: 'end-of-data' };

  if (code === DLE || code === SUB) {
    const reason = `shielded audio escape <DLE> 0x${hex(code)} in command state`;
    return { kind: 'discarded', bytes: Buffer.from([DLE, code]), reason };
  }
  return { kind: 'event', event: decodeDleCode(code) };
}

/** Tab, printable ASCII, and printable Latin-1 (0xA0 to 0xFF). */
function isPrintableLatin1(byte: number): boolean {
  return byte === TAB || (byte >= 0x20 && byte <= 0x7e) || byte >= 0xa0;
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}
