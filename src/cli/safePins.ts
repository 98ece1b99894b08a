/**
 * `vorzimmer safe-pins --config FILE`: drives every configured GPIO pin to its safe level and exits.
 * systemd runs it before the daemon starts and after it stops, also when it was killed.
 */
import { readFileSync } from 'node:fs';

import { loadConfigFile } from '../config/load.js';
import { configSchema, type Config } from '../config/schema.js';
import { createGpioBoard } from '../hardware/gpioBoard.js';
import { createOnoffPinFactory } from '../transport/gpio.js';
import { createClock } from '../util/clock.js';
import { errorMessage, isVorzimmerError } from '../util/errors.js';
import { createRootLogger, type Logger } from '../util/log.js';

export async function safePinsCommand(options: { config: string }): Promise<void> {
  const logger = createRootLogger();
  const settings = loadBoardSettings(options.config, logger);
  if (settings.kind !== 'gpio') {
    logger.info({ kind: settings.kind }, 'no GPIO board configured; nothing to do');
    return;
  }

  // Creating the board drives every output to its safe level before anything else.
  const board = createGpioBoard(settings, {
    pins: createOnoffPinFactory(settings.sysfsRoot),
    clock: createClock(1),
    logger,
  });
  await board.safeState();
  logger.info('GPIO pins set to their safe levels: relay released, ringing off');
}

/**
 * Returns the `board` section of the config file. When another section is invalid, such as a
 * mistyped policy, the board section alone is used if it is valid, so that the pins still go to
 * their safe levels while the daemon cannot start.
 * @throws VorzimmerError CONFIG_INVALID when the board section itself is unusable.
 */
export function loadBoardSettings(file: string, logger: Logger): Config['board'] {
  try {
    return loadConfigFile(file).board;
  } catch (error) {
    if (!isVorzimmerError(error, 'CONFIG_INVALID')) throw error;

    const board = readBoardSection(file);
    if (board === null) throw error;
    logger.error(
      { path: file, err: errorMessage(error) },
      'configuration is invalid; using its valid board section to set the pins safe',
    );
    return board;
  }
}

/** Returns the file's board section with defaults filled in, or null when it cannot be read or is invalid. */
function readBoardSection(file: string): Config['board'] | null {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;

  const section = (json as { board?: unknown }).board ?? {};
  const parsed = configSchema.shape.board.safeParse(section);
  return parsed.success ? parsed.data : null;
}
