/**
 * A byte-to-text stage in front of readline that finds bytes which are not UTF-8. readline
 * would replace them silently, so this stage decodes with a fatal TextDecoder and puts
 * `INVALID_UTF8_MARK` where they were, which makes the command core reject the whole line.
 */
import { Transform, type TransformCallback } from 'node:stream';

import { INVALID_UTF8_MARK } from './inputLine.js';

/**
 * Maximum characters passed on between two line ends. Lines over `MAX_LINE_LENGTH` are rejected
 * anyway, so this only bounds the memory that a sender without line ends can take.
 */
export const MAX_PENDING_CHARACTERS = 16 * 1024;

/** Decodes UTF-8 bytes to text and marks invalid bytes. The output is UTF-8 again, for readline. */
export class Utf8Guard extends Transform {
  private decoder = new TextDecoder('utf-8', { fatal: true });
  private pendingCharacters = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    callback(null, this.limitLineLength(this.decode(chunk)));
  }

  override _flush(callback: TransformCallback): void {
    try {
      callback(null, this.decoder.decode());
    } catch {
      callback(null, INVALID_UTF8_MARK);
    }
  }

  /**
   * Decodes byte by byte, so that a sequence cut off by the next byte is noticed even across
   * chunks. After an error the decoder is new, and the byte that ended the bad sequence is
   * decoded again, because it may be a valid character such as the CR that ends the line.
   */
  private decode(chunk: Buffer): string {
    let text = '';
    for (const byte of chunk) {
      try {
        text += this.decoder.decode(Uint8Array.of(byte), { stream: true });
      } catch {
        text += INVALID_UTF8_MARK;
        this.decoder = new TextDecoder('utf-8', { fatal: true });
        try {
          text += this.decoder.decode(Uint8Array.of(byte), { stream: true });
        } catch {
          // The byte is invalid by itself, such as 0xFF, and the mark above stands for it too.
          this.decoder = new TextDecoder('utf-8', { fatal: true });
        }
      }
    }
    return text;
  }

  /** Drops characters beyond `MAX_PENDING_CHARACTERS` until the next CR or LF. */
  private limitLineLength(text: string): string {
    let passed = '';
    for (const char of text) {
      if (char === '\r' || char === '\n') {
        this.pendingCharacters = 0;
        passed += char;
      } else if (this.pendingCharacters < MAX_PENDING_CHARACTERS) {
        this.pendingCharacters += 1;
        passed += char;
      }
    }
    return passed;
  }
}
