/**
 * A serialport binding that connects ports to simulators in the same process, so that the real
 * `@serialport/stream` and everything above it run against a ModemSim. It follows the contract of
 * `@serialport/bindings-interface` 1.2. A read resolves with at least one byte. Reads and writes
 * in progress when the port closes fail with `canceled: true`. Any other error is a disconnect,
 * which is how `unplug()` makes the stream report an unplugged USB modem.
 */
import type {
  BindingInterface,
  BindingPortInterface,
  OpenOptions,
  PortInfo,
  PortStatus,
  SetOptions,
  UpdateOptions,
} from '@serialport/bindings-interface';

import { createSilentLogger, type Logger } from '../util/log.js';

/** The host side of a simulator: bytes in from the host, bytes out to it. */
export interface SimEndpoint {
  writeFromHost(bytes: Uint8Array): void;
  /** Calls `listener` with every chunk for the host. Returns a function that removes it. */
  onHostData(listener: (bytes: Buffer) => void): () => void;
}

/**
 * Bytes kept for a port whose reader does not keep up; more are dropped with a warning, as a
 * tty's input buffer overflows.
 */
export const MAX_UNREAD_BYTES = 1024 * 1024;

/** Registry of simulators by path, with a binding that opens them. */
export class SimRegistry {
  private readonly endpoints = new Map<string, SimEndpoint>();
  /** Simulators whose path has gone away with detach(), kept for attach(). */
  private readonly detached = new Map<string, SimEndpoint>();
  private readonly openPorts = new Map<string, SimPort>();
  private readonly logger: Logger;

  /** The binding to pass as `openSerialLink(path, { binding })`. */
  readonly binding: BindingInterface;

  constructor(logger: Logger = createSilentLogger()) {
    this.logger = logger.child({ module: 'sim-binding' });
    this.binding = {
      list: async () => [...this.endpoints.keys()].map(portInfo),
      open: async (options) => this.open(options),
    };
  }

  /**
   * Makes `endpoint` openable at `path`.
   * @throws Error when another simulator is registered at `path`.
   */
  register(path: string, endpoint: SimEndpoint): void {
    if (this.endpoints.has(path))
      throw new Error(`A simulator is already registered at ${path}: unregister it first.`);
    this.endpoints.set(path, endpoint);
  }

  /** Removes the simulator at `path`; a port open on it is disconnected as by unplug(). */
  unregister(path: string): void {
    this.unplug(path);
    this.endpoints.delete(path);
  }

  /**
   * Disconnects the port open at `path` as an unplugged USB modem does: its pending read fails
   * with an error that is not a cancellation, so the stream closes with a disconnect error. A
   * stream that is not reading (no data listener) notices at its next read or write. The
   * simulator stays registered, so the path can be opened again at once, as after a USB reset.
   */
  unplug(path: string): void {
    const port = this.openPorts.get(path);
    if (port === undefined) return;
    this.logger.info({ path }, 'simulated port unplugged');
    port.disconnect();
  }

  /**
   * Pulls the USB modem at `path`: the open port disconnects as by unplug(), and the path is gone
   * until attach(), so that opening it fails as it does while the device node is missing.
   */
  detach(path: string): void {
    const endpoint = this.endpoints.get(path);
    if (endpoint === undefined) return;
    this.unregister(path);
    this.detached.set(path, endpoint);
    this.logger.info({ path }, 'simulated device removed');
  }

  /**
   * Plugs the modem that detach() removed back in at the same path.
   * @throws Error when nothing was detached at `path`.
   */
  attach(path: string): void {
    const endpoint = this.detached.get(path);
    if (endpoint === undefined) throw new Error(`No simulated device was detached at ${path}.`);
    this.detached.delete(path);
    this.register(path, endpoint);
    this.logger.info({ path }, 'simulated device plugged in again');
  }

  /** Whether a simulator is registered at `path`, as a device node exists. */
  has(path: string): boolean {
    return this.endpoints.has(path);
  }

  private async open(options: OpenOptions): Promise<SimPort> {
    const endpoint = this.endpoints.get(options.path);
    if (endpoint === undefined) {
      const known = [...this.endpoints.keys()].join(', ') || 'none';
      throw new Error(`No simulated device at ${options.path} (registered: ${known}).`);
    }
    if (this.openPorts.has(options.path)) {
      throw new Error(`Simulated device ${options.path} is already open: close the other port first.`);
    }

    const port = new SimPort(fillOpenOptions(options), endpoint, this.logger, () =>
      this.openPorts.delete(options.path),
    );
    this.openPorts.set(options.path, port);
    this.logger.debug({ path: options.path }, 'simulated port opened');
    return port;
  }
}

