/**
 * `vorzimmer console --config FILE [--data-dir DIR] [--pty PATH]`: the console as its own
 * process, on standard input or on a new pseudo-terminal that picocom or screen can attach to.
 * It opens the stores of the data folder itself, so it works while the daemon runs or not.
 */
import { loadConfigFile } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { createPtyPair } from '../sim/ptyBridge.js';
import { CallLog } from '../storage/callLog.js';
import { ListStore } from '../storage/lists.js';
import { MessageStore } from '../storage/messages.js';
import { openSerialLink } from '../transport/serialLink.js';
import { createRootLogger, type Logger } from '../util/log.js';
import { ConsoleCommands } from './commands.js';
import { translate } from './messages.js';
import { serveConsoleOnLink } from './serialConsole.js';
import { SettingsStore } from './settings.js';
import { DETACHED_STATUS } from './status.js';
import { runTerminalSession } from './terminal.js';
import { playWavFile } from './wavPlayer.js';

/** Options of the `console` command. */
export interface ConsoleCliOptions {
  config: string;
  dataDir?: string;
  pty?: string;
}

/** Runs the console until the user leaves it (standard input) or the process gets SIGINT or SIGTERM (`--pty`). Returns the exit code. */
export async function consoleCommand(options: ConsoleCliOptions): Promise<number> {
  // Log lines would run through the prompt or bury the line that says where the console is, so only warnings show.
  const logger = createRootLogger(process.env.VORZIMMER_LOG_LEVEL ?? 'warn').child({
    module: 'console',
  });
  const config = loadConfigFile(options.config, { dataDir: options.dataDir });
  const createCommands = await openCommandFactory(config, logger);

  if (options.pty !== undefined) return servePty(options.pty, config, createCommands, logger);
  return serveStandardInput(createCommands, logger);
}

/** Opens the stores once and returns a function that makes the commands of one session. */
async function openCommandFactory(config: Config, logger: Logger): Promise<() => ConsoleCommands> {
  const numberContext = { region: config.region, areaCode: config.areaCode };
  const lists = await ListStore.open({ dataDir: config.dataDir, context: numberContext, logger });
  const callLog = await CallLog.open({
    dataDir: config.dataDir,
    maxEntries: config.callLog.maxEntries,
    logger,
  });
  const messages = await MessageStore.open({ dataDir: config.dataDir, logger });
  const settings = await SettingsStore.open({ dataDir: config.dataDir, config, logger });

  return () =>
    new ConsoleCommands({
      lists,
      callLog,
      messages,
      config,
      locale: config.locale,
      status: () => DETACHED_STATUS,
      playMessage: playWavFile,
      settings,
      logger,
      baseDir: process.cwd(),
    });
}

async function serveStandardInput(createCommands: () => ConsoleCommands, logger: Logger): Promise<number> {
  const { stdin, stdout } = process;
  const terminal = stdin.isTTY === true && stdout.isTTY === true;
  if (terminal) stdin.setRawMode(true);

  try {
    const session = runTerminalSession({
      input: stdin,
      output: stdout,
      commands: createCommands(),
      terminal,
      logger,
    });
    await session.ended;
  } finally {
    if (terminal) stdin.setRawMode(false);
    stdin.pause();
  }
  // NOTE: the exit status is 0 even when a command failed, so a script that pipes commands in
  // cannot tell; it has to read the output.
  return 0;
}

async function servePty(
  path: string,
  config: Config,
  createCommands: () => ConsoleCommands,
  logger: Logger,
): Promise<number> {
  const pair = await createPtyPair(path, logger);
  const link = await openSerialLink(pair.simPath, { exclusive: false });
  const served = serveConsoleOnLink(link, createCommands, logger);
  process.stderr.write(`${translate(config.locale, 'ptyReady', { path: pair.hostPath })}\n`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });

  await served.stop();
  await pair.close();
  return 0;
}
