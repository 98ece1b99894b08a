/**
 * DLE shielding of voice data, as defined by ITU-T V.253 and its predecessor TIA IS-101.
 *
 * In voice data states every 0x10 (DLE) byte of audio travels as 0x10 0x10, and a DLE followed by
 * any other byte is a control code: `<DLE><ETX>` ends a stream, `<DLE>R` is a ring, `<DLE>5` a
 * DTMF digit and so on. `<DLE><SUB>` stands for two audio bytes of 0x10 (Silicon Labs AN93,
 * Intel MD566X manual).
 */

export const DLE = 0x10;
export const ETX = 0x03;
export const SUB = 0x1a;
export const CAN = 0x18;
export const ESC = 0x1b;
export const NUL = 0x00;

/** Control sequences that the host sends to the modem. */
export const HOST_CODES = {
  /** Ends a transmit stream after the buffered audio has played. */
  endTransmit: Buffer.from([DLE, ETX]),
  /** Aborts a receive (and on some chips a transmit) state at once. */
  abort: Buffer.from([DLE, 0x21]),
  /** Clears the transmit buffer at once. */
  clearTransmit: Buffer.from([DLE, CAN]),
} as const;

/** Doubles every DLE byte of `audio` so that the modem reads it as audio, not as a control code. */
export function shieldAudio(audio: Uint8Array): Buffer {
  let dleCount = 0;
  for (const byte of audio) {
    if (byte === DLE) dleCount++;
  }
  if (dleCount === 0) return Buffer.from(audio);

  const shielded = Buffer.allocUnsafe(audio.length + dleCount);
  let at = 0;
  for (const byte of audio) {
    shielded[at++] = byte;
    if (byte === DLE) shielded[at++] = DLE;
  }
  return shielded;
}

/** One decoded piece of a shielded byte stream, in arrival order. */
export type ShieldedFrame =
  | { kind: 'audio'; bytes: Buffer }
  /** A `<DLE>x` control code other than the audio escapes; `code` is the byte after the DLE. */
  | { kind: 'code'; code: number };

/**
 * Decodes a DLE-shielded stream that arrives in arbitrary chunks. A chunk that ends in a lone DLE
 * keeps it until the next chunk, because the pair must never be split (pycallblock reads one more
 * byte for the same reason).
 */
export class DleDecoder {
  private pendingDle = false;

  /** Decodes `chunk` and returns its audio runs and control codes in order. */
  push(chunk: Uint8Array): ShieldedFrame[] {
    const frames: ShieldedFrame[] = [];
    const audio: number[] = [];
    const flushAudio = (): void => {
      if (audio.length > 0) {
        frames.push({ kind: 'audio', bytes: Buffer.from(audio) });
        audio.length = 0;
      }
    };

    for (const byte of chunk) {
      if (!this.pendingDle) {
        if (byte === DLE) this.pendingDle = true;
        else audio.push(byte);
        continue;
      }

      this.pendingDle = false;
      if (byte === DLE) {
        audio.push(DLE);
      } else if (byte === SUB) {
        audio.push(DLE, DLE);
      } else {
        flushAudio();
        frames.push({ kind: 'code', code: byte });
      }
    }

    flushAudio();
    return frames;
  }

  /** Whether a DLE is waiting for its second byte. */
  get hasPendingDle(): boolean {
    return this.pendingDle;
  }

  /** Forgets a pending DLE, for a mode switch. */
  reset(): void {
    this.pendingDle = false;
  }
}
