/**
 * The voice data states of a simulated modem: `AT+VTX` (transmit) and `AT+VRX` (receive). Host
 * bytes are DLE-unshielded and the stream commands of V.253 apply: `<DLE><ETX>` ends a transmit
 * stream after the buffer has played, and `<DLE><CAN>` clears the buffer at once. `<DLE>!` aborts a
 * receive stream, which the modem closes with `<DLE><ETX>` and OK, or a transmit stream, closed
 * with OK.
 */
import { CAN, DleDecoder, ETX, type ShieldedFrame } from '../protocol/dle.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/log.js';
import { DCE_EVENT, shieldedEvent } from './dceEvents.js';
import type { FarEndAudio } from './farEndAudio.js';
import type { SilenceSetting } from './personalities.js';
import { ReceiveStream } from './receiveStream.js';
import { TimerGroup } from './timerGroup.js';
import { TransmitPlayout } from './transmitPlayout.js';

/** Code byte of `<DLE>!`, the host's abort of a receive or transmit stream. */
const HOST_ABORT_CODE = 0x21;

/** Real time between two steps of playout or receive audio. */
export const STREAM_TICK_REAL_MS = 20;

/** Audio that the host played through `AT+VTX`. */
export interface PlaybackSummary {
  /** Audio bytes played out in total, over all streams. */
  bytes: number;
  /** Dry spells reported as `<DLE>u`, not counting the one the Conexant sends right after CONNECT. */
  underruns: number;
  /** Audio bytes dropped because more than 10 s were buffered. */
  droppedBytes: number;
  /** Unshielded audio that the host sent in the last stream, capped at 4 MiB. */
  lastStream: Buffer;
}

/** Clock, audio and callbacks of the modem that the voice streams use. */
export interface VoiceStreamsHost {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly farEnd: FarEndAudio;
  send(bytes: Buffer): void;
  /** Called when a stream has ended; the modem sends OK and takes the held host bytes. */
  onStreamEnd(): void;
  /** Takes host bytes that followed a stream terminator; they belong to command state. */
  holdInput(bytes: Buffer): void;
}

type StreamState =
  | { kind: 'command' }
  | { kind: 'transmit'; playout: TransmitPlayout; finishing: boolean }
  | { kind: 'receive'; stream: ReceiveStream };

/** The data state of one modem and its audio. */
export class VoiceStreams {
  private state: StreamState = { kind: 'command' };
  private readonly decoder = new DleDecoder();
  private readonly ticks: TimerGroup;
  private readonly totals = { bytes: 0, underruns: 0, droppedBytes: 0 };
  private lastPlayout: TransmitPlayout | null = null;

  constructor(private readonly host: VoiceStreamsHost) {
    this.ticks = new TimerGroup(host.clock);
  }

  get kind(): StreamState['kind'] {
    return this.state.kind;
  }

  /** Whether a transmit stream is playing out its buffer after `<DLE><ETX>`; host bytes must wait. */
  get finishing(): boolean {
    return this.state.kind === 'transmit' && this.state.finishing;
  }

  get playback(): PlaybackSummary {
    const current = this.state.kind === 'transmit' ? this.state.playout : null;
    return {
      bytes: this.totals.bytes + (current?.playedBytes ?? 0),
      underruns: this.totals.underruns + (current?.underruns ?? 0),
      droppedBytes: this.totals.droppedBytes + (current?.droppedBytes ?? 0),
      lastStream: (current ?? this.lastPlayout)?.stream ?? Buffer.alloc(0),
    };
  }

  /** Enters transmit state; `reportAtStart` sends the Conexant `<DLE>u` right after CONNECT. */
  startTransmit(reportAtStart: boolean): void {
    const playout = new TransmitPlayout(this.host.clock.now(), reportAtStart);
    this.state = { kind: 'transmit', playout, finishing: false };
    this.decoder.reset();
    if (reportAtStart) this.host.send(shieldedEvent(DCE_EVENT.transmitUnderrun));
    this.startTicks();
  }

  /** Enters receive state; `silence` is the `AT+VSD` setting when the personality applies it. */
  startReceive(silence: SilenceSetting | null): void {
    this.state = {
      kind: 'receive',
      stream: new ReceiveStream(this.host.farEnd, this.host.clock.now(), silence),
    };
    this.decoder.reset();
    this.startTicks();
  }

