/**
 * The console on a serial port: the Pi's UART or a USB gadget port, opened through the serial
 * link transport. One session follows the other, because the port stays open after `exit`, and
 * a port that goes away, such as an unplugged USB adapter, is opened again after a pause.
 */
import { PassThrough, Writable } from 'node:stream';

import type { PromptName } from '../call/prompts.js';
import type { Config } from '../config/schema.js';
import type { CallLog } from '../storage/callLog.js';
import type { ListStore } from '../storage/lists.js';
import type { MessageStore } from '../storage/messages.js';
import { openSerialLink, type ByteLink } from '../transport/serialLink.js';
import { errorMessage } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import { ConsoleCommands } from './commands.js';
import type { SettingKey, SettingsStore, SettingValue } from './settings.js';
import type { StatusInfo } from './status.js';
import { runTerminalSession, type TerminalSession } from './terminal.js';
import { playWavFile } from './wavPlayer.js';

/** Waits of the serial console in real milliseconds. */
export const CONSOLE_TIMING = {
  /** Pause before the first attempt to open the port again after it failed or went away. */
  reopenFirstDelayMs: 5000,
  /** Maximum pause between attempts. Each failed attempt doubles the pause up to this. */
  reopenMaxDelayMs: 60_000,
} as const;

/** Options of `startSerialConsole`. */
export interface SerialConsoleOptions {
  /** The live configuration: `console.path` and `console.baudRate` choose the port. */
  config: Config;
  lists: ListStore;
  callLog: CallLog;
  messages: MessageStore;
  /** The daemon's settings store, so that `set` and the daemon share one. Opened on first use unless given. */
  settings?: SettingsStore;
  status: () => StatusInfo;
  applySetting?: (key: SettingKey, value: SettingValue) => void | Promise<void>;
  /** Loads the prompts again after `prompt import` or `prompt reset`. */
  reloadPrompts?: () => void | Promise<void>;
  /** Arms the daemon to record a prompt at the desk phone. */
  armPromptRecording?: (name: PromptName) => void;
  /** Plays a message on the speaker, `playWavFile` unless given. */
  playMessage?: (file: string) => Promise<void>;
  logger: Logger;
  /** Opens the port, `openSerialLink` unless given. */
  openLink?: (path: string, baudRate: number) => Promise<ByteLink>;
}

/** A running serial console. */
export interface SerialConsole {
  /** Ends the session and closes the port. */
  close(): Promise<void>;
}

/**
 * Opens the console port from the configuration and serves sessions on it until `close`. Does
 * not throw when the port cannot be opened, because call screening must go on without a
 * console. It logs the failure and tries again with growing pauses. Without `console.path`,
 * it logs that and does nothing.
 */
export async function startSerialConsole(options: SerialConsoleOptions): Promise<SerialConsole> {
  const { path, baudRate } = options.config.console;
  const logger = options.logger.child({ module: 'console', path });
  if (path === null) {
    logger.info('No console.path configured, so no serial console runs');
    return { close: async () => undefined };
  }

  const openLink = options.openLink ?? ((portPath, rate) => openSerialLink(portPath, { baudRate: rate }));
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let served: { stop(): Promise<void> } | null = null;
  let delayMs: number = CONSOLE_TIMING.reopenFirstDelayMs;

  const attempt = async (): Promise<void> => {
    if (stopped) return;
    let link: ByteLink;
    try {
      link = await openLink(path, baudRate);
    } catch (error) {
      logger.error({ err: errorMessage(error), retryInMs: delayMs }, 'Failed to open the console port');
      scheduleRetry();
      return;
    }

    logger.info({ baudRate }, 'Serial console started');
    delayMs = CONSOLE_TIMING.reopenFirstDelayMs;
    served = serveConsoleOnLink(link, () => createCommands(options, logger), logger);
    link.onClose((error) => {
      if (stopped) return;
      logger.error({ err: error?.message ?? 'closed', retryInMs: delayMs }, 'Console port went away');
      scheduleRetry();
    });
  };

  const scheduleRetry = (): void => {
    if (stopped) return;
    retryTimer = setTimeout(() => void attempt(), delayMs);
    delayMs = Math.min(delayMs * 2, CONSOLE_TIMING.reopenMaxDelayMs);
  };

  await attempt();
  return {
    close: async () => {
      stopped = true;
      clearTimeout(retryTimer);
      await served?.stop();
      logger.info('Serial console stopped');
    },
  };
}

function createCommands(options: SerialConsoleOptions, logger: Logger): ConsoleCommands {
  return new ConsoleCommands({
    lists: options.lists,
    callLog: options.callLog,
    messages: options.messages,
    config: options.config,
    locale: options.config.locale,
    status: options.status,
    playMessage: options.playMessage ?? playWavFile,
    applySetting: options.applySetting,
    reloadPrompts: options.reloadPrompts,
    armPromptRecording: options.armPromptRecording,
    settings: options.settings,
    logger,
  });
}

/**
 * Serves console sessions on an open link until it closes or `stop` is called. Each session gets
 * new commands from `createSession`, so that `exit` resets the language and the message numbers.
 */
export function serveConsoleOnLink(
  link: ByteLink,
  createSession: () => ConsoleCommands,
  logger: Logger,
): { stop(): Promise<void> } {
  const input = new PassThrough();
  const stopData = link.onData((bytes) => input.write(bytes));
  link.onClose(() => input.end());

  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      link.write(chunk).then(
        () => callback(),
        (error: unknown) => callback(error as Error),
      );
    },
  });
  output.on('error', (error) => logger.warn({ err: error.message }, 'Failed to write to the console port'));

  let stopped = false;
  let session: TerminalSession | null = null;
  const loop = (async () => {
    while (!stopped && link.isOpen) {
      session = runTerminalSession({ input, output, commands: createSession(), terminal: true, logger });
      const end = await session.ended;
      logger.info({ end }, 'Console session ended');
      if (end === 'end') return;
    }
  })();

  return {
    stop: async () => {
      stopped = true;
      session?.close();
      stopData();
      await link.close();
      await loop;
    },
  };
}
