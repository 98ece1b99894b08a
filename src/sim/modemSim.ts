/**
 * A simulated USB voice modem that speaks AT and V.253 voice commands like a Conexant CX93001 or
 * a USRobotics 5637, so that the real driver and daemon run without hardware. The host side is a
 * byte stream, carried by simBinding.ts in-process or by ptyBridge.ts on a pseudo-terminal. The
 * world side is a set of calls for what the line, the caller or the desk phone does. All timing
 * runs on the given Clock.
 */
import type { Clock, Timer } from '../util/clock.js';
import { createSilentLogger, type Logger } from '../util/log.js';
import { renderCallerId, renderRawCallerId, type CallerIdFields } from './callerIdRender.js';
import { CommandLineBuffer } from './commandLineBuffer.js';
import {
  createInterpreterContext,
  executeCommandLine,
  type CommandEffect,
  type InterpreterContext,
} from './commandInterpreter.js';
import { CallEvents, validateKeyPress } from './callEvents.js';
import { DCE_EVENT, shieldedEvent } from './dceEvents.js';
import { FarEndAudio, type FarEndAudioSource } from './farEndAudio.js';
import { resetSettings, type CallerIdMode } from './modemSettings.js';
import { getPersonality, type Personality, type PersonalityName } from './personalities.js';
import { frameResultCode, type ResultCode } from './responseFraming.js';
import type { SimEndpoint } from './simBinding.js';
import { TimerGroup } from './timerGroup.js';
import { VoiceStreams, type PlaybackSummary } from './voiceStreams.js';

export type { PersonalityName, PlaybackSummary };

/** Activity of the simulated modem on the line, for observers such as the scenario runner. */
export type ModemSimActivity = 'off-hook' | 'playing' | 'recording' | 'on-hook';

export interface ModemSimOptions {
  personality: PersonalityName;
  clock: Clock;
  /** Name for log lines, such as `line` or `phone`. */
  name?: string;
  logger?: Logger;
}

/** Misbehaviours to switch on for tests of the driver's recovery. */
export interface ModemSimFaults {
  /** The modem ignores every byte from the host and sends nothing back, as a hung dongle does. */
  unresponsive: boolean;
  /** The far end hanging up gives no `<DLE>b`, only silence (CX93010 "sometimes won't send BUSY"). */
  noBusyTone: boolean;
  /**
   * `ATZ` turns caller ID off even when `+VCID=1` was saved with `AT&W`. The default comes from the
   * personality: on for Conexant, off for the USR 5637 and the Lucent part.
   */
  forgetCallerIdOnReset: boolean;
  /** Line noise on the serial link: a burst of unprintable bytes before every result code. */
  garbage: boolean;
}

/** Bytes of one burst of the `garbage` fault: unprintable, and free of DLE, CR and LF. */
export const GARBAGE_BURST = Buffer.from([0x00, 0xff, 0x8a, 0x95, 0x01, 0xfe, 0x83, 0x07]);

/** A simulated voice modem. Create one per modem; call dispose() when done. */
export class ModemSim implements SimEndpoint {
  readonly personality: Personality;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly context: InterpreterContext;
  private readonly lineBuffer = new CommandLineBuffer();
  private readonly farEnd = new FarEndAudio();
  private readonly streams: VoiceStreams;
  private readonly hostListeners = new Set<(bytes: Buffer) => void>();
  private readonly activityListeners = new Set<(activity: ModemSimActivity) => void>();
  private readonly faults: ModemSimFaults;
  /** Timers of the modem itself: tones and the data answer. */
  private readonly timers: TimerGroup;
  private readonly callEvents: CallEvents;

  private hook = false;
  /** Host bytes that wait while a tone plays or a transmit stream plays out after `<DLE><ETX>`. */
  private heldInput: Buffer[] = [];
  private toneUntilDone = false;
  private dataAnswerTimer: Timer | null = null;
  private disposed = false;

