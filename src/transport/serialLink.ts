/**
 * The only module that opens serial ports. Everything above it sees a ByteLink: a stream of bytes
 * with writes, a close, and one report when the link goes away.
 */
import type { BindingInterface } from '@serialport/bindings-interface';
import { SerialPortStream } from '@serialport/stream';
import { SerialPort } from 'serialport';

import { VorzimmerError } from '../util/errors.js';

/** A byte stream to a modem, a board simulator or a console terminal. */
export interface ByteLink {
  readonly path: string;
  readonly isOpen: boolean;
  /** Resolves once the bytes are handed to the operating system. */
  write(bytes: Uint8Array): Promise<void>;
  /** Calls `listener` for every chunk received. Returns a function that removes it. */
  onData(listener: (bytes: Buffer) => void): () => void;
  /**
   * Calls `listener` once when the link closes: `error` is null for a close that this side asked
   * for, and set for a disconnect such as an unplugged USB modem.
   */
  onClose(listener: (error: Error | null) => void): () => void;
  close(): Promise<void>;
}

export interface SerialLinkOptions {
  baudRate?: number;
  /** A serialport binding to use instead of the operating system's, such as the modem simulator's. */
  binding?: BindingInterface;
  /** Take an exclusive lock on the device (default true), so that ModemManager and others stay off it. */
  exclusive?: boolean;
}

/**
 * Opens the serial device at `path`.
 * @throws VorzimmerError MODEM_DISCONNECTED naming the path when it cannot be opened.
 */
export async function openSerialLink(path: string, options: SerialLinkOptions = {}): Promise<ByteLink> {
  const baudRate = options.baudRate ?? 115200;
  const port = options.binding
    ? new SerialPortStream({ binding: options.binding, path, baudRate, autoOpen: false })
    : new SerialPort({ path, baudRate, autoOpen: false, lock: options.exclusive ?? true });

  await new Promise<void>((resolve, reject) => {
    port.open((error) => {
      if (error) {
        reject(
          new VorzimmerError('MODEM_DISCONNECTED', `Cannot open serial port ${path}: ${error.message}`, {
            cause: error,
          }),
        );
      } else {
        resolve();
      }
    });
  });

  return wrapPort(port, path);
}

function wrapPort(port: SerialPortStream, path: string): ByteLink {
  const closeListeners = new Set<(error: Error | null) => void>();
  let closeError: Error | null = null;
  let closed = false;

  port.on('error', (error: Error) => {
    closeError = error;
  });
  port.on('close', (error?: Error & { disconnected?: boolean }) => {
    closed = true;
    const reason = error ?? closeError;
    for (const listener of closeListeners) listener(reason);
    closeListeners.clear();
  });

  return {
    path,
    get isOpen() {
      return port.isOpen && !closed;
    },
    write(bytes) {
      return new Promise((resolve, reject) => {
        if (closed) {
          reject(new VorzimmerError('MODEM_DISCONNECTED', `Serial port ${path} is closed.`));
          return;
        }
        port.write(Buffer.from(bytes), (error) => {
          if (error)
            reject(
              new VorzimmerError('MODEM_DISCONNECTED', `Write to ${path} failed: ${error.message}`, {
                cause: error,
              }),
            );
          else resolve();
        });
      });
    },
    onData(listener) {
      port.on('data', listener);
      return () => port.off('data', listener);
    },
    onClose(listener) {
      if (closed) {
        queueMicrotask(() => listener(closeError));
        return () => undefined;
      }
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close() {
      return new Promise((resolve) => {
        if (closed || !port.isOpen) {
          resolve();
          return;
        }
        port.close(() => resolve());
      });
    },
  };
}
