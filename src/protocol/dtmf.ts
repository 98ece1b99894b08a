/**
 * Turns DTMF events into key presses. A modem that shields DTMF (V.253, TIA IS-101) reports one
 * key press as `<DLE>/`, then the digit repeated about every 70 ms while the tone lasts, then
 * `<DLE>~` (or DEL, 0x7F, on Intel and Silicon Labs chips). Chips without shielding, such as the
 * Rockwell RCV144ACx, send one `<DLE><digit>` per key and no start or end marker.
 */

import type { DleEvent } from './dleEvents.js';

/** Default time in ms after the last DTMF event at which `flush` closes a burst that had no end marker. */
const DEFAULT_MAX_BURST_MS = 1000;

/**
 * Assembles DTMF bursts into digits, one digit per burst. The first digit of a burst counts and
 * its repeats are dropped, because some mobiles make a Conexant modem report one key press of 0
 * as `000`. Takes the time as an argument and uses no timer, so the caller must call `flush`
 * from a timer to complete a burst whose end marker never came.
 */
export class DtmfBurstAssembler {
  private readonly maxBurstMs: number;
  private burstOpen = false;
  private burstDigit: string | null = null;
  private lastEventMs = 0;

  /** `maxBurstMs` is the quiet time in ms after which `flush` closes an open burst (default 1000). */
  constructor(options?: { maxBurstMs?: number }) {
    const maxBurstMs = options?.maxBurstMs ?? DEFAULT_MAX_BURST_MS;
    if (!Number.isFinite(maxBurstMs) || maxBurstMs <= 0) {
      throw new RangeError(`Invalid maxBurstMs ${maxBurstMs}: expected a positive number of milliseconds.`);
    }
    this.maxBurstMs = maxBurstMs;
  }

  /**
   * Feeds one event; returns a digit when a key press is complete, else null. `nowMs` is the
   * arrival time in ms on any monotonic clock. A digit outside a burst is complete at once. A
   * `dtmf-start` while a burst with a digit is open completes that burst and returns its digit.
   * An end marker returns the burst's digit, or null if the burst had none. Other events return
   * null and leave the burst open.
   */
  push(event: DleEvent, nowMs: number): string | null {
    switch (event.name) {
      case 'dtmf-start': {
        const previous = this.closeBurst();
        this.burstOpen = true;
        this.lastEventMs = nowMs;
        return previous;
      }
      case 'digit': {
        const digit = event.digit ?? null;
        if (!this.burstOpen) return digit;
        if (this.burstDigit === null) this.burstDigit = digit;
        this.lastEventMs = nowMs;
        return null;
      }
      case 'dtmf-end':
        return this.closeBurst();
      default:
        return null;
    }
  }

  /**
   * Closes a burst that has had no DTMF event for more than maxBurstMs and returns its digit.
   * Returns null if no burst is open, if the burst is still recent, or if it had no digit. The
   * time counts from the last start or digit event, so a key that is held down and keeps
   * repeating is not cut into two key presses.
   */
  flush(nowMs: number): string | null {
    if (!this.burstOpen || nowMs - this.lastEventMs <= this.maxBurstMs) return null;
    return this.closeBurst();
  }

  /** Forgets an open burst. */
  reset(): void {
    this.burstOpen = false;
    this.burstDigit = null;
  }

  private closeBurst(): string | null {
    const digit = this.burstOpen ? this.burstDigit : null;
    this.reset();
    return digit;
  }
}
