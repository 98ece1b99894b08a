/**
 * Puts a simulator on a pseudo-terminal, so that another process (the daemon, picocom) opens a
 * device path and talks to it as to a USB modem. socat makes two linked ptys: the host opens
 * `hostPath`, the simulator's side is attached to `hostPath.sim`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { lstat, readlink, stat } from 'node:fs/promises';
import path from 'node:path';

import { openSerialLink } from '../transport/serialLink.js';
import { errorMessage } from '../util/errors.js';
import { createSilentLogger, type Logger } from '../util/log.js';
import type { SimEndpoint } from './simBinding.js';

/** Waits of the pty bridge in real milliseconds. */
export const PTY_TIMING = {
  /** socat start → both links present. */
  linksReadyTimeoutMs: 5000,
  linkPollIntervalMs: 20,
  /** SIGTERM → exit before SIGKILL follows. */
  exitTimeoutMs: 2000,
} as const;

/** Two linked pseudo-terminals: the host opens `hostPath`, the simulator `simPath`. */
export interface PtyPair {
  hostPath: string;
  simPath: string;
  /** Stops socat, which removes both links. */
  close(): Promise<void>;
}

/**
 * Starts `socat -d -d pty,raw,echo=0,link=<hostPath> pty,raw,echo=0,link=<hostPath>.sim` and
 * waits until both links exist.
 * @throws Error when socat is missing, exits early or does not create the links in time, or when
 *   `hostPath` is taken by a file or by a link to a device that exists.
 */
export async function createPtyPair(
  hostPath: string,
  logger: Logger = createSilentLogger(),
): Promise<PtyPair> {
  const simPath = `${hostPath}.sim`;
  await assertPathFree(hostPath);
  await assertPathFree(simPath);

  const log = logger.child({ module: 'pty-bridge', path: hostPath });
  const socat = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${simPath}`],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  socat.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  try {
    await waitForLinks(socat, [hostPath, simPath], () => stderr);
  } catch (error) {
    await stopProcess(socat);
    throw error;
  }
  log.info({ pid: socat.pid, simPath }, 'pty pair ready');

  return {
    hostPath,
    simPath,
    close: async () => {
      await stopProcess(socat);
      log.info('pty pair closed');
    },
  };
}

/**
 * Opens `path` (normally a PtyPair's simPath) and pipes bytes both ways between it and `endpoint`.
 * @throws VorzimmerError MODEM_DISCONNECTED when the path cannot be opened.
 */
export async function attachSimToSerial(
  endpoint: SimEndpoint,
  path: string,
  logger: Logger = createSilentLogger(),
): Promise<{ close(): Promise<void> }> {
  const log = logger.child({ module: 'pty-bridge', path });
  const link = await openSerialLink(path, { exclusive: false });

  let writes = Promise.resolve();
  const stopReading = link.onData((bytes) => endpoint.writeFromHost(bytes));
  const stopWriting = endpoint.onHostData((bytes) => {
    writes = writes
      .then(() => link.write(bytes))
      .catch((error: unknown) =>
        log.warn({ err: errorMessage(error), bytes: bytes.length }, 'write to pty failed'),
      );
  });
  link.onClose((error) => {
    if (error) log.warn({ err: error.message }, 'pty link closed unexpectedly');
  });

  return {
    close: async () => {
      stopReading();
      stopWriting();
      await writes;
      await link.close();
    },
  };
}

/** Throws unless `linkPath` is free or a stale link whose target is gone, which socat replaces. */
async function assertPathFree(linkPath: string): Promise<void> {
  const entry = await lstat(linkPath).catch(() => null);
  if (entry === null) return;

  if (!entry.isSymbolicLink()) {
    throw new Error(`Cannot create pty link ${linkPath}: a file with that name exists. Choose another path.`);
  }
  const target = await readlink(linkPath);
  const targetExists = await stat(path.resolve(path.dirname(linkPath), target)).then(
    () => true,
    () => false,
  );
  if (targetExists) {
    throw new Error(
      `Cannot create pty link ${linkPath}: it already points to ${target}, which is in use. Stop the other simulator or choose another path.`,
    );
  }
}

function waitForLinks(socat: ChildProcess, links: readonly string[], stderr: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(poller);
      if (error) reject(error);
      else resolve();
    };

    socat.once('error', (error: NodeJS.ErrnoException) => {
      const hint =
        error.code === 'ENOENT'
          ? 'socat is not installed: install it (for example `apt-get install socat`)'
          : error.message;
      finish(new Error(`Cannot start socat for ${links[0]}: ${hint}.`));
    });
    socat.once('exit', (code, signal) => {
      finish(
        new Error(
          `socat exited (${signal ?? `code ${code}`}) before creating ${links.join(' and ')}: ${stderr().trim() || 'no output'}`,
        ),
      );
    });

    let poller: NodeJS.Timeout;
    const poll = (): void => {
      void Promise.all(
        links.map((link) =>
          lstat(link).then(
            () => true,
            () => false,
          ),
        ),
      ).then((present) => {
        if (settled) return;
        if (present.every(Boolean) && /starting data transfer loop/.test(stderr())) return finish();
        if (Date.now() - started > PTY_TIMING.linksReadyTimeoutMs) {
          return finish(
            new Error(
              `socat did not create ${links.join(' and ')} within ${PTY_TIMING.linksReadyTimeoutMs} ms: ${stderr().trim() || 'no output'}`,
            ),
          );
        }
        poller = setTimeout(poll, PTY_TIMING.linkPollIntervalMs);
      });
    };
    poller = setTimeout(poll, 0);
  });
}

/** Sends SIGTERM and waits for the exit, with SIGKILL after a timeout. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), PTY_TIMING.exitTimeoutMs);
  await exited;
  clearTimeout(timer);
}
