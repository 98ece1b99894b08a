/**
 * AT command channel: one command at a time, each with its own timeout, over a ByteLink. Input is
 * decoded into lines, DLE events and voice data; lines that do not belong to the command in flight
 * (RING, caller ID) and all events are passed on as unsolicited frames.
 */
import type { DleEvent } from '../protocol/dleEvents.js';
import { ModemInputDecoder, type ModemFrame } from '../protocol/modemInput.js';
import { parseFinalResult, type FinalResult } from '../protocol/resultCodes.js';
import type { ByteLink } from '../transport/serialLink.js';
import type { Clock, Timer } from '../util/clock.js';
import { VorzimmerError } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import { TIMEOUTS } from '../util/timeouts.js';

/** The answer to one command: its final result and the information lines before it. */
export interface AtResponse {
  result: FinalResult;
  lines: string[];
}

export interface SendOptions {
  timeoutMs?: number;
  /** Resolve on `ERROR` instead of rejecting. */
  allowError?: boolean;
  /** Arm the decoder so that the `CONNECT` answer switches it to receive data. */
  receiveData?: boolean;
}

/** Frames that arrive outside a command's answer. */
export type UnsolicitedFrame =
  | { kind: 'line'; text: string }
  | { kind: 'blank' }
  | { kind: 'event'; event: DleEvent }
  | { kind: 'end-of-data' };

interface PendingCommand {
  command: string;
  lines: string[];
  resolve: (response: AtResponse) => void;
  reject: (error: Error) => void;
  timer: Timer;
  allowError: boolean;
}

/** Lines that a modem sends on its own, never as part of a command's answer. */
const UNSOLICITED_LINE =
  /^(RING\b|DATE\s*=|TIME\s*=|NMBR\s*=|NAME\s*=|MESG\s*=|DDN_NMBR\s*=|NDID\s*=|ERRM\s*=|DRON\s*=|DROF\s*=)/i;

export class AtChannel {
  private readonly decoder = new ModemInputDecoder();
  private readonly unsolicitedListeners = new Set<(frame: UnsolicitedFrame) => void>();
  private readonly audioListeners = new Set<(bytes: Buffer) => void>();
  private readonly disconnectListeners = new Set<(error: Error | null) => void>();
  private pending: PendingCommand | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private disconnected: Error | null = null;
  private discardedInRun = 0;

  constructor(
    private readonly link: ByteLink,
    private readonly options: { name: string; clock: Clock; logger: Logger },
  ) {
    link.onData((bytes) => this.handleBytes(bytes));
    link.onClose((error) => this.handleClose(error));
  }

  get name(): string {
    return this.options.name;
  }

  get path(): string {
    return this.link.path;
  }

  get isConnected(): boolean {
    return this.disconnected === null && this.link.isOpen;
  }

