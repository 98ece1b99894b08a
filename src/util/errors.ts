/** Stable codes for the errors that callers branch on. */
export type VorzimmerErrorCode =
  | 'MODEM_TIMEOUT'
  | 'MODEM_ERROR_RESULT'
  | 'MODEM_DISCONNECTED'
  | 'MODEM_BUSY'
  | 'MODEM_PROTOCOL'
  | 'CONFIG_INVALID'
  | 'SCENARIO_INVALID'
  | 'STORAGE_FAILED'
  | 'GPIO_FAILED'
  | 'NUMBER_INVALID'
  | 'AUDIO_INVALID'
  | 'CANCELLED';

/** The one error class of the project. `code` is stable; the message is for people. */
export class VorzimmerError extends Error {
  constructor(
    readonly code: VorzimmerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'VorzimmerError';
  }
}

/** Tests whether `error` is a VorzimmerError, optionally with the given code. */
export function isVorzimmerError(error: unknown, code?: VorzimmerErrorCode): error is VorzimmerError {
  return error instanceof VorzimmerError && (code === undefined || error.code === code);
}

/** Returns the message of any thrown value. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
