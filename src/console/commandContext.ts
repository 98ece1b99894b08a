/** Types shared by the command handlers: the stores, the language and the console session's state. */
import type { PromptName } from '../call/prompts.js';
import type { Config } from '../config/schema.js';
import type { NumberContext } from '../policy/numbers.js';
import type { CallLog } from '../storage/callLog.js';
import type { ListStore } from '../storage/lists.js';
import type { MessageStore } from '../storage/messages.js';
import { errorMessage, isVorzimmerError } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import type { Translate } from './callFormat.js';
import type { CommandId } from './commandTable.js';
import type { Word } from './inputLine.js';
import type { Locale } from './messages.js';
import type { SettingKey, SettingsStore, SettingValue } from './settings.js';
import type { StatusInfo } from './status.js';

/** The stores and services behind the console commands. */
export interface ConsoleDeps {
  lists: ListStore;
  callLog: CallLog;
  messages: MessageStore;
  config: Config;
  status: () => StatusInfo;
  /** Plays a WAV file on the box's speaker and resolves when it has ended. */
  playMessage: (file: string) => Promise<void>;
  /** Called after a setting was saved and set on `config`, for changes that need more than that. */
  applySetting?: (key: SettingKey, value: SettingValue) => void | Promise<void>;
  /** Loads the prompts again after `prompt import` or `prompt reset` changed the user's files. */
  reloadPrompts?: () => void | Promise<void>;
  /** Arms the daemon to record prompt `name` at the desk phone; absent when no daemon runs in this process. */
  armPromptRecording?: (name: PromptName) => void;
  /** Opens the settings store on first use. */
  settings: () => Promise<SettingsStore>;
  logger: Logger;
  /** Folder that relative import and export paths start in. */
  baseDir: string;
  /** Time zone of times shown, the box's own unless given. */
  timeZone?: string;
}

/** State of one console session that lasts between commands. */
export interface SessionState {
  locale: Locale;
  /** Message ids in the order that `messages` showed them last, so that `play 2` means what was shown. */
  shownMessageIds: string[] | null;
}

/** Everything a command handler needs. */
export interface CommandContext {
  deps: ConsoleDeps;
  session: SessionState;
  translate: Translate;
  /** Returns the usage line of a command in the current language. */
  usage(id: CommandId): string;
  numberContext: NumberContext;
}

/** Runs one command with the words after its name and returns the text to show. */
export type CommandHandler = (context: CommandContext, args: readonly Word[]) => Promise<string>;

/**
 * Returns the text for a list entry number that `parseListPattern` rejected. Its message names
 * the value and shows valid forms, but it is English only.
 * Rethrows any other error.
 */
export function describeNumberError(context: CommandContext, number: string, error: unknown): string {
  if (!isVorzimmerError(error, 'NUMBER_INVALID')) throw error;
  return context.translate('numberInvalid', { number, detail: errorMessage(error) });
}
