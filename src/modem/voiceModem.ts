/**
 * Voice modem operations on top of the AT channel: set-up, answer, play, record, keys and hang-up,
 * following ITU-T V.253 as the common Conexant and USR parts implement it.
 */
import { DLE, CAN, ETX, HOST_CODES, shieldAudio } from '../protocol/dle.js';
import type { DleEvent } from '../protocol/dleEvents.js';
import { DtmfBurstAssembler } from '../protocol/dtmf.js';
import { SilenceMeter } from '../protocol/audio.js';
import type { Clock, Timer } from '../util/clock.js';
import { errorMessage, VorzimmerError } from '../util/errors.js';
import { Listeners } from '../util/listeners.js';
import type { Logger } from '../util/log.js';
import { TIMEOUTS } from '../util/timeouts.js';
import type { AtChannel, UnsolicitedFrame } from './atChannel.js';
import { runSetup, type ModemProfile, type SetupOptions } from './setup.js';

/** Audio bytes per second: 8 kHz, one byte per sample. */
export const BYTES_PER_SECOND = 8000;

/**
 * Cause for taking the far end as gone. It is a modem event (busy, dial tone, loop current,
 * polarity, or `<DLE>s` and `<DLE>q` where +VSD works), the modem ending the data state by itself,
 * or silence that the host measured while the caller was held.
 */
export type HangUpCause =
  | 'busy'
  | 'dial-tone'
  | 'loop-interruption'
  | 'polarity-reversal'
  | 'silence-event'
  | 'quiet-event'
  | 'modem-ended-data'
  | 'silence-measured';

export type PlayEnd =
  | { kind: 'done' }
  | { kind: 'key'; digit: string }
  | { kind: 'hang-up'; cause: HangUpCause }
  | { kind: 'aborted' };

export type RecordEnd =
  | { kind: 'silence' }
  | { kind: 'no-speech' }
  | { kind: 'max-length' }
  | { kind: 'key'; digit: string }
  | { kind: 'hang-up'; cause: HangUpCause }
  | { kind: 'aborted' };

export interface RecordOptions {
  maxMs: number;
  /** Silence after speech that ends the recording. */
  silenceMs: number;
  /** A recording with no speech at all ends after this long. */
  noSpeechMs: number;
  /** Keys that end the recording; others are ignored. */
  stopKeys: readonly string[];
  signal?: AbortSignal;
}

const HANG_UP_EVENTS: Partial<Record<DleEvent['name'], HangUpCause>> = {
  busy: 'busy',
  'dial-tone': 'dial-tone',
  'loop-interruption': 'loop-interruption',
  'polarity-reversal': 'polarity-reversal',
  silence: 'silence-event',
  quiet: 'quiet-event',
};

/** One voice modem: the line-side one or the phone-side one. */
export class VoiceModem {
  readonly rings = new Listeners<void>();
  readonly callerIdLines = new Listeners<string>();
  readonly blankLines = new Listeners<void>();
  readonly digits = new Listeners<string>();
  readonly hangUpSignals = new Listeners<HangUpCause>();
  readonly extensionHook = new Listeners<boolean>();
  /** `<DLE><ETX>` from the modem: during a recording it means the modem ended the data state itself. */
  readonly endOfData = new Listeners<void>();
  private readonly dtmf = new DtmfBurstAssembler();
  private dtmfFlushTimer: Timer | null = null;
  private offHookState = false;
  private profileValue: ModemProfile | null = null;

  constructor(
    readonly channel: AtChannel,
    private readonly options: { clock: Clock; logger: Logger } & SetupOptions,
  ) {
    channel.onUnsolicited((frame) => this.handleUnsolicited(frame));
  }

  get name(): string {
    return this.channel.name;
  }

  get offHook(): boolean {
    return this.offHookState;
  }

  get profile(): ModemProfile | null {
    return this.profileValue;
  }

  /** Sends the whole set-up: needed after every reset and reconnect. */
  async setup(): Promise<ModemProfile> {
    this.offHookState = false;
    this.profileValue = await runSetup(this.channel, this.options);
    return this.profileValue;
  }

  /** Goes off-hook in voice mode (`AT+VLS=1`). */
  async answer(): Promise<void> {
    await this.channel.send('AT+VLS=1');
    this.offHookState = true;
  }

  /** Goes on-hook. Never throws: a failure is logged, because hanging up is always the way out. */
  async hangUp(): Promise<void> {
    try {
      await this.channel.send('ATH');
    } catch (error) {
      this.options.logger.error({ modem: this.name, err: errorMessage(error) }, 'hang-up failed');
    }
    this.offHookState = false;
  }

