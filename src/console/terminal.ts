/**
 * The terminal front end of the console: Node's readline over any byte stream, with line
 * editing, history, tab completion of command names and the `vorzimmer> ` prompt. It works on
 * a serial port as well as on standard input, because readline takes CR as Enter, 0x7F and 0x08
 * as backspace, and the ANSI arrow keys for history.
 */
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

import type { Logger } from '../util/log.js';
import type { ConsoleCommands } from './commands.js';
import { Utf8Guard } from './utf8Guard.js';

export const PROMPT = 'vorzimmer> ';

/** Lines kept in the history for the arrow keys. */
const HISTORY_SIZE = 100;

/** End of a session: `exit` by the command or Ctrl-D on an empty line, `end` when the input stream ended. */
export type SessionEnd = 'exit' | 'end';

/** Options of `runTerminalSession`. */
export interface TerminalSessionOptions {
  /** Raw bytes as typed, such as a serial port or standard input in raw mode. */
  input: Readable;
  output: Writable;
  commands: ConsoleCommands;
  /**
   * Whether to edit lines and show the prompt (true for a terminal). False reads plain lines
   * without prompt or banner, as when commands are piped in.
   */
  terminal: boolean;
  logger: Logger;
}

/** A running session. */
export interface TerminalSession {
  /** Resolves when the session has ended and every started command has finished. */
  readonly ended: Promise<SessionEnd>;
  /** Ends the session. */
  close(): void;
}

/**
 * Runs a console session on a byte stream. Lines run one after another. Ctrl-C clears the line
 * being typed, and Ctrl-Z is ignored, because readline would otherwise stop the whole process,
 * which may be the daemon.
 */
export function runTerminalSession(options: TerminalSessionOptions): TerminalSession {
  const { commands, terminal, logger } = options;
  const guard = new Utf8Guard();
  options.input.pipe(guard);

  const readline = createInterface({
    input: guard,
    output: options.output,
    terminal,
    prompt: PROMPT,
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
    completer: (line: string) => completeCommand(commands, line),
  });

  // Text for a terminal needs CR LF, because a serial line has no driver that adds the CR.
  const show = (text: string): void => {
    if (text !== '') options.output.write(`${text.replace(/\r?\n/g, '\r\n')}\r\n`);
  };

  let exitRequested = false;
  let pending: Promise<void> = Promise.resolve();
  readline.on('line', (line) => {
    pending = pending.then(async () => {
      if (exitRequested) return;
      const result = await commands.executeLine(line);
      show(result.text);
      if (result.exit) {
        exitRequested = true;
        readline.close();
      } else if (terminal) {
        readline.prompt();
      }
    });
  });

  readline.on('SIGINT', () => clearLine(readline, options.output));
  readline.on('SIGTSTP', () => logger.debug('Ignored Ctrl-Z on the console'));

  const ended = new Promise<SessionEnd>((resolve) => {
    readline.once('close', () => {
      options.input.unpipe(guard);
      const inputEnded = options.input.readableEnded && !exitRequested;
      void pending.then(() => resolve(inputEnded ? 'end' : 'exit'));
    });
  });

  if (terminal) {
    show(commands.text('welcome'));
    readline.prompt();
  }
  return { ended, close: () => readline.close() };
}

/** Drops the line being typed and shows a new prompt, as shells do on Ctrl-C. */
function clearLine(readline: Interface, output: Writable): void {
  output.write('^C\r\n');
  const editable = readline as unknown as { line: string; cursor: number };
  editable.line = '';
  editable.cursor = 0;
  readline.prompt();
}

/** Completes the first word of a line to the command names of the console's language. */
function completeCommand(commands: ConsoleCommands, line: string): [string[], string] {
  if (/\s/.test(line.trimStart())) return [[], line];

  const typed = line.trimStart().toLowerCase();
  const matches = commands.commandNames().filter((name) => name.startsWith(typed));
  return [matches.length > 0 ? matches.map((name) => `${name} `) : [], typed];
}
