/**
 * Voicemail messages: one WAV file per message in `DATA/messages/`, readable by the owner only,
 * and an index `DATA/messages/index.json` with caller, time and whether it was heard.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

import { errorMessage, VorzimmerError } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import { AtomicJsonFile } from './atomicFile.js';
import {
  adviseOnWriteFailure,
  describeWriteFailure,
  errorCode,
  fsyncDirectory,
  removeQuietly,
  writeFileSynced,
} from './fileSystem.js';
import {
  messageIndexSchema,
  reconcileMessageFolder,
  type MessageIndex,
  type StoredMessage,
} from './messageFolder.js';
import { PendingRecordings } from './pendingRecordings.js';
import { SerialQueue } from './serialQueue.js';

/** One voicemail message. */
export interface MessageInfo {
  id: string;
  /** Absolute path of the WAV file. The index stores only the file name. */
  file: string;
  /** ISO 8601 time of the call. */
  receivedAt: string;
  /** Caller's number in E.164, or null. */
  number: string | null;
  name: string | null;
  durationMs: number;
  heard: boolean;
  /** Id of the call record, or an empty string for a recording found without index entry. */
  callId: string;
}

/** Options of `MessageStore.open`. */
export interface MessageStoreOptions {
  dataDir: string;
  logger: Logger;
  /** Clock for message ids; the system clock unless given. */
  now?: () => Date;
}

/**
 * Maximum bytes of recordings kept in memory while the disk is full. Recordings are 8-bit WAV at
 * 8000 samples per second, so 4 MiB is about 8 minutes of messages.
 */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

/**
 * The messages on disk. Operations run one at a time.
 *
 * When the disk is full, `save` throws but keeps the recording in memory, up to
 * `MAX_PENDING_BYTES`, and writes it before the next recording at the next `save`, or at
 * `retryPending`. Recordings in memory are lost when the daemon stops, and they are not in
 * `list()` until written.
 */
