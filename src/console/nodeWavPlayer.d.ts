/** Types of node-wav-player 1.0, which ships none. Its default export is one shared player. */
declare module 'node-wav-player' {
  interface PlayOptions {
    path: string;
    /** Resolve when playback ends, not 500 ms after it starts. */
    sync?: boolean;
    loop?: boolean;
  }

  interface WavPlayer {
    /** Plays the file with `aplay` on Linux, `afplay` on macOS. Rejects when the player fails or exits with an error. */
    play(options: PlayOptions): Promise<void>;
    /** Kills the running player. */
    stop(): void;
  }

  const player: WavPlayer;
  export default player;
}
