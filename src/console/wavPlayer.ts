/**
 * Plays a message on the box's own speaker with node-wav-player, which runs `aplay` on Linux.
 */
import player from 'node-wav-player';

import { readWavDurationMs } from '../storage/wavDuration.js';
import { VorzimmerError } from '../util/errors.js';

/** Time that playback may take beyond the recording's own length before it is stopped, in ms. */
export const PLAYBACK_MARGIN_MS = 10_000;

/**
 * Plays a WAV file and resolves when it has ended. Stops the player and throws VorzimmerError
 * `AUDIO_INVALID` when playback takes `PLAYBACK_MARGIN_MS` longer than the recording, as when
 * the sound device is held by another program. Rejects with node-wav-player's error when
 * `aplay` is missing or fails.
 */
export async function playWavFile(file: string): Promise<void> {
  const durationMs = (await readWavDurationMs(file)) ?? 0;
  const limitMs = durationMs + PLAYBACK_MARGIN_MS;

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      player.stop();
      reject(
        new VorzimmerError(
          'AUDIO_INVALID',
          `Playing ${file} timed out after ${limitMs} ms and was stopped. Check that no other program uses the sound device.`,
        ),
      );
    }, limitMs);
  });

  try {
    await Promise.race([player.play({ path: file, sync: true }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