  constructor(options: ModemSimOptions) {
    this.personality = getPersonality(options.personality);
    this.clock = options.clock;
    const name = options.name ?? options.personality;
    this.logger = (options.logger ?? createSilentLogger()).child({ module: 'modem-sim', modem: name });
    this.context = createInterpreterContext(this.personality);
    this.faults = {
      unresponsive: false,
      noBusyTone: false,
      forgetCallerIdOnReset: this.context.forgetsCallerIdOnReset,
      garbage: false,
    };
    this.timers = new TimerGroup(this.clock);
    this.callEvents = new CallEvents({
      clock: this.clock,
      farEnd: this.farEnd,
      canReport: () => this.hook && this.voiceClass,
      report: (code) => this.sendEvent(code),
    });
    this.streams = new VoiceStreams({
      clock: this.clock,
      logger: this.logger,
      farEnd: this.farEnd,
      send: (bytes) => this.send(bytes),
      holdInput: (bytes) => this.heldInput.push(bytes),
      onStreamEnd: () => {
        this.sendResult('OK');
        this.takeHeldInput();
      },
    });
  }

  // Host side

  /** Takes bytes that the host wrote to the serial port. */
  writeFromHost(bytes: Uint8Array): void {
    if (this.disposed || bytes.length === 0) return;
    if (this.faults.unresponsive) {
      this.logger.debug({ bytes: bytes.length }, 'unresponsive fault: host bytes ignored');
      return;
    }
    this.routeHostBytes(Buffer.from(bytes));
  }

  /** Calls `listener` with every chunk the modem sends to the host. Returns a function that removes it. */
  onHostData(listener: (bytes: Buffer) => void): () => void {
    this.hostListeners.add(listener);
    return () => this.hostListeners.delete(listener);
  }

  // Observation

  /** Calls `listener` on every hook change and every start of playing or recording. */
  onActivity(listener: (activity: ModemSimActivity) => void): () => void {
    this.activityListeners.add(listener);
    return () => this.activityListeners.delete(listener);
  }

  get offHook(): boolean {
    return this.hook;
  }

  get dataState(): 'command' | 'transmit' | 'receive' {
    return this.streams.kind;
  }

  /** Whether `AT+FCLASS=8` (voice) is in force. */
  get voiceClass(): boolean {
    return this.context.settings.serviceClass === '8';
  }

  get callerIdMode(): CallerIdMode {
    return this.context.settings.callerIdMode;
  }

  get playback(): PlaybackSummary {
    return this.streams.playback;
  }

  /** Misbehaviours switched on now. */
  get activeFaults(): Readonly<ModemSimFaults> {
    return { ...this.faults };
  }

  /** Switches misbehaviours on or off. */
  setFault(faults: Partial<ModemSimFaults>): void {
    Object.assign(this.faults, faults);
    this.context.forgetsCallerIdOnReset = this.faults.forgetCallerIdOnReset;
    this.logger.info({ faults: this.faults }, 'faults changed');
  }

  /**
   * Resets the modem by itself, as a dongle does after a brown-out: the saved profile is loaded as
   * by `ATZ`, without any output, so echo comes back on and (with forgetCallerIdOnReset) caller ID
   * goes off while the host still believes it is on.
   */
  resetSpontaneously(): void {
    this.logger.info('modem reset itself');
    this.context.settings = resetSettings(
      this.personality,
      this.context.settings,
      this.context.saved,
      !this.faults.forgetCallerIdOnReset,
    );
    this.lineBuffer.clear();
    this.setHook(false);
  }

  // World side

  /** Reports one ring: `RING` in data class, `<DLE>R` in voice class. Ignored while off-hook. */
  ring(): void {
    if (this.hook) {
      this.logger.debug('ring ignored: modem is off-hook');
      return;
    }
    if (this.voiceClass) this.sendEvent(DCE_EVENT.ring);
    else this.sendResult('RING');
  }

  /** Sends `text` and CR LF to the host exactly, in any state; '' sends a bare CR LF. */
  printLine(text: string): void {
    this.logger.debug({ text }, 'printing line');
    this.send(`${text}\r\n`);
  }