  /** Takes host bytes in a data state. */
  take(bytes: Buffer): void {
    if (this.state.kind === 'transmit') this.takeTransmitBytes(bytes, this.state);
    else if (this.state.kind === 'receive') this.takeReceiveBytes(bytes);
  }

  /** Sends the receive audio due up to now, so that an event sent next lands in time order. */
  flushReceiveAudio(): void {
    if (this.state.kind !== 'receive') return;
    const chunk = this.state.stream.take(this.host.clock.now());
    this.host.send(chunk.shieldedAudio);
    if (chunk.eventCode !== null) this.host.send(shieldedEvent(chunk.eventCode));
  }

  /** Stops the ticks, for dispose(). */
  stop(): void {
    this.ticks.cancelAll();
  }

  private takeTransmitBytes(bytes: Buffer, state: Extract<StreamState, { kind: 'transmit' }>): void {
    const frames = this.decoder.push(bytes);
    for (const [index, frame] of frames.entries()) {
      if (frame.kind === 'audio') {
        const dropped = state.playout.enqueue(frame.bytes);
        if (dropped > 0)
          this.host.logger.warn(
            { dropped, buffered: state.playout.buffered },
            'transmit buffer overflow: audio dropped',
          );
        continue;
      }

      if (frame.code === ETX) {
        state.finishing = true;
        this.holdFrames(frames.slice(index + 1));
        this.stepTransmit();
        return;
      }
      if (frame.code === HOST_ABORT_CODE) {
        state.playout.clear();
        this.holdFrames(frames.slice(index + 1));
        this.end();
        return;
      }
      if (frame.code === CAN) state.playout.clear();
      else this.host.logger.debug({ code: frame.code }, 'shielded code ignored in transmit state');
    }
  }

  private takeReceiveBytes(bytes: Buffer): void {
    const frames = this.decoder.push(bytes);
    for (const [index, frame] of frames.entries()) {
      if (frame.kind === 'code' && frame.code === HOST_ABORT_CODE) {
        this.flushReceiveAudio();
        this.host.send(shieldedEvent(DCE_EVENT.endOfData));
        this.holdFrames(frames.slice(index + 1));
        this.end();
        return;
      }
      // ZyXEL ends a receive stream on a stray byte; the chips simulated here are not known to, so it is only logged.
      const detail = frame.kind === 'code' ? { code: frame.code } : { bytes: frame.bytes.length };
      this.host.logger.warn(detail, 'host bytes ignored in receive state');
    }
  }

  /** Bytes after a stream terminator are the next command line: their audio frames are its text. */
  private holdFrames(frames: readonly ShieldedFrame[]): void {
    for (const frame of frames) {
      if (frame.kind === 'audio') this.host.holdInput(frame.bytes);
      else this.host.logger.debug({ code: frame.code }, 'shielded code after end of stream ignored');
    }
  }

  private stepTransmit(): void {
    if (this.state.kind !== 'transmit') return;
    const state = this.state;
    const step = state.playout.advance(this.host.clock.now(), state.finishing);

    if (step.underrun) {
      this.host.logger.debug({ underruns: state.playout.underruns }, 'transmit underrun');
      this.host.send(shieldedEvent(DCE_EVENT.transmitUnderrun));
    }
    if (state.finishing && step.empty) this.end();
  }

  private end(): void {
    if (this.state.kind === 'transmit') {
      const { playout } = this.state;
      this.totals.bytes += playout.playedBytes;
      this.totals.underruns += playout.underruns;
      this.totals.droppedBytes += playout.droppedBytes;
      this.lastPlayout = playout;
    }
    this.state = { kind: 'command' };
    this.decoder.reset();
    this.ticks.cancelAll();
    this.host.onStreamEnd();
  }

  private startTicks(): void {
    const intervalMs = STREAM_TICK_REAL_MS * this.host.clock.scale;
    const tick = (): void => {
      if (this.state.kind === 'transmit') this.stepTransmit();
      else if (this.state.kind === 'receive') this.flushReceiveAudio();
      if (this.state.kind !== 'command') this.ticks.schedule(intervalMs, tick);
    };
    this.ticks.schedule(intervalMs, tick);
  }
}