  /**
   * Plays modem audio (8 kHz unsigned 8-bit), paced at the modem's rate with a small lead.
   * With `bargeIn`, a key stops playback at once and is returned.
   */
  async play(audio: Buffer, options: { bargeIn: boolean; signal?: AbortSignal }): Promise<PlayEnd> {
    const stop = this.watchForStop(options.bargeIn, options.signal);
    try {
      const connect = await this.channel.send('AT+VTX', { timeoutMs: TIMEOUTS.dataConnect });
      if (connect.result !== 'CONNECT') {
        throw new VorzimmerError(
          'MODEM_PROTOCOL',
          `Modem "${this.name}" answered ${connect.result} to AT+VTX instead of CONNECT.`,
        );
      }

      const end = await this.streamAudio(audio, stop);
      if (end.kind === 'done') {
        const remainingMs = (audio.length / BYTES_PER_SECOND) * 1000;
        await this.channel.sendRawAwaitingResult('<DLE><ETX>', HOST_CODES.endTransmit, {
          timeoutMs: remainingMs + TIMEOUTS.playbackDrain,
        });
      } else {
        // Clear the modem's buffer first, so the prompt stops at once (vgetty does the same).
        await this.channel.sendRawAwaitingResult('<DLE><CAN><DLE><ETX>', Buffer.from([DLE, CAN, DLE, ETX]), {
          timeoutMs: TIMEOUTS.playbackDrain,
        });
      }
      return end;
    } finally {
      stop.dispose();
    }
  }

