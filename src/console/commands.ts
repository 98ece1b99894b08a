/**
 * The console's command core, independent of any terminal: it takes one line and returns the
 * text to show. Input that is rejected gets a message that states why and changes nothing.
 */
import type { PromptName } from '../call/prompts.js';
import type { Config } from '../config/schema.js';
import type { CallLog } from '../storage/callLog.js';
import type { ListStore } from '../storage/lists.js';
import type { MessageStore } from '../storage/messages.js';
import { SerialQueue } from '../storage/serialQueue.js';
import { errorMessage, isVorzimmerError } from '../util/errors.js';
import { createSilentLogger, type Logger } from '../util/log.js';
import type { CommandContext, CommandHandler, ConsoleDeps, SessionState } from './commandContext.js';
import { allCommandNames, findCommand, helpMessageIds, type CommandId } from './commandTable.js';
import { helpCommand } from './helpCommand.js';
import {
  decodeLineBytes,
  findLineProblem,
  formatCodePoint,
  MAX_LINE_LENGTH,
  splitWords,
} from './inputLine.js';
import { allowCommand, blockCommand, listCommand, removeCommand } from './listCommands.js';
import { translate, type Locale, type MessageId, type MessageParams } from './messages.js';
import { promptCommand } from './promptCommand.js';
import { deleteCommand, logCommand, messagesCommand, playCommand, statusCommand } from './recordCommands.js';
import { SettingsStore, type SettingKey, type SettingValue } from './settings.js';
import { setCommand } from './settingsCommand.js';
import type { StatusInfo } from './status.js';
import { nearestWord } from './suggest.js';
import { exportCommand, importCommand } from './transferCommands.js';

/** Options of `ConsoleCommands`. */
export interface ConsoleCommandsOptions {
  lists: ListStore;
  callLog: CallLog;
  messages: MessageStore;
  /** The live configuration. `set` changes it in place, so the daemon uses a change from its next call on. */
  config: Config;
  /** Language of the console text at the start. `set locale` changes it. */
  locale: Locale;
  status: () => StatusInfo;
  /** Plays a WAV file on the box's speaker, such as `playWavFile`. Resolves when it has ended. */
  playMessage: (file: string) => Promise<void>;
  /** Called after a setting was saved and set on `config`, for changes that need more, such as new prompts. */
  applySetting?: (key: SettingKey, value: SettingValue) => void | Promise<void>;
  /** Loads the prompts again after `prompt import` or `prompt reset`, so that the next call uses them. */
  reloadPrompts?: () => void | Promise<void>;
  /**
   * Arms the daemon to record prompt `name` at the desk phone, such as `Daemon.armPromptRecording`.
   * Without it, `prompt record` is rejected.
   */
  armPromptRecording?: (name: PromptName) => void;
  /** The settings store, opened on first use from `config.dataDir` unless given. */
  settings?: SettingsStore;
  logger?: Logger;
  /** Folder that relative import and export paths start in, `config.dataDir` unless given. */
  baseDir?: string;
  /** Time zone of times shown, the box's own unless given. */
  timeZone?: string;
}

/** Result of one line: the text to show, and whether the user asked to close the console. */
export interface LineResult {
  text: string;
  exit: boolean;
}

const HANDLERS: Readonly<Record<Exclude<CommandId, 'exit'>, CommandHandler>> = {
  help: helpCommand,
  list: listCommand,
  allow: allowCommand,
  block: blockCommand,
  remove: removeCommand,
  log: logCommand,
  messages: messagesCommand,
  play: playCommand,
  delete: deleteCommand,
  status: statusCommand,
  set: setCommand,
  import: importCommand,
  export: exportCommand,
  prompt: promptCommand,
};

/**
 * Runs console command lines against the stores. Lines run one at a time in the order given,
 * and every change is saved by the store before its result text is returned.
 */
export class ConsoleCommands {
  private readonly context: CommandContext;
  private readonly queue = new SerialQueue();

