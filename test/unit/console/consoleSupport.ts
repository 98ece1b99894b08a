/**
 * A console on real stores in a temporary data folder, with a fake speaker, for the command
 * tests. Calls and messages are made up to cover the cases.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { PromptName } from '../../../src/call/prompts.js';
import { parseConfig } from '../../../src/config/load.js';
import type { Config } from '../../../src/config/schema.js';
import { ConsoleCommands } from '../../../src/console/commands.js';
import type { Locale } from '../../../src/console/messages.js';
import { SettingsStore } from '../../../src/console/settings.js';
import { DETACHED_STATUS, type StatusInfo } from '../../../src/console/status.js';
import { CallLog } from '../../../src/storage/callLog.js';
import { ListStore } from '../../../src/storage/lists.js';
import { MessageStore } from '../../../src/storage/messages.js';
import { createSilentLogger } from '../../../src/util/log.js';
import { makeCallRecord, makeWav } from '../storage/testSupport.js';

/** A console and everything behind it. */
export interface TestConsole {
  commands: ConsoleCommands;
  config: Config;
  dataDir: string;
  lists: ListStore;
  callLog: CallLog;
  messages: MessageStore;
  /** Files that `play` handed to the fake speaker, in order. */
  played: string[];
  /** Makes the next `play` fail with this message. */
  failNextPlay(message: string): void;
  cleanUp(): Promise<void>;
}

/** Options of `openTestConsole`. */
export interface TestConsoleOptions {
  locale: Locale;
  status?: StatusInfo;
  /** Folder of relative import and export paths, the data folder unless given. */
  baseDir?: string;
  reloadPrompts?: () => void;
  armPromptRecording?: (name: PromptName) => void;
}

/** Opens a console on empty stores in a new temporary folder, for a DE line with area code 030. */
export async function openTestConsole(options: TestConsoleOptions): Promise<TestConsole> {
  const folder = await mkdtemp(join(tmpdir(), 'vorzimmer-console-'));
  const dataDir = join(folder, 'data');
  const logger = createSilentLogger();
  const config = parseConfig({ region: 'DE', areaCode: '030', locale: options.locale, dataDir }, 'test');

  const lists = await ListStore.open({ dataDir, context: { region: 'DE', areaCode: '030' }, logger });
  const callLog = await CallLog.open({ dataDir, maxEntries: 100, logger });
  const messages = await MessageStore.open({ dataDir, logger });
  const settings = await SettingsStore.open({ dataDir, config, logger });

  const played: string[] = [];
  let playFailure: string | null = null;
  const commands = new ConsoleCommands({
    lists,
    callLog,
    messages,
    config,
    locale: options.locale,
    status: () => options.status ?? DETACHED_STATUS,
    playMessage: async (file) => {
      if (playFailure !== null) {
        const message = playFailure;
        playFailure = null;
        throw new Error(message);
      }
      played.push(file);
    },
    settings,
    logger,
    reloadPrompts: options.reloadPrompts,
    armPromptRecording: options.armPromptRecording,
    baseDir: options.baseDir ?? dataDir,
    timeZone: 'UTC',
  });

  return {
    commands,
    config,
    dataDir,
    lists,
    callLog,
    messages,
    played,
    failNextPlay: (message) => {
      playFailure = message;
    },
    cleanUp: () => rm(folder, { recursive: true, force: true }),
  };
}

/** Saves a made-up message of `seconds` from a caller, received at `receivedAt`. */
export function saveMessage(
  console: TestConsole,
  number: string | null,
  receivedAt: string,
  seconds = 3,
): ReturnType<MessageStore['save']> {
  return console.messages.save(makeWav(seconds * 1000), {
    receivedAt,
    number,
    name: null,
    durationMs: seconds * 1000,
    callId: `call-${receivedAt}`,
  });
}

/** Appends a made-up screened call from Munich that was connected. */
export function appendCall(console: TestConsole, id: string, startedAt: string): Promise<void> {
  return console.callLog.append({ ...makeCallRecord(id), startedAt });
}
