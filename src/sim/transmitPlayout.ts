/**
 * The transmit buffer of a simulated modem in `AT+VTX`. Audio from the host plays out at 8000
 * bytes per second of clock time. A buffer that runs dry is an underrun, which the modem reports
 * as `<DLE>u` once per dry spell (ZyXEL and USRobotics event tables).
 */
import { SAMPLE_RATE } from './farEndAudio.js';

/** Limits of the transmit buffer. */
export const PLAYOUT_LIMITS = {
  /** Audio buffered beyond this is an overflow and is dropped. */
  maxBufferedMs: 10_000,
  /** The copy of the last stream kept for tests stops growing here. */
  lastStreamCapBytes: 4 * 1024 * 1024,
  /** Time after CONNECT without audio before the first dry spell counts as an underrun. */
  startGraceMs: 500,
} as const;

const BYTES_PER_MS = SAMPLE_RATE / 1000;
const MAX_BUFFERED_BYTES = PLAYOUT_LIMITS.maxBufferedMs * BYTES_PER_MS;

/** Outcome of one playout step. */
export interface PlayoutStep {
  /** A new dry spell began and should be reported. */
  underrun: boolean;
  /** Nothing is left to play. */
  empty: boolean;
}

/** Playout buffer of one transmit stream. Times are clock milliseconds. */
export class TransmitPlayout {
  private readonly chunks: Buffer[] = [];
  private bufferedBytes = 0;
  private owedBytes = 0;
  private lastStepMs: number;
  private drySpellReported: boolean;
  private audioSeen = false;
  private readonly streamChunks: Buffer[] = [];
  private streamBytes = 0;

  /** Bytes played so far, underruns counted, and bytes dropped by overflow. */
  playedBytes = 0;
  underruns = 0;
  droppedBytes = 0;

  /**
   * @param startedAtMs clock time of CONNECT.
   * @param startReported whether the dry spell at the start was already reported, as the
   *   Conexant `<DLE>u` right after CONNECT does.
   */
  constructor(
    private readonly startedAtMs: number,
    startReported: boolean,
  ) {
    this.lastStepMs = startedAtMs;
    this.drySpellReported = startReported;
  }

  get buffered(): number {
    return this.bufferedBytes;
  }

  /** The unshielded audio that the host sent in this stream, up to the cap. */
  get stream(): Buffer {
    return Buffer.concat(this.streamChunks, this.streamBytes);
  }

  /** Queues host audio. Returns how many bytes did not fit in the buffer and were dropped. */
  enqueue(audio: Buffer): number {
    if (audio.length === 0) return 0;

    const accepted = audio.subarray(0, Math.max(0, MAX_BUFFERED_BYTES - this.bufferedBytes));
    if (accepted.length > 0) {
      this.chunks.push(accepted);
      this.bufferedBytes += accepted.length;
      this.keepForStream(accepted);
      this.audioSeen = true;
      this.drySpellReported = false;
    }

    const dropped = audio.length - accepted.length;
    this.droppedBytes += dropped;
    return dropped;
  }

  /** Clears the buffer at once (`<DLE><CAN>`). The dry spell that follows is not reported. */
  clear(): void {
    this.chunks.length = 0;
    this.bufferedBytes = 0;
    this.owedBytes = 0;
    this.drySpellReported = true;
  }

  /**
   * Plays what is due at `nowMs`. While `finishing` (after `<DLE><ETX>`) an empty buffer ends
   * the stream instead of counting as an underrun.
   */
  advance(nowMs: number, finishing: boolean): PlayoutStep {
    const dueBytes = this.owedBytes + (nowMs - this.lastStepMs) * BYTES_PER_MS;
    this.lastStepMs = nowMs;

    const playBytes = Math.min(Math.floor(dueBytes), this.bufferedBytes);
    this.consume(playBytes);
    this.owedBytes = dueBytes - playBytes;

    if (this.bufferedBytes > 0 || this.owedBytes < 1)
      return { underrun: false, empty: this.bufferedBytes === 0 };

    // The buffer ran dry while the line wanted audio: time spent dry is not owed later.
    this.owedBytes = 0;
    const inGrace = !this.audioSeen && nowMs - this.startedAtMs < PLAYOUT_LIMITS.startGraceMs;
    if (finishing || this.drySpellReported || inGrace) return { underrun: false, empty: true };

    this.drySpellReported = true;
    this.underruns++;
    return { underrun: true, empty: true };
  }

  private consume(count: number): void {
    let remaining = count;
    while (remaining > 0) {
      const head = this.chunks[0] as Buffer;
      if (head.length <= remaining) {
        this.chunks.shift();
        remaining -= head.length;
      } else {
        this.chunks[0] = head.subarray(remaining);
        remaining = 0;
      }
    }
    this.bufferedBytes -= count;
    this.playedBytes += count;
  }

  private keepForStream(audio: Buffer): void {
    const room = PLAYOUT_LIMITS.lastStreamCapBytes - this.streamBytes;
    if (room <= 0) return;
    const kept = Buffer.from(audio.subarray(0, room));
    this.streamChunks.push(kept);
    this.streamBytes += kept.length;
  }
}
