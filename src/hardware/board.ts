/**
 * Interfaces of the GPIO side of the box: the relay K1, the SLIC that feeds and rings the desk
 * phone on the local loop, the optional loop-current sense on the wall side, and the LEDs.
 * Each has a real implementation on `onoff` and a simulated one.
 */

/** Hook state of the desk phone. */
export type HookState = 'on-hook' | 'off-hook';

/** One ring cadence as alternating on and off periods in milliseconds, starting with "on". */
export type RingCadence = readonly number[];

/**
 * Relay K1. Energised ("held") connects the desk phone to the local loop; de-energised, its safe
 * state, connects the desk phone straight to the wall line.
 */
export interface Relay {
  /** Energises (true) or releases (false) the relay. Resolves once the pin has been written. */
  setHeld(held: boolean): Promise<void>;
  readonly held: boolean;
}

/** The SLIC on the local loop: ringing voltage and hook detection for the desk phone. */
export interface PhonePort {
  /** Starts ringing the desk phone with `cadence`, repeated until stopRinging. Restarts on a new cadence. */
  startRinging(cadence: RingCadence): void;
  /** Stops ringing at once. Does nothing when not ringing. */
  stopRinging(): void;
  readonly ringing: boolean;
  /** Hook state as reported by the SLIC. Only meaningful while the relay holds the phone. */
  readonly hook: HookState;
  /** Calls `listener` on every debounced hook change. Returns a function that removes it. */
  onHookChange(listener: (state: HookState) => void): () => void;
}

/**
 * Loop-current sense on the wall side of K1: tells whether the desk phone draws current from the
 * wall line, which is how the box learns that a call on the wall line has ended.
 */
export interface LineSense {
  readonly offHook: boolean;
  onChange(listener: (offHook: boolean) => void): () => void;
}

/** Names of the LEDs on the box. */
export type LedName = 'ready' | 'message' | 'call';

export interface Leds {
  set(name: LedName, on: boolean): void;
}

/** All GPIO parts of the box. */
export interface Board {
  readonly relay: Relay;
  readonly phonePort: PhonePort;
  /** Null when the box has no loop-current sense. */
  readonly lineSense: LineSense | null;
  readonly leds: Leds;
  /** Drives every output to its safe level: relay released, ringing off, LEDs off. Never throws. */
  safeState(): Promise<void>;
  /** Goes to the safe state and frees the pins. */
  close(): Promise<void>;
}