/** Creates an error that the stream reads as part of a close, not as a disconnect. */
function canceledError(message: string): Error & { canceled: true } {
  return Object.assign(new Error(message), { canceled: true as const });
}

type PendingRead = {
  buffer: Buffer;
  offset: number;
  length: number;
  resolve: (result: { buffer: Buffer; bytesRead: number }) => void;
  reject: (error: Error) => void;
};

/** One open port on a simulator. */
class SimPort implements BindingPortInterface {
  isOpen = true;
  private readonly unread: Buffer[] = [];
  private unreadBytes = 0;
  private pendingRead: PendingRead | null = null;
  private pendingWrites = new Set<(error: Error) => void>();
  private disconnected = false;
  private droppedBytes = 0;
  private readonly stopListening: () => void;

  constructor(
    readonly openOptions: Required<OpenOptions>,
    private readonly endpoint: SimEndpoint,
    private readonly logger: Logger,
    private readonly onClosed: () => void,
  ) {
    this.stopListening = endpoint.onHostData((bytes) => this.receive(bytes));
  }

  async close(): Promise<void> {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.stopListening();
    this.onClosed();

    this.pendingRead?.reject(canceledError('Port closed during read'));
    this.pendingRead = null;
    for (const reject of this.pendingWrites) reject(canceledError('Port closed during write'));
    this.pendingWrites.clear();
  }

  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    if (!this.isOpen) return Promise.reject(canceledError('Read on a closed port'));
    if (this.disconnected) return Promise.reject(this.disconnectError());

    return new Promise((resolve, reject) => {
      this.pendingRead = { buffer, offset, length, resolve, reject };
      this.serveRead();
    });
  }

  /** Hands the bytes to the simulator on the next turn of the event loop, as an OS write would. */
  write(buffer: Buffer): Promise<void> {
    if (!this.isOpen) return Promise.reject(canceledError('Write on a closed port'));
    if (this.disconnected) return Promise.reject(this.disconnectError());

    const bytes = Buffer.from(buffer);
    return new Promise((resolve, reject) => {
      this.pendingWrites.add(reject);
      setImmediate(() => {
        if (!this.pendingWrites.delete(reject)) return;
        this.endpoint.writeFromHost(bytes);
        resolve();
      });
    });
  }

  async update(_options: UpdateOptions): Promise<void> {}

  async set(_options: SetOptions): Promise<void> {}

  async get(): Promise<PortStatus> {
    return { cts: true, dsr: true, dcd: false };
  }

  async getBaudRate(): Promise<{ baudRate: number }> {
    return { baudRate: this.openOptions.baudRate };
  }

  async flush(): Promise<void> {
    this.unread.length = 0;
    this.unreadBytes = 0;
  }

  async drain(): Promise<void> {}

  /** Fails the pending read and every later read and write with a disconnect error. */
  disconnect(): void {
    this.disconnected = true;
    this.pendingRead?.reject(this.disconnectError());
    this.pendingRead = null;
  }

  private receive(bytes: Buffer): void {
    if (this.unreadBytes + bytes.length > MAX_UNREAD_BYTES) {
      if (this.droppedBytes === 0)
        this.logger.warn({ path: this.openOptions.path }, 'simulated port not read: dropping input');
      this.droppedBytes += bytes.length;
      return;
    }
    this.unread.push(Buffer.from(bytes));
    this.unreadBytes += bytes.length;
    this.serveRead();
  }

  private serveRead(): void {
    const read = this.pendingRead;
    if (read === null || this.unreadBytes === 0) return;
    this.pendingRead = null;

    let copied = 0;
    while (copied < read.length && this.unread.length > 0) {
      const head = this.unread[0] as Buffer;
      const count = Math.min(head.length, read.length - copied);
      head.copy(read.buffer, read.offset + copied, 0, count);
      copied += count;
      if (count === head.length) this.unread.shift();
      else this.unread[0] = head.subarray(count);
    }
    this.unreadBytes -= copied;
    read.resolve({ buffer: read.buffer, bytesRead: copied });
  }

  private disconnectError(): Error {
    return Object.assign(new Error(`Simulated device ${this.openOptions.path} was unplugged`), {
      disconnected: true,
    });
  }
}

function portInfo(path: string): PortInfo {
  return {
    path,
    manufacturer: 'vorzimmer simulator',
    serialNumber: undefined,
    pnpId: undefined,
    locationId: undefined,
    productId: undefined,
    vendorId: undefined,
  };
}

function fillOpenOptions(options: OpenOptions): Required<OpenOptions> {
  return {
    dataBits: 8,
    lock: true,
    stopBits: 1,
    parity: 'none',
    rtscts: false,
    xon: false,
    xoff: false,
    xany: false,
    hupcl: true,
    ...options,
  };
}
