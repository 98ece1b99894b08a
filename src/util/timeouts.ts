/**
 * Every duration that the daemon waits for, in product milliseconds (see Clock). Keeping them in
 * one table makes the waiting behaviour reviewable in one place.
 */
export const TIMEOUTS = {
  /** An ordinary AT command until its final result code. */
  atCommand: 3000,
  /** `ATZ`, which some chips take a moment to finish. */
  atReset: 6000,
  /** `AT+VTX` or `AT+VRX` until `CONNECT`. */
  dataConnect: 5000,
  /** After `<DLE><ETX>`, until the modem has played its buffer and sent `OK`. */
  playbackDrain: 8000,
  /** After `<DLE>!`, until `<DLE><ETX>` and `OK` end a recording. */
  recordingStop: 5000,
  /** Quiet time after the last caller ID line before the block counts as complete. */
  callerIdQuiet: 250,
  /** A DTMF burst with no end marker counts as complete after this long. */
  dtmfBurstMax: 1000,
  /** Pause between going on-hook and off-hook again; some modems need about 1 s. */
  hookSettle: 300,
  /** Time for the person at the desk to press a key after the announcement ends. */
  deskKeyWait: 8000,
  /** Maximum time for the caller's key in the robot check. */
  robotCheckKey: 8000,
  /** Lead of audio kept queued in the modem during playback, so that it never runs dry. */
  playbackLead: 300,
  /** Interval of the playback pacing loop. */
  playbackTick: 40,
  /** Pause between answering and hanging up for the "hang-up" block action, so the exchange sees an answer. */
  blockHangUpPause: 1000,
  /** Maximum time an allowed call rings the desk phone. */
  allowRingMax: 180_000,
  /** Recording with no speech at all ends after this long. */
  recordingNoSpeech: 6000,
  /** Interval of the `AT` probe that checks an idle modem still answers. */
  modemHeartbeat: 60_000,
  /** First wait before looking for a vanished modem's path again; it doubles after each miss. */
  reconnectPollFirst: 1000,
  /** Maximum wait between two checks for a vanished modem's path. */
  reconnectPollMax: 30_000,
  /** Silence measured while a caller is held that counts as the caller having hung up. */
  heldCallerSilence: 40_000,
  /** Time after `prompt record` in which the desk phone going off-hook starts the recording. */
  promptRecordingArmed: 60_000,
  /** Maximum length of a prompt recorded at the desk phone. */
  promptRecordingMax: 30_000,
  /** Silence after speech that ends a prompt recorded at the desk phone. */
  promptRecordingSilence: 2000,
} as const;
