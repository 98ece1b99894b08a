/**
 * The daemon: owns the hardware between calls. In idle the relay holds the desk phone, so that
 * the first ring of an unknown call never reaches it. A ring or caller ID starts a call session;
 * the desk phone going off-hook in idle releases the relay at once, so outgoing and emergency calls
 * always work. Whatever goes wrong, the relay is released (the desk phone is a plain phone again).
 */
import type { CallerId } from '../protocol/callerId.js';
import { CallerIdCollector } from '../call/callerIdCollector.js';
import type { CallDeps } from '../call/context.js';
import { recordPromptAtDesk, type PromptRecordingResult } from '../call/promptRecording.js';
import type { PromptName } from '../call/prompts.js';
import { CallSession, type CallStart } from '../call/session.js';
import { normaliseCallerNumber } from '../policy/numbers.js';
import type { CallRecord } from '../storage/callLog.js';
import { newCallRecord } from '../storage/callRecord.js';
import type { VoiceModem } from '../modem/voiceModem.js';
import { errorMessage, type VorzimmerError } from '../util/errors.js';
import type { Timer } from '../util/clock.js';
import { Listeners } from '../util/listeners.js';
import { TIMEOUTS } from '../util/timeouts.js';
import { ModemRecovery, type ModemSide, type RecoveryHost } from './modemRecovery.js';
import { fileSystemPathCheck, type PathCheck } from './pathPoller.js';

/**
 * `degraded`: a modem is unusable and being recovered, the desk phone is a plain phone meanwhile.
 * `failed`: the recovery gave up; the process should exit so that systemd restarts it.
 * `prompt-recording`: the desk phone records a prompt on the box's own loop.
 */
export type DaemonState =
  'starting' | 'idle' | 'in-call' | 'desk-call' | 'prompt-recording' | 'degraded' | 'failed' | 'stopped';

/** Outcome of an armed prompt recording: recorded (or not) at the desk, expired, or cancelled by a call. */
export type PromptArmingResult =
  | PromptRecordingResult
  | { kind: 'expired'; name: PromptName }
  | { kind: 'cancelled'; name: PromptName; reason: 'ring' | 'rearmed' | 'stopped' };

interface PromptArming {
  name: PromptName;
  onDone: (result: PromptArmingResult) => void;
  timer: Timer;
}

/** Exit status for a daemon whose modems cannot be recovered (EX_UNAVAILABLE of sysexits.h). */
export const EXIT_MODEMS_FAILED = 69;

/** Opens and sets up both modems; called at start and again after a failure. */
export type ModemOpener = () => Promise<{ line: VoiceModem; phone: VoiceModem }>;

export type DaemonDeps = Omit<CallDeps, 'line' | 'phone'>;

export interface DaemonOptions {
  /** Tells whether a modem's device path exists, for reopening a vanished USB modem; the file system's by default. */
  pathCheck?: PathCheck;
}

export class Daemon {
  readonly callEnded = new Listeners<CallRecord>();
  readonly stateChanged = new Listeners<DaemonState>();
  /** Emitted once when the modem recovery gives up; the owner of the process should exit with EXIT_MODEMS_FAILED. */
  readonly failed = new Listeners<VorzimmerError>();
  private stateValue: DaemonState = 'starting';
  private modems: { line: VoiceModem; phone: VoiceModem } | null = null;
  private session: CallSession | null = null;
  private readonly sessionCallerIds = new Listeners<CallerId>();
  private readonly collector: CallerIdCollector;
  private readonly stops: (() => void)[] = [];
  private modemStops: (() => void)[] = [];
  private readonly recovery: ModemRecovery;
  private sessionDone: Promise<void> = Promise.resolve();
  private promptArming: PromptArming | null = null;
  private readonly stopping = new AbortController();