  /**
   * Sends `command` (without the trailing CR) once every earlier command has finished, and
   * resolves with its final result.
   * @throws VorzimmerError MODEM_TIMEOUT naming the port and command, MODEM_ERROR_RESULT on `ERROR`
   *   unless allowed, MODEM_DISCONNECTED when the link goes away.
   */
  send(command: string, options: SendOptions = {}): Promise<AtResponse> {
    const run = (): Promise<AtResponse> =>
      this.exchange(command, Buffer.from(`${command}\r`, 'latin1'), options);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Writes raw bytes (such as `<DLE>!`) and waits for the final result they lead to, in the same
   * queue as commands. `label` names the bytes in errors and logs.
   */
  sendRawAwaitingResult(label: string, bytes: Buffer, options: SendOptions = {}): Promise<AtResponse> {
    const run = (): Promise<AtResponse> => this.exchange(label, bytes, options);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Writes voice data or DLE codes that have no answer of their own. */
  async writeRaw(bytes: Uint8Array): Promise<void> {
    if (this.disconnected) throw this.disconnectError('write voice data');
    await this.link.write(bytes);
  }

  onUnsolicited(listener: (frame: UnsolicitedFrame) => void): () => void {
    this.unsolicitedListeners.add(listener);
    return () => this.unsolicitedListeners.delete(listener);
  }

  onAudio(listener: (bytes: Buffer) => void): () => void {
    this.audioListeners.add(listener);
    return () => this.audioListeners.delete(listener);
  }

  onDisconnect(listener: (error: Error | null) => void): () => void {
    this.disconnectListeners.add(listener);
    return () => this.disconnectListeners.delete(listener);
  }

  /** Leaves receive state in the decoder, for example after a stop that timed out. */
  resetDecoder(): void {
    this.decoder.cancelReceiveData();
    this.decoder.reset();
  }

  close(): Promise<void> {
    return this.link.close();
  }

  private exchange(command: string, bytes: Buffer, options: SendOptions): Promise<AtResponse> {
    if (this.disconnected) return Promise.reject(this.disconnectError(command));

    const timeoutMs = options.timeoutMs ?? TIMEOUTS.atCommand;
    // Created before the wait starts, so that its stack shows who sent the command.
    const timeoutError = new VorzimmerError(
      'MODEM_TIMEOUT',
      `Modem "${this.name}" on ${this.path} did not answer ${JSON.stringify(command)} within ${timeoutMs} ms. ` +
        'Check that the modem is plugged in and that no other program (such as ModemManager) uses the port.',
    );

    return new Promise<AtResponse>((resolve, reject) => {
      const timer = this.options.clock.setTimeout(() => {
        if (this.pending?.timer !== timer) return;
        this.pending = null;
        if (options.receiveData) this.decoder.cancelReceiveData();
        reject(timeoutError);
      }, timeoutMs);
      this.pending = { command, lines: [], resolve, reject, timer, allowError: options.allowError ?? false };

      if (options.receiveData) this.decoder.expectReceiveData();
      this.options.logger.debug({ modem: this.name, command }, 'modem command');
      this.link.write(bytes).catch((error: unknown) => this.failPending(error as Error));
    });
  }

  private handleBytes(bytes: Buffer): void {
    for (const frame of this.decoder.push(bytes)) this.handleFrame(frame);
  }

  private handleFrame(frame: ModemFrame): void {
    if (frame.kind !== 'discarded') this.endDiscardedRun();
    switch (frame.kind) {
      case 'line':
        this.handleLine(frame.text);
        return;
      case 'blank':
        if (!this.pending) this.emitUnsolicited(frame);
        return;
      case 'event':
        this.options.logger.debug(
          { modem: this.name, event: frame.event.name, digit: frame.event.digit },
          'modem event',
        );
        this.emitUnsolicited(frame);
        return;
      case 'audio':
        for (const listener of this.audioListeners) listener(frame.bytes);
        return;
      case 'end-of-data':
        this.options.logger.debug({ modem: this.name }, 'modem ended voice data');
        this.emitUnsolicited(frame);
        return;
      case 'discarded':
        this.logDiscarded(frame.reason, frame.bytes);
        return;
    }
  }

  /** Logs unreadable output once per run of consecutive pieces, so one long burst of noise is one log line. */
  private logDiscarded(reason: string, bytes: Buffer): void {
    this.discardedInRun++;
    if (this.discardedInRun > 1) return;
    this.options.logger.warn(
      { modem: this.name, reason, bytes: bytes.subarray(0, 64).toString('hex') },
      'skipped unreadable modem output',
    );
  }

  private endDiscardedRun(): void {
    if (this.discardedInRun > 1) {
      this.options.logger.warn(
        { modem: this.name, pieces: this.discardedInRun },
        'skipped more unreadable modem output',
      );
    }
    this.discardedInRun = 0;
  }

  private handleLine(text: string): void {
    this.options.logger.debug({ modem: this.name, line: text }, 'modem line');
    const pending = this.pending;

    if (!pending || UNSOLICITED_LINE.test(text)) {
      this.emitUnsolicited({ kind: 'line', text });
      return;
    }

    // Echo may still be on for the first commands after a reset.
    if (text.trim().toUpperCase() === pending.command.trim().toUpperCase()) return;

    const result = parseFinalResult(text);
    if (!result) {
      pending.lines.push(text);
      return;
    }

    pending.timer.cancel();
    this.pending = null;
    if (result === 'ERROR' && !pending.allowError) {
      pending.reject(
        new VorzimmerError(
          'MODEM_ERROR_RESULT',
          `Modem "${this.name}" on ${this.path} answered ERROR to ${JSON.stringify(pending.command)}.`,
        ),
      );
      return;
    }
    pending.resolve({ result, lines: pending.lines });
  }

  private emitUnsolicited(frame: UnsolicitedFrame): void {
    for (const listener of this.unsolicitedListeners) listener(frame);
  }

  private failPending(error: Error): void {
    const pending = this.pending;
    if (!pending) return;
    pending.timer.cancel();
    this.pending = null;
    pending.reject(error);
  }

  private handleClose(error: Error | null): void {
    this.disconnected = error ?? new Error('closed');
    this.failPending(this.disconnectError(this.pending?.command ?? 'command'));
    if (error)
      this.options.logger.error({ modem: this.name, path: this.path, err: error }, 'modem disconnected');
    for (const listener of this.disconnectListeners) listener(error);
  }

  private disconnectError(command: string): VorzimmerError {
    return new VorzimmerError(
      'MODEM_DISCONNECTED',
      `Modem "${this.name}" on ${this.path} is disconnected, so ${JSON.stringify(command)} was not sent.`,
      { cause: this.disconnected ?? undefined },
    );
  }
}
