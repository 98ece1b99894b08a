import type { ByteLink } from '../../../src/transport/serialLink.js';

interface MemoryLink extends ByteLink {
  /** Everything written to this side, as text. */
  readonly written: string[];
  deliver(bytes: Buffer): void;
  closeFromPeer(error: Error | null): void;
}

/**
 * Two ByteLinks joined back to back in memory: bytes written to one arrive on the other in a
 * later microtask, as they would from a serial port. Closing one side closes both.
 */
export function createLinkPair(pathA = '/dev/pts/sim-a', pathB = '/dev/pts/sim-b'): [MemoryLink, MemoryLink] {
  const a = createMemoryLink(pathA);
  const b = createMemoryLink(pathB);
  a.peer = b;
  b.peer = a;
  return [a, b];
}

function createMemoryLink(path: string): MemoryLink & { peer: MemoryLink | null } {
  const dataListeners = new Set<(bytes: Buffer) => void>();
  const closeListeners = new Set<(error: Error | null) => void>();
  let open = true;

  const link = {
    path,
    peer: null as MemoryLink | null,
    written: [] as string[],
    get isOpen() {
      return open;
    },
    async write(bytes: Uint8Array) {
      if (!open) throw new Error(`${path} is closed`);
      const copy = Buffer.from(bytes);
      link.written.push(copy.toString('utf8'));
      queueMicrotask(() => link.peer?.deliver(copy));
    },
    onData(listener: (bytes: Buffer) => void) {
      dataListeners.add(listener);
      return () => dataListeners.delete(listener);
    },
    onClose(listener: (error: Error | null) => void) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    async close() {
      if (!open) return;
      link.closeFromPeer(null);
      link.peer?.closeFromPeer(new Error(`the other side (${path}) closed`));
    },
    deliver(bytes: Buffer) {
      if (!open) return;
      for (const listener of [...dataListeners]) listener(bytes);
    },
    closeFromPeer(error: Error | null) {
      if (!open) return;
      open = false;
      for (const listener of [...closeListeners]) listener(error);
      closeListeners.clear();
    },
  };
  return link;
}
