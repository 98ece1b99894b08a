/**
 * Tracks whether the caller is still there. Before the line is answered, a gap between rings
 * longer than the region's give-up gap means the caller hung up. After it is answered, the line
 * modem's busy, dial tone and loop-current events do.
 */
import type { VoiceModem } from '../modem/voiceModem.js';
import type { Clock, Timer } from '../util/clock.js';
import type { OutcomeSource } from './waiting.js';

export class CallerPresence {
  private readonly controller = new AbortController();
  private gapTimer: Timer | null = null;
  private readonly stops: (() => void)[] = [];
  private causeValue: string | null = null;
  private ringCount = 0;

  constructor(
    private readonly line: VoiceModem,
    private readonly clock: Clock,
    private readonly giveUpGapMs: number,
  ) {
    this.stops.push(line.rings.add(() => this.onRing()));
    this.stops.push(line.hangUpSignals.add((cause) => this.leave(cause)));
    this.restartGapTimer();
  }

  /** Aborted when the caller has gone. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get gone(): boolean {
    return this.controller.signal.aborted;
  }

  get cause(): string | null {
    return this.causeValue;
  }

  /** Rings seen since the call started. */
  get rings(): number {
    return this.ringCount;
  }

  /** Stops the ring-gap check, because an answered line no longer rings. */
  lineAnswered(): void {
    this.gapTimer?.cancel();
    this.gapTimer = null;
  }

  /** An outcome source that settles with `value` when the caller goes. */
  whenGone<T>(value: T): OutcomeSource<T> {
    return (settle) => {
      if (this.gone) {
        settle(value);
        return () => undefined;
      }
      const listener = (): void => settle(value);
      this.signal.addEventListener('abort', listener);
      return () => this.signal.removeEventListener('abort', listener);
    };
  }

  /** An outcome source that settles with `value` at the next ring. */
  whenRing<T>(value: T): OutcomeSource<T> {
    return (settle) => this.line.rings.add(() => settle(value));
  }

  dispose(): void {
    this.gapTimer?.cancel();
    for (const stop of this.stops) stop();
  }

  private onRing(): void {
    this.ringCount++;
    if (this.gapTimer) this.restartGapTimer();
  }

  private restartGapTimer(): void {
    this.gapTimer?.cancel();
    this.gapTimer = this.clock.setTimeout(() => this.leave('ring-gap'), this.giveUpGapMs);
  }

  private leave(cause: string): void {
    if (this.gone) return;
    this.causeValue = cause;
    this.gapTimer?.cancel();
    this.controller.abort();
  }
}
