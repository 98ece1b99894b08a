/**
 * `vorzimmer run --config FILE`: the daemon on the real serial ports and GPIO. Every way out of the
 * process (signal, crash, normal exit) first returns the pins to their safe state, so that the
 * desk phone is a plain phone again.
 */
import { reloadPromptLibrary } from '../call/promptFiles.js';
import { startSerialConsole } from '../console/serialConsole.js';
import { SettingsStore } from '../console/settings.js';
import { readDaemonStatus } from '../console/status.js';
import { composeDaemon } from '../daemon/compose.js';
import { startWatchdog } from '../daemon/watchdog.js';
import { EXIT_MODEMS_FAILED } from '../daemon/daemon.js';
import { loadConfigFile } from '../config/load.js';
import { createClock } from '../util/clock.js';
import { errorMessage } from '../util/errors.js';
import { createRootLogger } from '../util/log.js';

/** Exit code when the daemon cannot run; systemd restarts it. */
const EXIT_FAILURE = 1;

export async function runCommand(options: {
  config: string;
  dataDir?: string;
  timeScale?: number;
}): Promise<void> {
  const logger = createRootLogger();
  const config = loadConfigFile(options.config, { dataDir: options.dataDir });
  // A time scale above 1 only makes sense against simulated hardware, for tests.
  const clock = createClock(options.timeScale ?? 1);

  // Settings saved at the console override the file; they must be in place before the prompts load.
  const settings = await SettingsStore.open({
    dataDir: config.dataDir,
    config,
    logger: logger.child({ module: 'settings' }),
  });
  const composition = await composeDaemon(config, { clock, logger });
  const { daemon, board, lists, callLog, messages, prompts } = composition;
  // A console in another process edits the same files; the daemon picks its changes up.
  const stopListsWatch = lists.watch();
  const stopSettingsWatch = settings.watch();
  const serialConsole = await startSerialConsole({
    config,
    lists,
    callLog,
    messages,
    settings,
    status: () => readDaemonStatus(daemon, board),
    applySetting: (key, value) => {
      if (key === 'locale' && (value === 'de' || value === 'en')) {
        reloadPromptLibrary(prompts, { ...config, locale: value }, logger);
      }
    },
    reloadPrompts: () => reloadPromptLibrary(prompts, config, logger),
    armPromptRecording: (name) =>
      daemon.armPromptRecording(name, (result) =>
        logger.info({ prompt: name, result: result.kind }, 'prompt recording finished'),
      ),
    logger: logger.child({ module: 'console' }),
  });
  const safeStateSync = (board as { safeStateSync?: () => void }).safeStateSync?.bind(board);

  const watchdog = startWatchdog(logger);
  let stopping = false;
  const shutdown = async (reason: string, code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'daemon stopping');
    watchdog.stop();
    try {
      stopListsWatch();
      stopSettingsWatch();
      await serialConsole.close();
      await daemon.stop();
      await board.close();
    } catch (error) {
      logger.error({ err: errorMessage(error) }, 'error while stopping');
      safeStateSync?.();
    }
    process.exit(code);
  };

  // The modem recovery gave up: exit non-zero, so that systemd restarts the daemon.
  daemon.failed.add(() => void shutdown('modem recovery gave up', EXIT_MODEMS_FAILED));
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
  process.on('SIGHUP', () => void shutdown('SIGHUP', 0));
  process.on('exit', () => safeStateSync?.());
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: errorMessage(error), stack: error.stack }, 'uncaught error');
    safeStateSync?.();
    void shutdown('uncaught error', EXIT_FAILURE);
  });
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: errorMessage(reason) }, 'unhandled rejection');
    safeStateSync?.();
    void shutdown('unhandled rejection', EXIT_FAILURE);
  });

  await daemon.start();
  watchdog.ready();
}
