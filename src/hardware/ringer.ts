/**
 * Ring generator for a SLIC of the Ag1171 class. Following the Ag1171 data sheet (Silver Telecom,
 * V1.0, December 2006, sections 5.3 and 5.9), the SLIC rings while RM is high and F/R toggles at
 * the ringing frequency. RM must be low at all other times, and F/R high selects forward polarity,
 * the normal idle feed.
 */
import type { PinIo } from '../transport/gpio.js';
import type { Clock, Timer } from '../util/clock.js';
import { errorMessage } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import type { RingCadence } from './board.js';

/** RM level that puts the SLIC into ringing mode. */
export const RING_MODE_ON = 1;
/** RM level outside ringing, which is also its safe level. */
export const RING_MODE_OFF = 0;
/** F/R level for forward polarity, used outside ringing. */
export const FORWARD_POLARITY = 1;

/**
 * Checks that `cadence` is a list of on and off pairs in milliseconds.
 * @throws RangeError naming the cadence when it has an odd length or a period that is not above 0.
 */
export function validateRingCadence(cadence: RingCadence): void {
  const valid =
    cadence.length >= 2 &&
    cadence.length % 2 === 0 &&
    cadence.every((period) => Number.isFinite(period) && period > 0);

  if (!valid) {
    throw new RangeError(
      `Invalid ring cadence [${cadence.join(', ')}]: expected pairs of on and off periods in ms, each above 0.`,
    );
  }
}

export interface RingerOptions {
  clock: Clock;
  /** Frequency of the ringing signal in Hz. F/R reverses twice per cycle, so 25 Hz is 50 reversals a second. */
  ringFrequencyHz: number;
  logger: Logger;
}

/** Drives the RM and F/R pins through a ring cadence until stopped. */
export class Ringer {
  private cadence: RingCadence | null = null;
  private phaseTimer: Timer | null = null;
  private toggleTimer: Timer | null = null;
  private forwardReverseLevel: 0 | 1 = FORWARD_POLARITY;
  private readonly halfCycleMs: number;

  constructor(
    private readonly ringMode: PinIo,
    private readonly forwardReverse: PinIo,
    private readonly options: RingerOptions,
  ) {
    this.halfCycleMs = 1000 / (2 * options.ringFrequencyHz);
  }

  get ringing(): boolean {
    return this.cadence !== null;
  }

  /**
   * Starts `cadence` from its first "on" period, replacing any cadence that runs.
   * @throws RangeError for an invalid cadence, or the pin's error when a write fails.
   */
  start(cadence: RingCadence): void {
    validateRingCadence(cadence);
    this.cancelTimers();
    this.cadence = [...cadence];
    this.runPeriod(0);
  }

  /** Stops ringing and writes the idle levels at once. Throws when a pin write fails. */
  stop(): void {
    this.cancelTimers();
    this.cadence = null;
    this.writeIdleLevels();
  }

  /** Ends the cadence without writing any pin, for a caller that writes the safe levels itself. */
  stopWithoutWrites(): void {
    this.cancelTimers();
    this.cadence = null;
  }

  private runPeriod(index: number): void {
    const cadence = this.cadence;
    if (!cadence) return;

    const isOnPeriod = index % 2 === 0;
    if (isOnPeriod) {
      this.ringMode.write(RING_MODE_ON);
      this.scheduleToggle();
    } else {
      this.cancelToggle();
      this.writeIdleLevels();
    }

    const duration = cadence[index] ?? 0;
    this.phaseTimer = this.options.clock.setTimeout(
      () => this.guard(() => this.runPeriod((index + 1) % cadence.length)),
      duration,
    );
  }

  private scheduleToggle(): void {
    this.toggleTimer = this.options.clock.setTimeout(
      () =>
        this.guard(() => {
          this.forwardReverseLevel = this.forwardReverseLevel === 1 ? 0 : 1;
          this.forwardReverse.write(this.forwardReverseLevel);
          this.scheduleToggle();
        }),
      this.halfCycleMs,
    );
  }

  /** Runs a timer step. A failed pin write ends the ringing, because a timer must not throw. */
  private guard(step: () => void): void {
    try {
      step();
    } catch (error) {
      this.options.logger.error(
        { err: error },
        `Ringing stopped because a SLIC pin write failed: ${errorMessage(error)}`,
      );
      this.cancelTimers();
      this.cadence = null;
      try {
        this.writeIdleLevels();
      } catch (idleError) {
        this.options.logger.error({ err: idleError }, 'Cannot return the SLIC pins to their idle levels');
      }
    }
  }

  private writeIdleLevels(): void {
    this.ringMode.write(RING_MODE_OFF);
    this.forwardReverseLevel = FORWARD_POLARITY;
    this.forwardReverse.write(FORWARD_POLARITY);
  }

  private cancelToggle(): void {
    this.toggleTimer?.cancel();
    this.toggleTimer = null;
  }

  private cancelTimers(): void {
    this.cancelToggle();
    this.phaseTimer?.cancel();
    this.phaseTimer = null;
  }
}