  constructor(
    private readonly deps: DaemonDeps,
    private readonly openModems: ModemOpener,
    options: DaemonOptions = {},
  ) {
    this.collector = new CallerIdCollector(deps.clock, deps.logger, (callerId) => this.onCallerId(callerId));
    this.recovery = new ModemRecovery(this.recoveryHost(), {
      clock: deps.clock,
      logger: deps.logger.child({ module: 'modem-recovery' }),
      region: deps.config.region,
      paths: { line: deps.config.modems.line.path, phone: deps.config.modems.phone.path },
      pathCheck: options.pathCheck ?? fileSystemPathCheck,
    });
    this.callEnded.add((record) => this.recovery.callEnded(record));
  }

  get state(): DaemonState {
    return this.stateValue;
  }

  /** Starts the daemon: pins safe, modems set up, then the relay holds the desk phone. */
  async start(): Promise<void> {
    const { board, logger, messages } = this.deps;
    await board.safeState();

    this.stops.push(board.phonePort.onHookChange((state) => this.onDeskHook(state)));
    if (board.lineSense) this.stops.push(board.lineSense.onChange((offHook) => this.onLineSense(offHook)));
    this.stops.push(messages.onChange(() => this.updateMessageLed()));
    this.updateMessageLed();

    await this.connectModems();
    this.recovery.start();
    logger.info({ state: this.state }, 'daemon started');
  }

  /** Stops the daemon and leaves every pin in its safe state. */
  async stop(): Promise<void> {
    this.recovery.stop();
    this.cancelPromptArming('stopped');
    this.stopping.abort();
    this.setState('stopped');
    for (const stop of this.stops) stop();
    await this.sessionDone.catch(() => undefined);
    await this.deps.board.safeState();
    await this.closeModems();
    this.deps.logger.info('daemon stopped');
  }

  private async connectModems(): Promise<void> {
    const { logger, board } = this.deps;
    try {
      await this.installModems(await this.openModems());
    } catch (error) {
      logger.error(
        { err: errorMessage(error) },
        'modem set-up failed; the desk phone stays connected to the line until it works',
      );
      await board.safeState();
      this.setState('degraded');
      this.recovery.startFailed(error);
    }
  }

  /** Takes freshly set-up modems into use: listeners on, relay holding the desk phone, idle. */
  private async installModems(modems: { line: VoiceModem; phone: VoiceModem }): Promise<void> {
    this.modems = modems;
    this.watchModem(modems.line, 'line');
    this.watchModem(modems.phone, 'phone');
    await this.holdAndIdle();
  }

  private async holdAndIdle(): Promise<void> {
    await this.deps.board.relay.setHeld(true);
    this.setState('idle');
    this.deps.board.leds.set('ready', true);
  }

  private watchModem(modem: VoiceModem, side: ModemSide): void {
    const stops = [
      modem.channel.onDisconnect((error) => {
        for (const stop of stops) stop();
        if (this.stateValue === 'stopped' || this.stateValue === 'failed') return;
        this.recovery.disconnected(side, error);
      }),
    ];
    if (side === 'line') {
      stops.push(modem.rings.add(() => this.onRing()));
      stops.push(modem.callerIdLines.add((line) => this.collector.pushLine(line)));
      stops.push(modem.blankLines.add(() => this.collector.endOfBlock()));
      stops.push(modem.extensionHook.add((offHook) => this.onLineSense(offHook)));
    }
    this.modemStops.push(...stops);
  }

  /** Closes the modems in use, after removing the daemon's listeners so that the close is no disconnect report. */
  private async closeModems(): Promise<void> {
    for (const stop of this.modemStops) stop();
    this.modemStops = [];
    const modems = this.modems;
    this.modems = null;
    if (modems) await Promise.allSettled([modems.line.close(), modems.phone.close()]);
  }

