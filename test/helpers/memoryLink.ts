import type { ByteLink } from '../../src/transport/serialLink.js';

/** An in-memory ByteLink: the test plays the modem with `reply` and reads what the host wrote. */
export class MemoryLink implements ByteLink {
  readonly path = '/dev/test-modem';
  readonly written: Buffer[] = [];
  private open = true;
  private readonly dataListeners = new Set<(bytes: Buffer) => void>();
  private readonly closeListeners = new Set<(error: Error | null) => void>();
  /** Called for every write, so a test can answer commands. */
  onWrite: (bytes: Buffer) => void = () => undefined;

  get isOpen(): boolean {
    return this.open;
  }

  get writtenText(): string {
    return Buffer.concat(this.written).toString('latin1');
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.open) throw new Error('closed');
    const buffer = Buffer.from(bytes);
    this.written.push(buffer);
    queueMicrotask(() => this.onWrite(buffer));
  }

  /** Sends bytes from the "modem" to the host. */
  reply(bytes: string | Buffer): void {
    const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
    for (const listener of this.dataListeners) listener(buffer);
  }

  /** Simulates an unplugged device. */
  unplug(): void {
    this.open = false;
    for (const listener of this.closeListeners) listener(new Error('device unplugged'));
  }

  onData(listener: (bytes: Buffer) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (error: Error | null) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.open = false;
    for (const listener of this.closeListeners) listener(null);
  }
}
