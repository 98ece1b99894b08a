/**
 * Recovery of the modems, as a ladder: a modem that stops answering is reset (`ATZ` and the whole
 * set-up), then its port is reopened, and if that fails too the daemon fails loudly so that
 * systemd restarts it. A modem that vanishes (the link closes with an error, as an unplugged USB
 * modem's does) is reopened when its stable path is back. Calls that keep arriving without caller
 * ID where the exchange sends it get a new set-up of the line modem. While a modem is unusable the
 * relay stays released, so the desk phone works as a plain phone.
 */
import { REGION_FACTS, type Region } from '../config/regions.js';
import type { VoiceModem } from '../modem/voiceModem.js';
import type { CallRecord } from '../storage/callLog.js';
import type { Clock, Timer } from '../util/clock.js';
import { errorMessage, isVorzimmerError, VorzimmerError } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import { TIMEOUTS } from '../util/timeouts.js';
import { pollDelayMs, waitForPaths, type PathCheck } from './pathPoller.js';

/** Calls in a row without caller ID, where the region has it, before the line modem is set up again. */
export const CALLS_WITHOUT_CALLER_ID_LIMIT = 3;

/** Failed reopens of a present modem before the daemon gives up. */
export const REOPEN_ATTEMPT_LIMIT = 3;

export type ModemSide = 'line' | 'phone';

/** Cause of a recovery, for the log. */
export type RecoveryCause = 'unresponsive' | 'disconnected' | 'start-failed' | 'caller-id-missing';

/** Daemon operations that the recovery uses. */
export interface RecoveryHost {
  /** Whether the daemon is idle with the relay holding the desk phone, so a recovery may begin. */
  isIdle(): boolean;
  currentModems(): { line: VoiceModem; phone: VoiceModem } | null;
  /** Releases the relay, so the desk phone is a plain phone, and marks the daemon degraded. */
  suspend(reason: string): Promise<void>;
  /** Holds the desk phone again with the current modems and goes idle. */
  resume(): Promise<void>;
  /** Closes the current modems, opens and sets up new ones, and resumes. Throws when that fails. */
  reopen(): Promise<void>;
  /** Gives up: the daemon logs the error, stays in its safe state and reports the failure. */
  fail(error: VorzimmerError): Promise<void>;
}

export interface RecoveryOptions {
  clock: Clock;
  logger: Logger;
  region: Region;
  paths: Readonly<Record<ModemSide, string>>;
  pathCheck: PathCheck;
}

/** Watches the modems and runs the recovery ladder; one recovery at a time. */
export class ModemRecovery {
  private readonly controller = new AbortController();
  private heartbeatTimer: Timer | null = null;
  private running: Promise<void> | null = null;
  private callsWithoutCallerId = 0;
  private callerIdSetupDue = false;

  constructor(
    private readonly host: RecoveryHost,
    private readonly options: RecoveryOptions,
  ) {}

  /** Whether a recovery is in progress; the daemon then leaves the state to it. */
  get active(): boolean {
    return this.running !== null;
  }

  /** Starts the heartbeat probe of idle modems. */
  start(): void {
    this.scheduleHeartbeat();
  }

  stop(): void {
    this.controller.abort();
    this.heartbeatTimer?.cancel();
  }

  /** Starts the recovery after the modems could not be opened or set up at start. */
  startFailed(error: unknown): void {
    this.run('start-failed', errorMessage(error), () => this.reopenWhenPresent(0));
  }

  /** Starts the recovery for a modem whose link closed with an error, as an unplugged USB modem's does. */
  disconnected(side: ModemSide, error: Error | null): void {
    const reason = `modem ${side} on ${this.options.paths[side]} went away: ${error ? errorMessage(error) : 'closed'}`;
    this.run('disconnected', reason, () => this.reopenWhenPresent(0));
  }

  /**
   * Counts calls that came without caller ID, and checks the modems once the call is over. After
   * CALLS_WITHOUT_CALLER_ID_LIMIT such calls in a row, where the region's exchange sends caller ID,
   * the line modem is set up again, because it has most likely forgotten `AT+VCID=1`.
   */
  callEnded(record: CallRecord): void {
    if (REGION_FACTS[this.options.region].callerIdExpected) {
      this.callsWithoutCallerId = record.callerIdStatus === 'absent' ? this.callsWithoutCallerId + 1 : 0;
      if (this.callsWithoutCallerId >= CALLS_WITHOUT_CALLER_ID_LIMIT) {
        this.options.logger.warn(
          { calls: this.callsWithoutCallerId, region: this.options.region },
          'calls keep arriving without caller ID although the exchange sends it; the line modem will be set up again (it may have forgotten AT+VCID=1)',
        );
        this.callsWithoutCallerId = 0;
        this.callerIdSetupDue = true;
      }
    }
    // The daemon becomes idle right after the record is written.
    this.options.clock.setTimeout(() => void this.checkWhenIdle(), TIMEOUTS.hookSettle);
  }