  /**
   * Prints caller ID as the personality formats it for the current `+VCID` mode. Ignored while
   * off-hook, because on-hook caller ID is only sent between rings.
   * @throws RangeError when date or time are not four digits.
   */
  printCallerId(fields: CallerIdFields): void {
    const text = renderCallerId(this.callerIdMode, fields, this.personality.callerIdSeparator);
    if (this.hook) {
      this.logger.debug('caller ID ignored: modem is off-hook');
      return;
    }
    if (text === '') this.logger.debug({ mode: this.callerIdMode }, 'caller ID not printed: +VCID is 0');
    this.send(text);
  }

  /**
   * Prints a received caller ID packet given in hex: as hex with `+VCID=2`, decoded with
   * `+VCID=1` (nothing if its checksum is wrong), nothing with 0.
   * @throws RangeError when `hex` is not hex.
   */
  printCallerIdRaw(hex: string): void {
    const { text, rejected } = renderRawCallerId(this.callerIdMode, hex, this.personality.callerIdSeparator);
    if (this.hook) {
      this.logger.debug('caller ID ignored: modem is off-hook');
      return;
    }
    if (rejected !== null) this.logger.info({ reason: rejected }, 'caller ID packet suppressed');
    this.send(text);
  }

  /**
   * Sets what the far end sends from now on: made-up speech, silence, or unsigned 8-bit samples
   * at 8000 per second, which play once and are followed by silence.
   */
  setFarEndAudio(source: FarEndAudioSource): void {
    this.streams.flushReceiveAudio();
    this.farEnd.setSource(source);
  }

  /**
   * Reports one key press: `<DLE>/`, the digit `repeats` times 70 ms apart, `<DLE>~`. Only off-hook
   * in voice class; a press during another press waits for it to end.
   * @throws RangeError for a key that is not one of 0-9 * # A-D or a repeat count below 1.
   */
  pressKey(digit: string, repeats = 2): void {
    validateKeyPress(digit, repeats);
    if (!this.hook || !this.voiceClass) {
      this.logger.debug({ digit }, 'key ignored: modem is not off-hook in voice class');
      return;
    }
    this.callEvents.pressKey(digit, repeats);
  }

  /**
   * Hangs up the far end: its audio becomes silence and, while the modem stays off-hook in voice
   * class, busy tone is reported as `<DLE>b` after 1.5 s and then every 4 s.
   */
  farEndHangUp(): void {
    this.setFarEndAudio('silence');
    if (this.hook && !this.faults.noBusyTone) this.callEvents.startBusyReports();
  }

  /** Cancels all timers and drops all listeners. */
  dispose(): void {
    this.disposed = true;
    this.timers.cancelAll();
    this.callEvents.end();
    this.streams.stop();
    this.hostListeners.clear();
    this.activityListeners.clear();
  }

  // Routing of host bytes

  private routeHostBytes(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (this.toneUntilDone || this.streams.finishing) {
      this.heldInput.push(bytes);
      return;
    }
    if (this.dataAnswerTimer !== null) {
      this.abortDataAnswer();
      return;
    }

    if (this.streams.kind === 'command') this.takeCommandBytes(bytes);
    else this.streams.take(bytes);
  }

  private takeCommandBytes(bytes: Buffer): void {
    for (let index = 0; index < bytes.length; index++) {
      const step = this.lineBuffer.push(bytes[index] as number);
      if (this.context.settings.echo && step.echo !== '') this.send(step.echo);
      if (step.line === undefined) continue;

      this.runCommandLine(step.line.body, step.line.tooLong);
      const stillTakingLines =
        this.streams.kind === 'command' && !this.toneUntilDone && this.dataAnswerTimer === null;
      if (!stillTakingLines) {
        this.routeHostBytes(bytes.subarray(index + 1));
        return;
      }
    }
  }