  /** Records the far end until silence, a stop key, the length limit, a hang-up sign or an abort. */
  async record(options: RecordOptions): Promise<{ audio: Buffer; end: RecordEnd }> {
    const chunks: Buffer[] = [];
    const meter = new SilenceMeter({});
    let resolveEnd: (end: RecordEnd) => void = () => undefined;
    const ended = new Promise<RecordEnd>((resolve) => (resolveEnd = resolve));

    const removeAudio = this.channel.onAudio((bytes) => {
      chunks.push(bytes);
      meter.push(bytes);
      if (meter.totalMs >= options.maxMs) resolveEnd({ kind: 'max-length' });
      else if (meter.speechMs > 0 && meter.trailingSilenceMs >= options.silenceMs)
        resolveEnd({ kind: 'silence' });
      else if (meter.speechMs === 0 && meter.totalMs >= options.noSpeechMs) resolveEnd({ kind: 'no-speech' });
    });
    const removeDigits = this.digits.add((digit) => {
      if (options.stopKeys.includes(digit)) resolveEnd({ kind: 'key', digit });
    });
    const removeHangUp = this.hangUpSignals.add((cause) => resolveEnd({ kind: 'hang-up', cause }));
    const removeEndOfData = this.endOfData.add(() =>
      resolveEnd({ kind: 'hang-up', cause: 'modem-ended-data' }),
    );
    const onAbort = (): void => resolveEnd({ kind: 'aborted' });
    options.signal?.addEventListener('abort', onAbort);
    // A modem that stops sending audio must not keep the call open forever.
    const guard = this.options.clock.setTimeout(
      () => resolveEnd({ kind: 'max-length' }),
      options.maxMs + TIMEOUTS.recordingStop,
    );

    try {
      const connect = await this.channel.send('AT+VRX', {
        timeoutMs: TIMEOUTS.dataConnect,
        receiveData: true,
      });
      if (connect.result !== 'CONNECT') {
        throw new VorzimmerError(
          'MODEM_PROTOCOL',
          `Modem "${this.name}" answered ${connect.result} to AT+VRX instead of CONNECT.`,
        );
      }
      if (options.signal?.aborted) resolveEnd({ kind: 'aborted' });

      const end = await ended;
      this.options.logger.info(
        {
          modem: this.name,
          end: end.kind,
          cause: end.kind === 'hang-up' ? end.cause : undefined,
          recordedMs: Math.round(meter.totalMs),
        },
        'recording ended',
      );
      if (!(end.kind === 'hang-up' && end.cause === 'modem-ended-data')) await this.stopReceiving();
      return { audio: Buffer.concat(chunks), end };
    } finally {
      guard.cancel();
      removeAudio();
      removeDigits();
      removeHangUp();
      removeEndOfData();
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Listens to a held caller without keeping the audio, for the time the line is off-hook but
   * nothing plays or records. Ends on a hang-up event, on an abort, after `maxMs`, or when the
   * line has been silent for `silenceMs`. That last case is how a caller who hangs up while held
   * is noticed on a modem that sends no busy event (a CX93010 sometimes sends none), and it emits
   * hangUpSignals with the cause 'silence-measured'. Logs how the listening ended.
   */
  async listenWhileHeld(options: {
    maxMs: number;
    silenceMs?: number;
    signal?: AbortSignal;
  }): Promise<RecordEnd> {
    const silenceMs = options.silenceMs ?? TIMEOUTS.heldCallerSilence;
    const { end } = await this.record({
      maxMs: options.maxMs,
      silenceMs,
      noSpeechMs: silenceMs,
      stopKeys: [],
      signal: options.signal,
    });

    if (end.kind === 'silence' || end.kind === 'no-speech') {
      this.options.logger.info(
        { modem: this.name, cause: 'silence-measured', silenceMs },
        'held caller silent for too long: taken as hung up',
      );
      this.hangUpSignals.emit('silence-measured');
      return { kind: 'hang-up', cause: 'silence-measured' };
    }
    return end;
  }

  /** Closes the port; the modem is unusable afterwards. */
  close(): Promise<void> {
    return this.channel.close();
  }

  private async stopReceiving(): Promise<void> {
    try {
      await this.channel.sendRawAwaitingResult('<DLE>!', HOST_CODES.abort, {
        timeoutMs: TIMEOUTS.recordingStop,
      });
    } catch (error) {
      // Leave the decoder in command state, so that the next command is read correctly.
      this.channel.resetDecoder();
      this.options.logger.warn(
        { modem: this.name, err: errorMessage(error) },
        'recording did not end cleanly',
      );
    }
  }

  private async streamAudio(audio: Buffer, stop: StopWatch): Promise<PlayEnd> {
    const clock = this.options.clock;
    const start = clock.now();
    const leadBytes = (TIMEOUTS.playbackLead / 1000) * BYTES_PER_SECOND;
    let written = 0;

    while (written < audio.length) {
      if (stop.end) return stop.end;
      const elapsedBytes = ((clock.now() - start) / 1000) * BYTES_PER_SECOND;
      const target = Math.min(audio.length, Math.floor(elapsedBytes + leadBytes));
      if (target > written) {
        await this.channel.writeRaw(shieldAudio(audio.subarray(written, target)));
        written = target;
      }
      await Promise.race([clock.sleep(TIMEOUTS.playbackTick), stop.promise]);
    }

    // Wait for the modem to play what is queued, so that a key in the last words still stops it.
    const queuedMs = Math.max(0, (audio.length / BYTES_PER_SECOND) * 1000 - (clock.now() - start));
    await Promise.race([clock.sleep(queuedMs), stop.promise]);
    return stop.end ?? { kind: 'done' };
  }

  private watchForStop(bargeIn: boolean, signal?: AbortSignal): StopWatch {
    const watch: StopWatch = { end: null, promise: Promise.resolve(), dispose: () => undefined };
    let resolve: () => void = () => undefined;
    watch.promise = new Promise<void>((done) => (resolve = done));
    const finish = (end: PlayEnd): void => {
      if (watch.end) return;
      watch.end = end;
      resolve();
    };

    const removeDigits = bargeIn
      ? this.digits.add((digit) => finish({ kind: 'key', digit }))
      : () => undefined;
    const removeHangUp = this.hangUpSignals.add((cause) => finish({ kind: 'hang-up', cause }));
    const onAbort = (): void => finish({ kind: 'aborted' });
    signal?.addEventListener('abort', onAbort);
    if (signal?.aborted) onAbort();

    watch.dispose = () => {
      removeDigits();
      removeHangUp();
      signal?.removeEventListener('abort', onAbort);
    };
    return watch;
  }

  private handleUnsolicited(frame: UnsolicitedFrame): void {
    switch (frame.kind) {
      case 'line':
        if (/^RING\b/i.test(frame.text)) this.rings.emit();
        else this.callerIdLines.emit(frame.text);
        return;
      case 'blank':
        this.blankLines.emit();
        return;
      case 'end-of-data':
        // Some chips also echo <DLE><ETX> at the end of a playback, so only record() reads it as an end.
        this.endOfData.emit();
        return;
      case 'event':
        this.handleEvent(frame.event);
        return;
    }
  }

  private handleEvent(event: DleEvent): void {
    if (event.name === 'ring') {
      this.rings.emit();
      return;
    }
    if (event.name === 'extension-off-hook' || event.name === 'extension-on-hook') {
      this.extensionHook.emit(event.name === 'extension-off-hook');
      return;
    }

    const cause = HANG_UP_EVENTS[event.name];
    if (cause) {
      this.options.logger.info(
        { modem: this.name, cause },
        'modem reports that the far end may have hung up',
      );
      this.hangUpSignals.emit(cause);
      return;
    }

    const digit = this.dtmf.push(event, this.options.clock.now());
    if (digit !== null) this.emitDigit(digit);
    this.scheduleDtmfFlush();
  }

  private scheduleDtmfFlush(): void {
    this.dtmfFlushTimer?.cancel();
    this.dtmfFlushTimer = this.options.clock.setTimeout(() => {
      const digit = this.dtmf.flush(this.options.clock.now());
      if (digit !== null) this.emitDigit(digit);
    }, TIMEOUTS.dtmfBurstMax + 50);
  }

  private emitDigit(digit: string): void {
    this.options.logger.info({ modem: this.name, digit }, 'key pressed');
    this.digits.emit(digit);
  }
}

interface StopWatch {
  end: PlayEnd | null;
  promise: Promise<void>;
  dispose: () => void;
}
