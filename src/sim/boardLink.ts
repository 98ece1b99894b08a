/**
 * The board over a serial link, so that the daemon can run as its own process against the board
 * simulator: serveSimBoard runs in the simulator, createLinkedBoard in the daemon.
 */
import type { Board } from '../hardware/board.js';
import type { SimBoard } from '../hardware/simBoard.js';
import type { ByteLink } from '../transport/serialLink.js';
import { VorzimmerError, errorMessage } from '../util/errors.js';
import { createRootLogger, type Logger } from '../util/log.js';
import { LinkedBoard } from './boardLinkClient.js';
import {
  BOARD_LINK_TIMING,
  LineSplitter,
  daemonMessageSchema,
  decodeMessage,
  encodeMessage,
  type DaemonMessage,
  type SimMessage,
} from './boardLinkProtocol.js';

/**
 * Serves `board` to a daemon on `link`: applies the daemon's commands and sends the board's state
 * on hello and on every hook or line-sense change. Invalid lines are logged and skipped.
 * Returns a function that stops serving but leaves the link open.
 *
 * When the daemon goes away the board keeps its state, as real sysfs GPIO pins keep their levels
 * after the process that set them has died.
 */
export function serveSimBoard(board: SimBoard, link: ByteLink, deps: { logger?: Logger } = {}): () => void {
  const logger = (deps.logger ?? createRootLogger()).child({ module: 'board-link', path: link.path });
  const splitter = new LineSplitter();

  const sendState = (): void => {
    const state: SimMessage = {
      op: 'state',
      hook: board.phonePort.hook,
      lineSense: board.lineSense?.offHook ?? null,
    };
    link.write(encodeMessage(state)).catch((error: unknown) => {
      logger.warn({ err: errorMessage(error) }, 'Cannot send the board state to the daemon');
    });
  };

  const apply = (message: DaemonMessage): void => {
    try {
      applyToBoard(message);
    } catch (error) {
      logger.error({ err: errorMessage(error), op: message.op }, 'Message from the daemon failed');
    }
  };

  const applyToBoard = (message: DaemonMessage): void => {
    switch (message.op) {
      case 'hello':
        sendState();
        break;
      case 'relay':
        void board.relay.setHeld(message.held);
        break;
      case 'ring':
        board.phonePort.startRinging(message.cadence);
        break;
      case 'ring-stop':
        board.phonePort.stopRinging();
        break;
      case 'led':
        board.leds.set(message.name, message.on);
        break;
    }
  };

  const removers = [
    link.onData((bytes) => {
      const { lines, discarded } = splitter.push(bytes);
      for (const line of discarded) logger.warn({ start: line }, 'Overlong line from the daemon discarded');
      for (const line of lines) {
        const decoded = decodeMessage(line, daemonMessageSchema);
        if (decoded.ok) apply(decoded.message);
        else logger.warn({ line, reason: decoded.reason }, 'Invalid message from the daemon skipped');
      }
    }),
    board.phonePort.onHookChange(sendState),
    board.lineSense?.onChange(sendState) ?? (() => undefined),
    link.onClose((error) => {
      logger.info(
        { err: error ? errorMessage(error) : null },
        'Daemon link closed, and the board keeps its state',
      );
    }),
  ];

  logger.info('Serving the simulated board');
  return () => {
    for (const remove of removers) remove();
  };
}

/**
 * Connects to a board simulator on `link` and returns the board once the simulator has sent its
 * state. The returned board owns the link and closes it in close().
 * @throws VorzimmerError GPIO_FAILED naming the path when no state arrives in time or the link closes first.
 */
export function createLinkedBoard(
  link: ByteLink,
  deps: { logger: Logger; helloTimeoutMs?: number },
): Promise<Board> {
  const logger = deps.logger.child({ module: 'linked-board', path: link.path });
  const timeoutMs = deps.helloTimeoutMs ?? BOARD_LINK_TIMING.helloTimeout;
  const timeoutError = new VorzimmerError(
    'GPIO_FAILED',
    `No state from the board simulator on ${link.path} within ${timeoutMs} ms after hello. ` +
      `Check that the board simulator runs and serves this path.`,
  );

  return new Promise<Board>((resolve, reject) => {
    const linked = new LinkedBoard(link, logger);
    const send = (): void => linked.sendHello();
    const repeat = setInterval(send, BOARD_LINK_TIMING.helloRepeat);
    const timeout = setTimeout(() => finish(timeoutError), timeoutMs);

    const removeReady = linked.onFirstState(() => finish(null));
    const removeClose = link.onClose((error) =>
      finish(
        new VorzimmerError(
          'GPIO_FAILED',
          `The link to the board simulator on ${link.path} closed before it sent its state` +
            `${error ? `: ${error.message}` : '.'}`,
          { cause: error },
        ),
      ),
    );

    function finish(error: VorzimmerError | null): void {
      clearInterval(repeat);
      clearTimeout(timeout);
      removeReady();
      removeClose();
      if (error) {
        linked.detach();
        reject(error);
      } else {
        logger.info('Connected to the board simulator');
        resolve(linked);
      }
    }

    send();
  });
}
