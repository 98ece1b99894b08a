/**
 * Recordings that could not be written because the disk was full, kept in memory until a later
 * attempt succeeds.
 */
import type { Logger } from '../util/log.js';
import type { StoredMessage } from './messageFolder.js';

/** A recording and its index entry, waiting in memory. */
export interface PendingRecording {
  wav: Buffer;
  message: StoredMessage;
}

/**
 * A bounded first-in, first-out queue of recordings. When the bytes kept exceed the limit, the
 * oldest recordings are dropped with an error log, but the newest one is always kept.
 */
export class PendingRecordings {
  private readonly recordings: PendingRecording[] = [];

  constructor(
    private readonly maxBytes: number,
    private readonly logger: Logger,
  ) {}

  /** Number of recordings waiting. */
  get count(): number {
    return this.recordings.length;
  }

  /** Adds a recording, dropping the oldest ones while more than `maxBytes` are kept. */
  add(recording: PendingRecording): void {
    this.recordings.push(recording);
    let bytes = this.recordings.reduce((sum, item) => sum + item.wav.length, 0);

    while (bytes > this.maxBytes && this.recordings.length > 1) {
      const dropped = this.recordings.shift()!;
      bytes -= dropped.wav.length;
      this.logger.error(
        { messageId: dropped.message.id, callId: dropped.message.callId, number: dropped.message.number },
        'Dropped a message kept in memory, because the disk is still full and the memory for waiting messages is used up',
      );
    }
  }

  /**
   * Writes the waiting recordings with `write`, oldest first, and stops at the first failure,
   * which is logged. Returns the index entries of the recordings written.
   */
  async drain(write: (recording: PendingRecording) => Promise<void>): Promise<StoredMessage[]> {
    const written: StoredMessage[] = [];
    while (this.recordings.length > 0) {
      const next = this.recordings[0]!;
      try {
        await write(next);
      } catch (error) {
        this.logger.warn(
          { messageId: next.message.id, waiting: this.recordings.length, err: error },
          'Still cannot write the messages kept in memory',
        );
        break;
      }
      this.recordings.shift();
      written.push(next.message);
    }
    return written;
  }
}
