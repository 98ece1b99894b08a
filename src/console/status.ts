/**
 * Daemon state for the `status` command, and its mapping from the daemon's own state.
 */
import type { Daemon, DaemonState } from '../daemon/daemon.js';
import type { Board } from '../hardware/board.js';

/** State of one voice modem as the console shows it. */
export type ModemStatus = 'ready' | 'not-connected';

/**
 * The daemon's state for the `status` command. Fields are null when the console cannot see the
 * daemon, as when it runs as a separate process.
 */
export interface StatusInfo {
  daemon: DaemonState | null;
  modems: { line: ModemStatus; phone: ModemStatus } | null;
  /** Whether relay K1 is energised, which connects the desk phone to the box's own loop. */
  relayHeld: boolean | null;
}

/** Status of a console that runs without the daemon in its process. */
export const DETACHED_STATUS: StatusInfo = { daemon: null, modems: null, relayHeld: null };

/** Daemon states in which both modems are set up and respond. */
const MODEMS_READY_STATES: ReadonlySet<DaemonState> = new Set([
  'idle',
  'in-call',
  'desk-call',
  'prompt-recording',
]);

/**
 * Builds the status of a daemon in this process.
 * NOTE: the daemon does not report each modem, so both show the same state, derived from the
 * daemon's state: ready while idle or in a call, and not connected while starting or degraded.
 */
export function readDaemonStatus(daemon: Pick<Daemon, 'state'>, board: Pick<Board, 'relay'>): StatusInfo {
  const modem: ModemStatus = MODEMS_READY_STATES.has(daemon.state) ? 'ready' : 'not-connected';
  return { daemon: daemon.state, modems: { line: modem, phone: modem }, relayHeld: board.relay.held };
}
