/**
 * Everything one call needs: the hardware, the stores, the prompts, and the record of what
 * happened, which becomes the call-log entry when the call ends.
 */
import { randomUUID } from 'node:crypto';

import type { Config } from '../config/schema.js';
import type { Board } from '../hardware/board.js';
import type { VoiceModem } from '../modem/voiceModem.js';
import type { NumberContext } from '../policy/numbers.js';
import type { CallLog, CallRecord } from '../storage/callLog.js';
import { newCallRecord } from '../storage/callRecord.js';
import type { ListStore } from '../storage/lists.js';
import type { MessageStore } from '../storage/messages.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/log.js';
import type { PromptLibrary, PromptName } from './prompts.js';

/** The states of one call, logged on every change. */
export type CallState =
  | 'waiting-for-caller-id'
  | 'deciding'
  | 'ringing-desk'
  | 'ringing-out'
  | 'refusing'
  | 'robot-check'
  | 'asking-name'
  | 'holding'
  | 'announcing'
  | 'connecting'
  | 'voicemail'
  | 'rejecting'
  | 'ended';

/** What a call needs from the daemon. */
export interface CallDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  line: VoiceModem;
  phone: VoiceModem;
  board: Board;
  lists: ListStore;
  callLog: CallLog;
  messages: MessageStore;
  prompts: PromptLibrary;
  numberContext: NumberContext;
  /** A random number in [0, 1), passed in so that tests can fix it. */
  random: () => number;
  /** Real (unscaled) milliseconds, for measuring processing time. */
  realNow: () => number;
  /** Wall-clock time for the call log. */
  wallNow: () => Date;
}

export class CallContext {
  readonly id = randomUUID();
  readonly logger: Logger;
  readonly record: CallRecord;
  state: CallState = 'waiting-for-caller-id';
  private readonly startedAt: number;
  private callerIdEndedAt: number | null = null;

  constructor(readonly deps: CallDeps) {
    this.logger = deps.logger.child({ callId: this.id });
    this.startedAt = deps.clock.now();
    this.record = newCallRecord(this.id, deps.wallNow().toISOString());
  }

  /** Moves to `state` and logs the change. */
  enter(state: CallState): void {
    if (state === this.state) return;
    this.logger.info({ from: this.state, state }, 'call state');
    this.state = state;
  }

  /** Marks the moment caller ID ended (or the wait for it did), from which decisionMs counts. */
  markCallerIdEnd(): void {
    this.callerIdEndedAt = this.deps.realNow();
  }

  /** Records the first action on the hardware after the decision, once. */
  markFirstAction(): void {
    if (this.record.decisionMs !== null || this.callerIdEndedAt === null) return;
    this.record.decisionMs = Math.round((this.deps.realNow() - this.callerIdEndedAt) * 1000) / 1000;
  }

  /** Answers the line (off-hook in voice mode). */
  async answerLine(): Promise<void> {
    this.markFirstAction();
    this.record.lineAnswered = true;
    await this.deps.line.answer();
  }

  /** Starts ringing the desk phone with `cadence`. */
  ringDesk(cadence: readonly number[]): void {
    this.markFirstAction();
    this.record.deskRang = true;
    this.deps.board.phonePort.startRinging(cadence);
  }

  /** Returns the audio of one or more prompts played in a row to `side`, and logs which ones. */
  prompt(side: 'line' | 'desk', ...names: PromptName[]): Buffer {
    this.logger.info({ side, prompts: names }, 'playing prompt');
    return Buffer.concat(names.map((name) => this.deps.prompts.get(name)));
  }

  note(text: string): void {
    this.record.notes.push(text);
  }

  /** Completes the record with its end time and duration. */
  finish(): CallRecord {
    this.record.endedAt = this.deps.wallNow().toISOString();
    this.record.durationMs = Math.round(this.deps.clock.now() - this.startedAt);
    return this.record;
  }
}