  private recoveryHost(): RecoveryHost {
    return {
      isIdle: () => this.stateValue === 'idle',
      currentModems: () => this.modems,
      suspend: async (reason) => {
        this.deps.board.leds.set('ready', false);
        await this.deps.board.safeState();
        this.deps.logger.warn({ reason }, 'relay released while the modems are unusable');
        this.setState('degraded');
      },
      resume: () => this.holdAndIdle(),
      reopen: async () => {
        await this.closeModems();
        await this.installModems(await this.openModems());
      },
      fail: async (error) => {
        this.deps.logger.fatal(
          { err: error.message, code: error.code, exitCode: EXIT_MODEMS_FAILED },
          'modem recovery gave up; the desk phone stays connected to the line, and the daemon must be restarted',
        );
        await this.closeModems();
        await this.deps.board.safeState();
        this.setState('failed');
        this.failed.emit(error);
      },
    };
  }

  /**
   * Arms a prompt recording for TIMEOUTS.promptRecordingArmed: the next time the desk phone goes
   * off-hook in idle, it records prompt `name` instead of getting the line. A ring, a later call
   * of this method or the end of the time cancels the arming. `onDone` is called once with the
   * result.
   */
  armPromptRecording(name: PromptName, onDone: (result: PromptArmingResult) => void): void {
    this.cancelPromptArming('rearmed');
    const timer = this.deps.clock.setTimeout(() => {
      if (this.promptArming?.timer !== timer) return;
      this.promptArming = null;
      this.deps.logger.info({ prompt: name }, 'prompt recording not started in time: arming expired');
      onDone({ kind: 'expired', name });
    }, TIMEOUTS.promptRecordingArmed);
    this.promptArming = { name, onDone, timer };
    this.deps.logger.info({ prompt: name }, 'prompt recording armed: waiting for the desk phone');
  }

  private cancelPromptArming(reason: 'ring' | 'rearmed' | 'stopped'): void {
    const arming = this.promptArming;
    if (!arming) return;
    this.promptArming = null;
    arming.timer.cancel();
    this.deps.logger.info({ prompt: arming.name, reason }, 'prompt recording arming cancelled');
    arming.onDone({ kind: 'cancelled', name: arming.name, reason });
  }

  /** Records the armed prompt on the phone-side modem, then gives the desk phone the line if it is still off-hook. */
  private startPromptRecording(arming: PromptArming, phone: VoiceModem): void {
    this.promptArming = null;
    arming.timer.cancel();
    this.setState('prompt-recording');

    const recording = recordPromptAtDesk(
      {
        phone,
        board: this.deps.board,
        prompts: this.deps.prompts,
        config: this.deps.config,
        logger: this.deps.logger,
        signal: this.stopping.signal,
      },
      arming.name,
    );
    this.sessionDone = recording.then(async (result) => {
      if (this.stateValue === 'prompt-recording') await this.leavePromptRecording();
      arming.onDone(result);
    });
  }

  /** Ends the recording state: the line for a desk phone still off-hook, idle otherwise. */
  private async leavePromptRecording(): Promise<void> {
    if (this.deps.board.phonePort.hook !== 'off-hook') {
      this.setState('idle');
      return;
    }
    this.setState('desk-call');
    try {
      await this.deps.board.relay.setHeld(false);
      this.deps.logger.info('desk phone still off-hook after the prompt recording: connected to the line');
    } catch (error) {
      this.deps.logger.error({ err: errorMessage(error) }, 'relay release failed');
    }
  }

  private onRing(): void {
    if (this.stateValue === 'idle') {
      this.cancelPromptArming('ring');
      this.collector.endOfBlock();
      if (this.stateValue === 'idle') this.startSession({ kind: 'ring' });
      return;
    }
    if (this.stateValue === 'in-call') {
      this.collector.endOfBlock();
      return;
    }
    if (this.stateValue === 'desk-call' && !this.deps.board.lineSense) {
      // The exchange rings only an idle line, so without a loop-current sense a ring means the
      // desk phone is back on-hook: hold it again and treat the ring as a new call.
      this.deps.logger.info('ring while the desk phone was on the line: it must be on-hook again');
      void this.holdDeskPhone().then(() => this.startSession({ kind: 'ring' }));
    }
  }