export class MessageStore {
  private messages: StoredMessage[];
  private readonly pending: PendingRecordings;
  private readonly queue = new SerialQueue();
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly folder: string,
    private readonly index: AtomicJsonFile<MessageIndex>,
    private readonly logger: Logger,
    private readonly now: () => Date,
    messages: StoredMessage[],
  ) {
    this.messages = messages;
    this.pending = new PendingRecordings(MAX_PENDING_BYTES, logger);
  }

  /**
   * Opens `DATA/messages/`, creating it with mode 0o700. A WAV file that the index does not list,
   * as after a power cut between writing the recording and the index, is added back as unheard.
   * An index entry whose WAV file is gone is dropped. Throws VorzimmerError `STORAGE_FAILED` when
   * the index and its backup are both unusable.
   */
  static async open(options: MessageStoreOptions): Promise<MessageStore> {
    const folder = join(options.dataDir, 'messages');
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await chmod(folder, 0o700);

    const index = new AtomicJsonFile<MessageIndex>({
      path: join(folder, 'index.json'),
      schema: messageIndexSchema,
      logger: options.logger,
    });
    const stored = (await index.read())?.messages ?? [];
    const store = new MessageStore(folder, index, options.logger, options.now ?? (() => new Date()), stored);

    const reconciled = await reconcileMessageFolder(folder, stored, options.logger);
    if (reconciled !== null) {
      store.messages = reconciled;
      await store.writeIndexAfterFileChange();
    }
    options.logger.info(
      { path: folder, messages: store.messages.length, unheard: store.unheardCount() },
      'Opened the messages',
    );
    return store;
  }

  /**
   * Saves a recording as `<id>.wav` with mode 0o600, flushed to disk, then adds it to the index.
   * Recordings waiting in memory from an earlier full disk are written first.
   *
   * Throws VorzimmerError `STORAGE_FAILED` when the WAV file cannot be written. The recording is
   * then kept in memory for a later attempt, and the error message states this. When only the
   * index write fails, the recording is safe on disk. The failure is logged, the message is
   * returned, and the index is written again at the next change or the next start.
   */
  save(wav: Buffer, info: Omit<MessageInfo, 'id' | 'file' | 'heard'>): Promise<MessageInfo> {
    return this.queue.run(async () => {
      const earlier = await this.writePending();

      const message: StoredMessage = { ...info, id: this.newId(), file: '', heard: false };
      message.file = `${message.id}.wav`;
      try {
        await this.writeRecording(message, wav);
      } catch (error) {
        this.pending.add({ wav, message });
        if (earlier > 0) this.notify();
        throw this.recordingKeptError(error, message);
      }

      this.messages = [...this.messages, message];
      await this.writeIndexAfterFileChange();
      this.notify();
      return this.toInfo(message);
    });
  }

  /** Writes the recordings kept in memory after a full disk, and returns how many were written. */
  retryPending(): Promise<number> {
    return this.queue.run(async () => {
      const written = await this.writePending();
      if (written > 0) this.notify();
      return written;
    });
  }

  /** Number of recordings waiting in memory for the disk. */
  get pendingCount(): number {
    return this.pending.count;
  }

  /** Returns all messages, newest first. */
  list(): MessageInfo[] {
    return [...this.messages].sort(newestFirst).map((message) => this.toInfo(message));
  }

  /** Returns the number of messages not yet heard. */
  unheardCount(): number {
    return this.messages.filter((message) => !message.heard).length;
  }

  /**
   * Marks a message as heard and writes the index. Throws VorzimmerError `STORAGE_FAILED` when
   * no message has this id, or when the write fails, which leaves the message unheard.
   */
  markHeard(id: string): Promise<void> {
    return this.queue.run(async () => {
      const message = this.find(id);
      if (message.heard) return;

      const before = this.messages;
      this.messages = this.messages.map((m) => (m === message ? { ...m, heard: true } : m));
      try {
        await this.writeIndex();
      } catch (error) {
        this.messages = before;
        throw error;
      }
      this.notify();
    });
  }

  /**
   * Deletes a message's WAV file, then its index entry. Throws VorzimmerError `STORAGE_FAILED`
   * when no message has this id or the file cannot be deleted. The WAV file goes first, so a power
   * cut in between leaves an index entry without file, which the next start drops, and the message
   * does not come back.
   */
  delete(id: string): Promise<void> {
    return this.queue.run(async () => {
      const message = this.find(id);
      const path = join(this.folder, message.file);
      try {
        await unlink(path);
        await fsyncDirectory(this.folder);
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') {
          this.logger.error({ path, messageId: id, err: error }, 'Failed to delete a message');
          throw new VorzimmerError(
            'STORAGE_FAILED',
            `Cannot delete ${path}: ${errorMessage(error)}. The message is kept.`,
            {
              cause: error,
            },
          );
        }
      }

      this.messages = this.messages.filter((m) => m !== message);
      await this.writeIndexAfterFileChange();
      this.logger.info({ messageId: id }, 'Deleted a message');
      this.notify();
    });
  }

  /** Calls `listener` after every change. Returns a function that removes the listener. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private find(id: string): StoredMessage {
    const message = this.messages.find((m) => m.id === id);
    if (message === undefined) {
      throw new VorzimmerError(
        'STORAGE_FAILED',
        `No message with id "${id}". List the messages to see the ids.`,
      );
    }
    return message;
  }

  /** Writes the WAV file under a temporary name, flushes it, and renames it, so a cut-short file never has the final name. */
  private async writeRecording(message: StoredMessage, wav: Buffer): Promise<void> {
    const path = join(this.folder, message.file);
    const tempPath = `${path}.tmp`;
    try {
      await writeFileSynced(tempPath, wav, 'wx', 0o600);
      await rename(tempPath, path);
      await fsyncDirectory(this.folder);
    } catch (error) {
      await removeQuietly(tempPath, this.logger);
      throw error;
    }
    this.logger.info(
      { path, messageId: message.id, callId: message.callId, bytes: wav.length },
      'Saved a message',
    );
  }

  /** Writes the recordings waiting in memory and adds them to the index. Returns how many were written. */
  private async writePending(): Promise<number> {
    const written = await this.pending.drain((recording) =>
      this.writeRecording(recording.message, recording.wav),
    );
    if (written.length === 0) return 0;

    this.messages = [...this.messages, ...written];
    await this.writeIndexAfterFileChange();
    return written.length;
  }

  private recordingKeptError(error: unknown, message: StoredMessage): VorzimmerError {
    const path = join(this.folder, message.file);
    this.logger.error(
      { path, messageId: message.id, callId: message.callId, waiting: this.pending.count, err: error },
      'Failed to save a message, keeping it in memory',
    );
    return new VorzimmerError(
      'STORAGE_FAILED',
      `Cannot write ${path}: ${describeWriteFailure(error)}. The recording is kept in memory ` +
        `(${this.pending.count} waiting) and is written with the next message, but it is lost if the daemon stops. ` +
        adviseOnWriteFailure(error, this.folder),
      { cause: error },
    );
  }

  /** Writes the index. Throws VorzimmerError `STORAGE_FAILED` on failure. */
  private async writeIndex(): Promise<void> {
    await this.index.write({ version: 1, messages: this.messages });
  }

  /** Writes the index after a WAV file was added or deleted. A failure is logged, because the next start repairs the index from the folder. */
  private async writeIndexAfterFileChange(): Promise<void> {
    try {
      await this.writeIndex();
    } catch (error) {
      this.logger.error(
        { path: this.index.path, err: error },
        'Failed to write the message index. It is repaired from the WAV files at the next start',
      );
    }
  }

  private newId(): string {
    const stamp = this.now().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    return `${stamp}-${randomBytes(3).toString('hex')}`;
  }

  private toInfo(message: StoredMessage): MessageInfo {
    return { ...message, file: join(this.folder, message.file) };
  }

  private notify(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        this.logger.error({ err: error }, 'A messages change listener failed');
      }
    }
  }
}

function newestFirst(a: StoredMessage, b: StoredMessage): number {
  const byTime = compareCodePoints(b.receivedAt, a.receivedAt);
  if (byTime !== 0) return byTime;
  return compareCodePoints(b.id, a.id);
}

/** Compares by code points, which orders ISO 8601 times of the same offset by time, unlike locale collation. */
function compareCodePoints(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
