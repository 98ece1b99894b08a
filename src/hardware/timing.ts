/**
 * Durations of the GPIO board, in product milliseconds (see Clock). The real board and the
 * simulated one share them, so that simulated calls see the same delays.
 */
export const BOARD_TIMING = {
  /**
   * Time that the SLIC's hook output must stay stable before a hook change counts, long enough to
   * ride out switch-hook contact bounce. This delay is part of the 100 ms budget for dropping the
   * relay when the desk phone goes off-hook in idle, so keep it short.
   */
  hookDebounce: 30,
  /** Time that the loop-current sense must stay stable before a change counts. */
  lineSenseDebounce: 30,
} as const;
