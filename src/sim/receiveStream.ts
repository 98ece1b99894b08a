/**
 * The receive stream of a simulated modem in `AT+VRX`: far-end audio at 8000 samples per second
 * of clock time, DLE-shielded, and the silence events of chips that apply `AT+VSD`.
 */
import { shieldAudio } from '../protocol/dle.js';
import { DCE_EVENT } from './dceEvents.js';
import { SAMPLE_RATE, type FarEndAudio } from './farEndAudio.js';
import type { SilenceSetting } from './personalities.js';

/** Output of the stream up to a moment: shielded audio, and an event code to send after it. */
export interface ReceiveChunk {
  shieldedAudio: Buffer;
  eventCode: number | null;
}

/** Audio of one receive stream. Times are clock milliseconds. */
export class ReceiveStream {
  private samplesSent = 0;
  private readonly silence: SilenceDetector | null;

  /**
   * @param silence the `AT+VSD` setting when the personality applies it, else null. An interval
   *   of 0 disables detection, as V.253 defines.
   */
  constructor(
    private readonly audio: FarEndAudio,
    private readonly startedAtMs: number,
    silence: SilenceSetting | null,
  ) {
    const intervalMs = (silence?.intervalTenths ?? 0) * 100;
    this.silence = intervalMs > 0 ? new SilenceDetector(intervalMs, startedAtMs) : null;
  }

  /** Total samples sent, before shielding. */
  get samples(): number {
    return this.samplesSent;
  }

  /** Renders the samples due at `nowMs` and checks for silence. */
  take(nowMs: number): ReceiveChunk {
    const dueSamples = Math.floor(((nowMs - this.startedAtMs) * SAMPLE_RATE) / 1000) - this.samplesSent;
    const count = Math.max(0, dueSamples);
    const startMs = this.startedAtMs + (this.samplesSent * 1000) / SAMPLE_RATE;

    const samples = this.audio.render(count, startMs);
    this.samplesSent += count;

    const eventCode = this.silence?.observe(this.audio.voice, nowMs) ?? null;
    return { shieldedAudio: shieldAudio(samples), eventCode };
  }
}

/**
 * Silence detection as USRobotics and ZyXEL describe it: `<DLE>s` when there was no voice from
 * the start and then silence for the interval, `<DLE>q` when voice was followed by silence for
 * the interval. Each silent period is reported once.
 */
class SilenceDetector {
  private voiceSeen = false;
  private silentSinceMs: number | null;
  private reported = false;

  constructor(
    private readonly intervalMs: number,
    startedAtMs: number,
  ) {
    this.silentSinceMs = startedAtMs;
  }

  observe(voice: boolean, nowMs: number): number | null {
    if (voice) {
      this.voiceSeen = true;
      this.silentSinceMs = null;
      this.reported = false;
      return null;
    }

    this.silentSinceMs ??= nowMs;
    if (this.reported || nowMs - this.silentSinceMs < this.intervalMs) return null;

    this.reported = true;
    return this.voiceSeen ? DCE_EVENT.quiet : DCE_EVENT.silence;
  }
}