  private runCommandLine(body: string | null, tooLong: boolean): void {
    if (body === null) return;
    this.logger.debug({ command: `AT${body}` }, 'command line received');
    if (tooLong) {
      this.sendResult('ERROR');
      return;
    }

    this.context.offHook = this.hook;
    const result = executeCommandLine(body, this.context);
    this.send(result.output);
    this.applyEffects(result.effects, 0, result.finalResult);
  }

  /** Carries out the effects of a command line in order, then sends its final result code. */
  private applyEffects(
    effects: readonly CommandEffect[],
    from: number,
    finalResult: ResultCode | null,
  ): void {
    for (let index = from; index < effects.length; index++) {
      const effect = effects[index] as CommandEffect;
      switch (effect.kind) {
        case 'hook':
          this.setHook(effect.offHook);
          break;
        case 'reset':
          this.lineBuffer.clear();
          this.setHook(false);
          break;
        case 'answer-data':
          this.startDataAnswer();
          break;
        case 'tone':
          this.toneUntilDone = true;
          this.timers.schedule(effect.durationMs, () => {
            this.toneUntilDone = false;
            this.applyEffects(effects, index + 1, finalResult);
            this.takeHeldInput();
          });
          return;
        case 'transmit':
          if (finalResult !== null) this.sendResult(finalResult);
          this.streams.startTransmit(this.personality.underrunAfterTransmitConnect);
          this.emitActivity('playing');
          return;
        case 'receive':
          if (finalResult !== null) this.sendResult(finalResult);
          this.streams.startReceive(
            this.personality.honoursSilenceDetection ? this.context.settings.silence : null,
          );
          this.emitActivity('recording');
          return;
      }
    }
    if (finalResult !== null) this.sendResult(finalResult);
  }

  private takeHeldInput(): void {
    const held = this.heldInput;
    this.heldInput = [];
    for (const bytes of held) this.routeHostBytes(bytes);
  }

  // Line state

  private setHook(offHook: boolean): void {
    if (offHook === this.hook) return;
    this.hook = offHook;
    this.logger.info({ offHook }, offHook ? 'modem off-hook' : 'modem on-hook');

    if (!offHook) this.endCall();
    this.emitActivity(offHook ? 'off-hook' : 'on-hook');
  }

  /** Ends what belongs to the call on the line: busy reports, key presses, data answer, far-end audio. */
  private endCall(): void {
    this.callEvents.end();
    this.dataAnswerTimer?.cancel();
    this.dataAnswerTimer = null;
    this.farEnd.setSource('silence');
  }

  /**
   * `ATA` in data class: the modem goes off-hook and listens for a carrier. None comes, so after
   * S7 seconds it sends NO CARRIER and hangs up; any byte from the host aborts it sooner (Hayes).
   */
  private startDataAnswer(): void {
    this.setHook(true);
    const waitMs = (this.context.settings.registers[7] ?? 0) * 1000;
    this.dataAnswerTimer = this.timers.schedule(waitMs, () => this.abortDataAnswer());
  }

  private abortDataAnswer(): void {
    this.dataAnswerTimer?.cancel();
    this.dataAnswerTimer = null;
    this.sendResult('NO CARRIER');
    this.setHook(false);
  }

  // Output

  private sendEvent(code: number): void {
    this.streams.flushReceiveAudio();
    this.send(shieldedEvent(code));
  }

  private sendResult(code: ResultCode): void {
    if (this.faults.garbage) this.send(GARBAGE_BURST);
    this.send(frameResultCode(code, this.context.settings));
  }

  private send(data: string | Buffer): void {
    if (this.disposed || data.length === 0) return;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    for (const listener of this.hostListeners) {
      try {
        listener(bytes);
      } catch (error) {
        this.logger.error({ err: error }, 'host data listener failed');
      }
    }
  }

  private emitActivity(activity: ModemSimActivity): void {
    for (const listener of this.activityListeners) {
      try {
        listener(activity);
      } catch (error) {
        this.logger.error({ err: error, activity }, 'activity listener failed');
      }
    }
  }
}
