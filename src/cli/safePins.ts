/**
 * `vorzimmer safe-pins --config FILE`: drives every configured GPIO pin to its safe level and exits.
 * systemd runs it before the daemon starts and after it stops, also when it was killed.
 */
import { loadConfigFile } from '../config/load.js';
import { createGpioBoard } from '../hardware/gpioBoard.js';
import { createOnoffPinFactory } from '../transport/gpio.js';
import { createClock } from '../util/clock.js';
import { createRootLogger } from '../util/log.js';

export async function safePinsCommand(options: { config: string }): Promise<void> {
  const logger = createRootLogger();
  const config = loadConfigFile(options.config);
  if (config.board.kind !== 'gpio') {
    logger.info({ kind: config.board.kind }, 'no GPIO board configured; nothing to do');
    return;
  }

  // Creating the board drives every output to its safe level before anything else.
  const board = createGpioBoard(config.board, {
    pins: createOnoffPinFactory(config.board.sysfsRoot),
    clock: createClock(1),
    logger,
  });
  await board.safeState();
  logger.info('GPIO pins set to their safe levels: relay released, ringing off');
}
