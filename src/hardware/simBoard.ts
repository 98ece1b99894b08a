/**
 * A simulated board for the simulator and the scenario runner. It models the wiring: the SLIC
 * detects the desk phone's hook only while relay K1 holds it, and the loop-current sense detects it
 * only while the relay connects the phone to the wall line. `phonePort.hook`, `lineSense.offHook`
 * and their listeners follow a change after the same debounce delay as on the real board.
 */
import type { Clock } from '../util/clock.js';
import { Listeners } from '../util/listeners.js';
import type { Logger } from '../util/log.js';
import type { Board, HookState, LedName, Leds, LineSense, PhonePort, Relay, RingCadence } from './board.js';
import { Debouncer } from './debounce.js';
import { validateRingCadence } from './ringer.js';
import { BOARD_TIMING } from './timing.js';

/** Changes that a person at the desk would notice, reported only when the state really changes. */
export type DeskActivity = 'desk-ringing' | 'desk-ring-stopped' | 'desk-on-line' | 'desk-held';

export interface SimBoardOptions {
  clock: Clock;
  logger: Logger;
  /** Whether the box has the loop-current sense on the wall side (default true). */
  lineSense?: boolean;
}

/** A Board with the desk phone and its user simulated. */
export class SimBoard implements Board {
  readonly relay: Relay;
  readonly phonePort: PhonePort;
  readonly lineSense: LineSense | null;
  readonly leds: Leds;

  private relayHeld = false;
  private cadence: RingCadence | null = null;
  private deskHookState: HookState = 'on-hook';
  private deskRinging = false;
  private readonly ledState: Record<LedName, boolean> = { ready: false, message: false, call: false };
  private readonly hookListeners = new Listeners<HookState>();
  private readonly lineSenseListeners = new Listeners<boolean>();
  private readonly activityListeners = new Listeners<DeskActivity>();
  private readonly slicHook: Debouncer<HookState>;
  private readonly lineCurrent: Debouncer<boolean>;
  private readonly logger: Logger;

  constructor(options: SimBoardOptions) {
    this.logger = options.logger.child({ module: 'sim-board' });
    this.slicHook = new Debouncer<HookState>(options.clock, BOARD_TIMING.hookDebounce, 'on-hook', (state) =>
      this.onSlicHookSettled(state),
    );
    this.lineCurrent = new Debouncer<boolean>(
      options.clock,
      BOARD_TIMING.lineSenseDebounce,
      false,
      (offHook) => this.lineSenseListeners.emit(offHook),
    );

    this.relay = this.createRelay();
    this.phonePort = this.createPhonePort();
    this.lineSense = options.lineSense === false ? null : this.createLineSense();
    this.leds = {
      set: (name, on) => {
        this.ledState[name] = on;
      },
    };
  }

  /** The desk phone's own hook state, whatever the relay does. */
  get deskHook(): HookState {
    return this.deskHookState;
  }

  /** Current state of every LED. */
  get ledStates(): Readonly<Record<LedName, boolean>> {
    return { ...this.ledState };
  }

  /** The cadence that the SLIC rings with, or null when it does not ring. */
  get ringCadence(): RingCadence | null {
    return this.cadence;
  }

  /** Simulates the person at the desk picking up or hanging up. */
  setDeskHook(state: HookState): void {
    if (state === this.deskHookState) return;

    this.deskHookState = state;
    this.logger.debug({ deskHook: state }, 'Desk phone hook changed');
    this.updateWiring();
  }

  /** Calls `listener` on every DeskActivity. Returns a function that removes it. */
  onActivity(listener: (event: DeskActivity) => void): () => void {
    return this.activityListeners.add(listener);
  }

  async safeState(): Promise<void> {
    this.stopRinging();
    this.setRelay(false);
    for (const name of Object.keys(this.ledState) as LedName[]) this.ledState[name] = false;
  }

  async close(): Promise<void> {
    await this.safeState();
    this.slicHook.cancel();
    this.lineCurrent.cancel();
    this.hookListeners.clear();
    this.lineSenseListeners.clear();
  }

  private createRelay(): Relay {
    const isHeld = (): boolean => this.relayHeld;
    return {
      get held() {
        return isHeld();
      },
      setHeld: async (held) => this.setRelay(held),
    };
  }

  private createPhonePort(): PhonePort {
    const isRinging = (): boolean => this.cadence !== null;
    const readHook = (): HookState => this.slicHook.value;
    return {
      get ringing() {
        return isRinging();
      },
      get hook() {
        return readHook();
      },
      startRinging: (cadence) => this.startRinging(cadence),
      stopRinging: () => this.stopRinging(),
      onHookChange: (listener) => this.hookListeners.add(listener),
    };
  }

  private createLineSense(): LineSense {
    const readOffHook = (): boolean => this.lineCurrent.value;
    return {
      get offHook() {
        return readOffHook();
      },
      onChange: (listener) => this.lineSenseListeners.add(listener),
    };
  }

  private setRelay(held: boolean): void {
    if (held === this.relayHeld) return;

    this.relayHeld = held;
    this.logger.debug({ held }, held ? 'Relay K1 energised' : 'Relay K1 released');
    this.activityListeners.emit(held ? 'desk-held' : 'desk-on-line');
    this.updateWiring();
  }

  private startRinging(cadence: RingCadence): void {
    validateRingCadence(cadence);
    if (this.slicHook.value === 'off-hook') {
      this.logger.warn({ cadence }, 'Ringing not started because the desk phone is off-hook');
      return;
    }
    this.cadence = [...cadence];
    this.updateDeskRinging();
  }

  private stopRinging(): void {
    this.cadence = null;
    this.updateDeskRinging();
  }

  /** Feeds the hook states that the SLIC and the line sense now detect into their debouncers. */
  private updateWiring(): void {
    const offHook = this.deskHookState === 'off-hook';
    this.slicHook.input(offHook && this.relayHeld ? 'off-hook' : 'on-hook');
    this.lineCurrent.input(offHook && !this.relayHeld);
    this.updateDeskRinging();
  }

  private onSlicHookSettled(state: HookState): void {
    if (state === 'off-hook' && this.cadence !== null) {
      // Ring trip, as on the real board: ringing stops before anyone hears of the off-hook.
      this.stopRinging();
    }
    this.hookListeners.emit(state);
  }

  /** Reports ringing changes at the desk, which rings only while the SLIC rings and the relay holds it. */
  private updateDeskRinging(): void {
    const ringing = this.cadence !== null && this.relayHeld;
    if (ringing === this.deskRinging) return;

    this.deskRinging = ringing;
    this.activityListeners.emit(ringing ? 'desk-ringing' : 'desk-ring-stopped');
  }
}
