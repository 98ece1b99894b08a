/**
 * One incoming call from the first ring (or caller ID) to the call-log entry. The session waits for
 * caller ID, decides with the policy, runs the allow, block or screen path, and always ends with
 * the relay, the ringing and both modems back in their idle state.
 */
import type { CallerId } from '../protocol/callerId.js';
import { REGION_FACTS } from '../config/regions.js';
import { decide } from '../policy/decide.js';
import { normaliseCallerNumber } from '../policy/numbers.js';
import { localTimeOf } from '../policy/schedule.js';
import type { CallRecord } from '../storage/callLog.js';
import { errorMessage } from '../util/errors.js';
import { TIMEOUTS } from '../util/timeouts.js';
import { Listeners } from '../util/listeners.js';
import { CallContext, type CallDeps } from './context.js';
import { CallerPresence } from './callerPresence.js';
import { specialInformationTone } from './informationTone.js';
import { runScreening } from './screening.js';
import { runVoicemail } from './voicemail.js';
import { waitForFirst } from './waiting.js';

/** Result of a session: the record, and whether the desk phone was left connected to the line. */
export interface SessionResult {
  record: CallRecord;
  deskOnLine: boolean;
}

/** Start of a call: a ring, or caller ID before any ring (UK lines). */
export type CallStart = { kind: 'ring' } | { kind: 'caller-id'; callerId: CallerId };

export class CallSession {
  readonly context: CallContext;
  private readonly presence: CallerPresence;
  private deskOnLine = false;

  constructor(
    private readonly deps: CallDeps,
    private readonly callerIds: Listeners<CallerId>,
  ) {
    this.context = new CallContext(deps);
    this.presence = new CallerPresence(deps.line, deps.clock, REGION_FACTS[deps.config.region].giveUpGapMs);
  }

  get id(): string {
    return this.context.id;
  }

  /** Runs the call to its end. Never throws: errors are logged and noted in the record. */
  async run(start: CallStart): Promise<SessionResult> {
    const { context } = this;
    context.logger.info({ start: start.kind }, 'call started');

    try {
      const callerId = start.kind === 'caller-id' ? start.callerId : await this.waitForCallerId();
      context.markCallerIdEnd();
      if (this.presence.gone) {
        context.record.outcome = 'caller-hung-up';
        context.note('The caller hung up before caller ID was complete.');
      } else {
        await this.decideAndAct(callerId);
      }
    } catch (error) {
      context.logger.error({ err: errorMessage(error), state: context.state }, 'call failed');
      context.note(`Error in state ${context.state}: ${errorMessage(error)}`);
    } finally {
      await this.cleanUp();
    }

    const record = context.finish();
    context.logger.info(
      {
        decision: record.decision,
        outcome: record.outcome,
        number: record.number,
        rule: record.rule,
        decisionMs: record.decisionMs,
      },
      'call ended',
    );
    return { record, deskOnLine: this.deskOnLine };
  }

  private async waitForCallerId(): Promise<CallerId | null> {
    const { deps, context } = this;
    context.enter('waiting-for-caller-id');
    const waitMs = REGION_FACTS[deps.config.region].callerIdWaitMs;

    // A second ring without caller ID means none is coming (NCID decides the same way).
    const result = await waitForFirst<CallerId | 'none'>(deps.clock, waitMs, 'none', [
      (settle) => this.callerIds.add((callerId) => settle(callerId)),
      (settle) =>
        deps.line.rings.add(() => {
          if (this.presence.rings >= 1) settle('none');
        }),
      this.presence.whenGone<'none'>('none'),
    ]);
    if (result === 'none') {
      context.logger.info({ rings: this.presence.rings }, 'no caller ID arrived');
      return null;
    }
    return result;
  }

