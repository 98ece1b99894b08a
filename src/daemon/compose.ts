/**
 * The composition root: builds the daemon from the configuration, with real serial ports and GPIO
 * or with the simulators. Both paths share everything above the hardware.
 */
import type { BindingInterface } from '@serialport/bindings-interface';

import { promptOverrideDir } from '../call/promptFiles.js';
import { PromptLibrary } from '../call/prompts.js';
import { REGION_FACTS } from '../config/regions.js';
import type { Config } from '../config/schema.js';
import type { Board } from '../hardware/board.js';
import { createGpioBoard } from '../hardware/gpioBoard.js';
import { AtChannel } from '../modem/atChannel.js';
import { VoiceModem } from '../modem/voiceModem.js';
import type { NumberContext } from '../policy/numbers.js';
import { createLinkedBoard } from '../sim/boardLink.js';
import { CallLog } from '../storage/callLog.js';
import { ListStore } from '../storage/lists.js';
import { MessageStore } from '../storage/messages.js';
import { createOnoffPinFactory } from '../transport/gpio.js';
import { openSerialLink } from '../transport/serialLink.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/log.js';
import { Daemon } from './daemon.js';
import { fileSystemPathCheck, type PathCheck } from './pathPoller.js';

export interface ComposeOptions {
  clock: Clock;
  logger: Logger;
  /** A serialport binding for the modems, such as the simulator's; the operating system's when absent. */
  binding?: BindingInterface;
  /** A board to use instead of the one the configuration names, such as the simulated board. */
  board?: Board;
  random?: () => number;
  wallNow?: () => Date;
}

/** Everything the composition root built, for the commands that need more than the daemon. */
export interface Composition {
  /** The live configuration: the console's `set` changes it in place. */
  config: Config;
  daemon: Daemon;
  board: Board;
  lists: ListStore;
  callLog: CallLog;
  messages: MessageStore;
  prompts: PromptLibrary;
}

/** Builds the daemon and its stores; the daemon is not started yet. */
export async function composeDaemon(config: Config, options: ComposeOptions): Promise<Composition> {
  const { clock, logger } = options;
  const numberContext: NumberContext = { region: config.region, areaCode: config.areaCode };

  const lists = await ListStore.open({
    dataDir: config.dataDir,
    context: numberContext,
    logger: logger.child({ module: 'lists' }),
  });
  const callLog = await CallLog.open({
    dataDir: config.dataDir,
    maxEntries: config.callLog.maxEntries,
    logger: logger.child({ module: 'call-log' }),
  });
  const messages = await MessageStore.open({
    dataDir: config.dataDir,
    logger: logger.child({ module: 'messages' }),
  });
  const prompts = PromptLibrary.load({
    locale: config.locale,
    overrideDir: promptOverrideDir(config),
    logger,
  });
  const board = options.board ?? (await createBoard(config, clock, logger));

  const openModems = async (): Promise<{ line: VoiceModem; phone: VoiceModem }> => {
    const line = await openModem('line', config, options);
    try {
      const phone = await openModem('phone', config, options);
      return { line, phone };
    } catch (error) {
      await line.close();
      throw error;
    }
  };

  const daemon = new Daemon(
    {
      config,
      clock,
      logger,
      board,
      lists,
      callLog,
      messages,
      prompts,
      numberContext,
      random: options.random ?? Math.random,
      realNow: () => performance.now(),
      wallNow: options.wallNow ?? (() => new Date()),
    },
    openModems,
    { pathCheck: options.binding ? bindingPathCheck(options.binding) : fileSystemPathCheck },
  );
  return { config, daemon, board, lists, callLog, messages, prompts };
}

async function createBoard(config: Config, clock: Clock, logger: Logger): Promise<Board> {
  const boardLogger = logger.child({ module: 'board' });
  if (config.board.kind === 'sim-link') {
    if (!config.board.simLinkPath) {
      throw new Error(
        'board.simLinkPath is missing: a "sim-link" board needs the serial path of the board simulator.',
      );
    }
    const link = await openSerialLink(config.board.simLinkPath, { exclusive: false });
    return createLinkedBoard(link, { logger: boardLogger });
  }
  return createGpioBoard(config.board, {
    pins: createOnoffPinFactory(config.board.sysfsRoot),
    clock,
    logger: boardLogger,
  });
}

async function openModem(
  side: 'line' | 'phone',
  config: Config,
  options: ComposeOptions,
): Promise<VoiceModem> {
  const settings = config.modems[side];
  const logger = options.logger;
  const link = await openSerialLink(settings.path, { baudRate: settings.baudRate, binding: options.binding });
  const channel = new AtChannel(link, { name: side, clock: options.clock, logger });
  const modem = new VoiceModem(channel, {
    clock: options.clock,
    logger,
    side,
    countryCode: REGION_FACTS[config.region].gci,
    initExtra: settings.initExtra,
    callerIdMode: settings.callerIdMode,
  });

  try {
    await modem.setup();
  } catch (error) {
    await modem.close();
    throw error;
  }
  return modem;
}

/** A path exists for a serialport binding, such as the simulator's, when the binding lists it. */
function bindingPathCheck(binding: BindingInterface): PathCheck {
  return async (path) => (await binding.list()).some((port) => port.path === path);
}
