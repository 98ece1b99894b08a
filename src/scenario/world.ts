/**
 * The simulated world of a scenario: the wall line with its modem, the phone-side modem and the
 * board, all driven by the scenario steps and watched for the events that `await` steps name.
 */
import { REGION_FACTS, type Region } from '../config/regions.js';
import { SimBoard } from '../hardware/simBoard.js';
import { ModemSim, type PersonalityName } from '../sim/modemSim.js';
import { SimRegistry } from '../sim/simBinding.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/log.js';
import { EventRecorder } from './eventRecorder.js';

export const SIM_LINE_PATH = 'sim://line-modem';
export const SIM_PHONE_PATH = 'sim://phone-modem';

export class ScenarioWorld {
  readonly registry = new SimRegistry();
  readonly lineModem: ModemSim;
  readonly phoneModem: ModemSim;
  readonly board: SimBoard;
  readonly events: EventRecorder;
  readonly cadence: readonly number[];
  /** Clock time when the last ring ended, or null before the first ring. */
  lastRingEndedAt: number | null = null;
  callerGone = false;
  private readonly stops: (() => void)[] = [];

  constructor(
    readonly clock: Clock,
    options: { region: Region; lineModem: PersonalityName; phoneModem: PersonalityName; logger: Logger },
  ) {
    this.cadence = REGION_FACTS[options.region].ringCadence;
    this.lineModem = new ModemSim({
      personality: options.lineModem,
      clock,
      name: 'line',
      logger: options.logger.child({ sim: 'line' }),
    });
    this.phoneModem = new ModemSim({
      personality: options.phoneModem,
      clock,
      name: 'phone',
      logger: options.logger.child({ sim: 'phone' }),
    });
    this.board = new SimBoard({ clock, logger: options.logger.child({ sim: 'board' }) });
    this.registry.register(SIM_LINE_PATH, this.lineModem);
    this.registry.register(SIM_PHONE_PATH, this.phoneModem);
    this.events = new EventRecorder(clock);
  }

  /** Starts counting events; called when the daemon is ready, which is the scenario's start. */
  startRecording(): void {
    const lineEvents = {
      'off-hook': 'line-answered',
      playing: 'line-playing',
      recording: 'line-recording',
      'on-hook': 'line-hung-up',
    } as const;
    this.stops.push(this.lineModem.onActivity((activity) => this.events.record(lineEvents[activity])));
    this.stops.push(
      this.phoneModem.onActivity((activity) => {
        if (activity === 'playing') this.events.record('desk-playing');
      }),
    );
    this.stops.push(this.board.onActivity((event) => this.events.record(event)));
  }

  /** Whether someone answered the ringing line: the line-side modem, or the desk phone through the relay. */
  get lineAnswered(): boolean {
    return this.lineModem.offHook || (!this.board.relay.held && this.board.deskHook === 'off-hook');
  }

  /** Length of one ring's "on" part (all but the last, off, period of the cadence). */
  get ringOnMs(): number {
    return this.cadence.slice(0, -1).reduce((sum, part) => sum + part, 0);
  }

  get ringOffMs(): number {
    return this.cadence[this.cadence.length - 1] ?? 0;
  }

  dispose(): void {
    for (const stop of this.stops) stop();
    this.lineModem.dispose();
    this.phoneModem.dispose();
  }
}