  private async decideAndAct(callerId: CallerId | null): Promise<void> {
    const { deps, context } = this;
    context.enter('deciding');

    const status = callerId?.status ?? 'absent';
    const rawNumber = callerId?.number ?? null;
    const e164 =
      rawNumber && status === 'present' ? normaliseCallerNumber(rawNumber, deps.numberContext) : null;
    context.record.rawCallerId = callerId?.raw ?? [];
    context.record.rawNumber = rawNumber;
    context.record.number = e164;
    context.record.name = callerId?.name ?? null;
    context.record.callerIdStatus = status;

    // A console in another process may have changed the lists a moment ago, so check with one stat.
    await deps.lists.reload().catch((error: unknown) => {
      context.logger.error(
        { err: errorMessage(error) },
        'reloading the lists failed; deciding with the lists in memory',
      );
    });
    const time = localTimeOf(deps.wallNow());
    const result = decide({ e164, status, index: deps.lists.index(), settings: deps.config.policy, time });
    const decision = result.decision === 'voicemail' ? 'screen' : result.decision;
    context.record.decision = decision;
    context.record.rule = result.rule;
    if (result.entry) context.record.name = result.entry.name || context.record.name;
    context.logger.info(
      { decision: result.decision, rule: result.rule, number: e164, status },
      'call decided',
    );

    if (result.decision === 'allow') await this.allow();
    else if (result.decision === 'block') await this.block();
    else if (result.decision === 'voicemail') await this.voicemailDirect();
    else this.deskOnLine = await runScreening(context, this.presence);
  }

  private async allow(): Promise<void> {
    const { deps, context } = this;
    context.enter('ringing-desk');
    context.ringDesk(REGION_FACTS[deps.config.region].ringCadence);

    const result = await waitForFirst<'picked-up' | 'gone' | 'timeout'>(
      deps.clock,
      TIMEOUTS.allowRingMax,
      'timeout',
      [
        (settle) =>
          deps.board.phonePort.onHookChange((state) => {
            if (state === 'off-hook') settle('picked-up');
          }),
        this.presence.whenGone('gone'),
      ],
    );
    deps.board.phonePort.stopRinging();

    if (result === 'picked-up') {
      // The desk phone answers the ringing wall line as soon as the relay connects it.
      await deps.board.relay.setHeld(false);
      this.deskOnLine = true;
      context.record.outcome = 'connected';
      return;
    }
    context.record.outcome = 'missed';
    context.logger.info({ number: context.record.number }, 'missed allowed call');
  }

  private async block(): Promise<void> {
    const { deps, context } = this;
    const action = deps.config.policy.blockAction;

    if (action === 'ring-out') {
      context.enter('ringing-out');
      await waitForFirst(deps.clock, TIMEOUTS.allowRingMax, 'timeout', [this.presence.whenGone('gone')]);
      context.record.outcome = 'ignored';
      return;
    }

    if (action === 'voicemail') {
      await this.voicemailDirect();
      return;
    }

    context.enter('refusing');
    await context.answerLine();
    this.presence.lineAnswered();
    if (action === 'refuse') {
      await deps.line.play(context.prompt('line', 'refusal'), {
        bargeIn: false,
        signal: this.presence.signal,
      });
    } else if (action === 'sit') {
      context.logger.info({ side: 'line' }, 'playing the special information tone');
      await deps.line.play(specialInformationTone(), { bargeIn: false, signal: this.presence.signal });
    } else {
      await deps.clock.sleep(TIMEOUTS.blockHangUpPause);
    }
    await deps.line.hangUp();
    context.record.outcome = 'rejected';
  }

  private async voicemailDirect(): Promise<void> {
    const { context } = this;
    await context.answerLine();
    this.presence.lineAnswered();
    await runVoicemail(context, this.presence);
  }

  private async cleanUp(): Promise<void> {
    const { deps, context } = this;
    this.presence.dispose();
    deps.board.phonePort.stopRinging();
    if (deps.phone.offHook) await deps.phone.hangUp();
    if (deps.line.offHook) await deps.line.hangUp();
    if (!this.deskOnLine) {
      try {
        await deps.board.relay.setHeld(true);
      } catch (error) {
        context.logger.error(
          { err: errorMessage(error) },
          'relay could not hold the desk phone after the call',
        );
      }
    }
    context.enter('ended');
  }
}