  /** Probes both modems with `AT` now, if the daemon is idle; a modem that does not answer starts the ladder. */
  async checkWhenIdle(): Promise<void> {
    if (!this.host.isIdle() || this.running !== null || this.controller.signal.aborted) return;
    const modems = this.host.currentModems();
    if (modems === null) return;

    if (this.callerIdSetupDue) {
      this.callerIdSetupDue = false;
      this.run('caller-id-missing', 'calls arrived without caller ID', () => this.resetThenReopen('line'));
      return;
    }

    for (const side of ['line', 'phone'] as const) {
      if (!(await this.answers(modems[side]))) {
        this.run('unresponsive', `modem ${side} on ${this.options.paths[side]} does not answer AT`, () =>
          this.resetThenReopen(side),
        );
        return;
      }
    }
  }

  private async answers(modem: VoiceModem): Promise<boolean> {
    try {
      await modem.channel.send('AT', { timeoutMs: TIMEOUTS.atCommand, allowError: true });
      return true;
    } catch (error) {
      // A disconnect has its own report; only silence counts here.
      return !isVorzimmerError(error, 'MODEM_TIMEOUT');
    }
  }

  private run(cause: RecoveryCause, reason: string, ladder: () => Promise<void>): void {
    if (this.running !== null || this.controller.signal.aborted) {
      this.options.logger.info({ cause, reason }, 'recovery already running; this report joins it');
      return;
    }
    this.options.logger.warn(
      { cause, reason },
      'modem recovery started; the desk phone is connected to the line meanwhile',
    );

    this.running = (async () => {
      await this.host.suspend(reason);
      await ladder();
    })()
      .catch(async (error: unknown) => {
        const failure = isVorzimmerError(error)
          ? error
          : new VorzimmerError('MODEM_PROTOCOL', `Modem recovery failed: ${errorMessage(error)}`, {
              cause: error,
            });
        await this.host.fail(failure);
      })
      .finally(() => {
        this.running = null;
        this.scheduleHeartbeat();
      });
  }

  /** Step 1: `ATZ` and the whole set-up on the open port. Step 2: reopen. Step 3: fail. */
  private async resetThenReopen(side: ModemSide): Promise<void> {
    const { logger, paths } = this.options;
    const modem = this.host.currentModems()?.[side];

    if (modem !== undefined) {
      logger.warn({ modem: side, step: 1 }, 'resetting the modem: ATZ and the whole set-up');
      try {
        const profile = await modem.setup();
        if (side === 'line' && !profile.callerIdEnabled) {
          logger.warn({ modem: side }, 'caller ID is still off after the new set-up; see the warnings above');
        }
        await this.host.resume();
        logger.info({ modem: side, step: 1 }, 'modem recovered by a reset');
        return;
      } catch (error) {
        logger.error({ modem: side, step: 1, err: errorMessage(error) }, 'modem reset failed');
      }
    }

    logger.warn({ modem: side, step: 2, path: paths[side] }, 'reopening the modem ports');
    try {
      await this.host.reopen();
      logger.info({ modem: side, step: 2 }, 'modem recovered by reopening its port');
    } catch (error) {
      throw new VorzimmerError(
        'MODEM_TIMEOUT',
        `Modem ${side} on ${paths[side]} does not answer after a reset and a reopen of its port: ${errorMessage(error)}. ` +
          'Unplug it and plug it in again, or check that no other program (such as ModemManager) uses the port.',
        { cause: error },
      );
    }
  }

  /**
   * Waits for both paths to exist, then reopens. A port that cannot be opened is retried without
   * limit, because the device may still be settling. Any other failure counts, and after
   * REOPEN_ATTEMPT_LIMIT of them the daemon gives up.
   */
  private async reopenWhenPresent(firstAttempt: number): Promise<void> {
    const { clock, logger, paths, pathCheck } = this.options;
    const signal = this.controller.signal;
    let attempt = firstAttempt;
    let failures = 0;

    for (;;) {
      const present = await waitForPaths(Object.values(paths), {
        check: pathCheck,
        clock,
        logger,
        signal,
        firstAttempt: attempt,
      });
      if (!present) return;

      try {
        await this.host.reopen();
        logger.info({ attempt: attempt + 1 }, 'modems reopened');
        return;
      } catch (error) {
        if (!isVorzimmerError(error, 'MODEM_DISCONNECTED')) failures++;
        logger.error(
          { attempt: attempt + 1, failures, err: errorMessage(error) },
          'reopening the modems failed',
        );
        if (failures >= REOPEN_ATTEMPT_LIMIT) {
          throw new VorzimmerError(
            'MODEM_TIMEOUT',
            `The modems are plugged in but could not be set up ${failures} times: ${errorMessage(error)}`,
            { cause: error },
          );
        }
      }

      await clock.sleep(pollDelayMs(attempt));
      attempt++;
    }
  }

  private scheduleHeartbeat(): void {
    this.heartbeatTimer?.cancel();
    if (this.controller.signal.aborted) return;
    this.heartbeatTimer = this.options.clock.setTimeout(() => {
      void this.checkWhenIdle().finally(() => {
        if (this.running === null) this.scheduleHeartbeat();
      });
    }, TIMEOUTS.modemHeartbeat);
  }
}