  constructor(options: ConsoleCommandsOptions) {
    const logger = options.logger ?? createSilentLogger();
    let settings: Promise<SettingsStore> | null = options.settings ? Promise.resolve(options.settings) : null;
    const deps: ConsoleDeps = {
      lists: options.lists,
      callLog: options.callLog,
      messages: options.messages,
      config: options.config,
      status: options.status,
      playMessage: options.playMessage,
      applySetting: options.applySetting,
      reloadPrompts: options.reloadPrompts,
      armPromptRecording: options.armPromptRecording,
      settings: () =>
        (settings ??= SettingsStore.open({
          dataDir: options.config.dataDir,
          config: options.config,
          logger,
        })),
      logger,
      baseDir: options.baseDir ?? options.config.dataDir,
      timeZone: options.timeZone,
    };
    const session: SessionState = { locale: options.locale, shownMessageIds: null };

    this.context = {
      deps,
      session,
      translate: (id: MessageId, params?: MessageParams) => translate(session.locale, id, params),
      usage: (id: CommandId) => translate(session.locale, helpMessageIds(id).usage),
      numberContext: { region: options.config.region, areaCode: options.config.areaCode },
    };
  }

  /** Current language of the console text. */
  get locale(): Locale {
    return this.context.session.locale;
  }

  /** Returns the command names for tab completion in the current language. */
  commandNames(): string[] {
    return allCommandNames(this.locale);
  }

  /** Returns a text from the catalogue in the current language, for the front ends. */
  text(id: MessageId, params?: MessageParams): string {
    return this.context.translate(id, params);
  }

  /** Runs one line and returns the text to show. */
  async execute(line: string): Promise<string> {
    return (await this.executeLine(line)).text;
  }

  /** Runs one line given as raw bytes, which must be UTF-8. Invalid bytes reject the whole line. */
  async executeBytes(bytes: Uint8Array): Promise<string> {
    return this.execute(decodeLineBytes(bytes));
  }

  /** Runs one line and returns the text to show and whether the user asked to close the console. */
  executeLine(line: string): Promise<LineResult> {
    return this.queue.run(() => this.run(line));
  }

  private async run(line: string): Promise<LineResult> {
    const rejection = this.checkLine(line);
    if (rejection !== null) return { text: rejection, exit: false };

    const split = splitWords(line);
    if (split.kind === 'open-quote') return this.reply('openQuote', { position: split.position });
    const [first, ...args] = split.words;
    if (first === undefined) return { text: '', exit: false };

    const id = findCommand(first.text, this.locale);
    if (id === null) return { text: this.unknownCommand(first.text), exit: false };
    if (id === 'exit') return { text: this.context.translate('goodbye'), exit: true };

    try {
      return { text: await HANDLERS[id](this.context, args), exit: false };
    } catch (error) {
      return { text: this.describeFailure(id, error), exit: false };
    }
  }

  private checkLine(line: string): string | null {
    const problem = findLineProblem(line);
    if (problem === null) return null;

    switch (problem.kind) {
      case 'too-long':
        return this.context.translate('lineTooLong', { length: problem.length, max: MAX_LINE_LENGTH });
      case 'invalid-utf8':
        return this.context.translate('invalidUtf8');
      case 'control-character':
        return this.context.translate('controlCharacter', {
          codePoint: formatCodePoint(problem.codePoint),
          position: problem.position,
        });
    }
  }

  private unknownCommand(command: string): string {
    const suggestion = nearestWord(command, this.commandNames());
    if (suggestion === null) return this.context.translate('unknownCommand', { command });
    return this.context.translate('unknownCommandSuggestion', { command, suggestion });
  }

  private describeFailure(id: CommandId, error: unknown): string {
    if (isVorzimmerError(error, 'STORAGE_FAILED')) {
      this.context.deps.logger.error({ command: id, err: error }, 'A console command failed to save');
      return this.context.translate('storageFailed', { detail: errorMessage(error) });
    }
    this.context.deps.logger.error({ command: id, err: error }, 'A console command failed');
    return this.context.translate('commandFailed', { detail: errorMessage(error) });
  }

  private reply(id: MessageId, params: MessageParams): LineResult {
    return { text: this.context.translate(id, params), exit: false };
  }
}
