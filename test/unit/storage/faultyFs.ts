/**
 * A wrapper of `node:fs/promises` that can make writes fail the way a full or read-only SD card
 * does. Test files install it with `vi.mock('node:fs/promises', …)` and switch faults with
 * `injectWriteFault` and `clearWriteFaults`.
 */
import type * as FsPromises from 'node:fs/promises';

interface WriteFault {
  /** Error code to raise, such as `ENOSPC`. */
  code: string;
  /** Only files whose path ends with this text fail. */
  pathSuffix: string;
  /** Bytes that reach the file before the error, to imitate a write cut short. */
  bytesBeforeError: number;
}

const faults: WriteFault[] = [];

/** Makes writes to files whose path ends in `pathSuffix` fail with `code` until cleared. */
export function injectWriteFault(code: string, pathSuffix: string, bytesBeforeError = 0): void {
  faults.push({ code, pathSuffix, bytesBeforeError });
}

/** Removes all injected faults. */
export function clearWriteFaults(): void {
  faults.length = 0;
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
};

function systemError(code: string, path: string): NodeJS.ErrnoException {
  const description = DESCRIPTIONS[code] ?? 'failed';
  return Object.assign(new Error(`${code}: ${description}, write '${path}'`), {
    code,
    syscall: 'write',
    path,
  });
}

/** Returns `actual` with `open` wrapped so that writes through a matching handle fail. */
export function withWriteFaults(actual: typeof FsPromises): typeof FsPromises {
  const open = (async (path: Parameters<typeof actual.open>[0], flags?: string | number, mode?: number) => {
    const handle = await actual.open(path, flags, mode);
    const fault = faults.find((candidate) => String(path).endsWith(candidate.pathSuffix));
    if (fault === undefined || flags === undefined || flags === 'r') return handle;

    const failingWrite = async (data: string | Uint8Array): Promise<never> => {
      const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
      if (fault.bytesBeforeError > 0) await handle.write(bytes.subarray(0, fault.bytesBeforeError));
      throw systemError(fault.code, String(path));
    };
    return new Proxy(handle, {
      get(target, property) {
        if (property === 'writeFile' || property === 'write') return failingWrite;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }) as typeof actual.open;

  return { ...actual, open, default: { ...actual, open } } as typeof FsPromises;
}