  private onCallerId(callerId: CallerId): void {
    switch (this.stateValue) {
      case 'idle':
        this.cancelPromptArming('ring');
        this.startSession({ kind: 'caller-id', callerId });
        return;
      case 'in-call':
        this.sessionCallerIds.emit(callerId);
        return;
      case 'desk-call':
        void this.logUnanswered(
          callerId,
          'Caller ID arrived while the desk phone was on the line (call waiting); not answered.',
        );
        return;
      default:
        this.deps.logger.warn({ state: this.stateValue }, 'caller ID ignored');
    }
  }

  private startSession(start: CallStart): void {
    const modems = this.modems;
    if (!modems) return;
    const session = new CallSession({ ...this.deps, ...modems }, this.sessionCallerIds);
    this.session = session;
    this.setState('in-call');

    this.sessionDone = session.run(start).then(async (result) => {
      this.session = null;
      await this.appendRecord(result.record);
      // A recovery that began during the call owns the state now.
      if (this.stateValue === 'stopped' || this.stateValue === 'failed' || this.recovery.active) return;
      if (result.deskOnLine) {
        this.setState('desk-call');
      } else if (this.deps.board.phonePort.hook === 'off-hook') {
        // The desk phone was left off-hook on the local loop: give it the wall line's dial tone.
        await this.deps.board.relay.setHeld(false);
        this.setState('desk-call');
      } else {
        this.setState('idle');
      }
    });
  }

  private onDeskHook(state: 'on-hook' | 'off-hook'): void {
    if (state !== 'off-hook' || this.stateValue !== 'idle' || !this.deps.board.relay.held) return;
    if (this.promptArming && this.modems) {
      this.startPromptRecording(this.promptArming, this.modems.phone);
      return;
    }
    // Outgoing and emergency calls: connect the desk phone to the line at once.
    this.setState('desk-call');
    this.deps.board.relay.setHeld(false).catch((error: unknown) => {
      this.deps.logger.error({ err: errorMessage(error) }, 'relay release failed');
    });
    this.deps.logger.info('desk phone off-hook in idle: connected to the line');
  }

  private onLineSense(offHook: boolean): void {
    if (offHook || this.stateValue !== 'desk-call') return;
    this.deps.logger.info('desk phone on-hook on the line: holding it again');
    void this.holdDeskPhone();
  }

  private async holdDeskPhone(): Promise<void> {
    try {
      await this.deps.board.relay.setHeld(true);
      this.setState('idle');
    } catch (error) {
      this.deps.logger.error({ err: errorMessage(error) }, 'relay could not hold the desk phone');
    }
  }

  private async logUnanswered(callerId: CallerId, note: string): Promise<void> {
    const record = newCallRecord(`waiting-${Date.now()}`, this.deps.wallNow().toISOString());
    record.rawCallerId = callerId.raw;
    record.rawNumber = callerId.number;
    record.number =
      callerId.number && callerId.status === 'present'
        ? normaliseCallerNumber(callerId.number, this.deps.numberContext)
        : null;
    record.name = callerId.name;
    record.callerIdStatus = callerId.status;
    record.notes.push(note);
    await this.appendRecord(record);
  }

  private async appendRecord(record: CallRecord): Promise<void> {
    try {
      await this.deps.callLog.append(record);
    } catch (error) {
      this.deps.logger.error({ callId: record.id, err: errorMessage(error) }, 'writing the call log failed');
    }
    this.callEnded.emit(record);
  }

  private updateMessageLed(): void {
    this.deps.board.leds.set('message', this.deps.messages.unheardCount() > 0);
  }

  private setState(state: DaemonState): void {
    if (state === this.stateValue) return;
    this.deps.logger.info({ from: this.stateValue, state }, 'daemon state');
    this.stateValue = state;
    this.deps.board.leds.set('call', state === 'in-call' || state === 'desk-call');
    this.stateChanged.emit(state);
  }
}
