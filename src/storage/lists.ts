/**
 * The allowlist and blocklist, kept in `DATA/lists.json` through lowdb. Every change is on disk
 * before its promise resolves, and a damaged file is recovered from its backup, never replaced by
 * empty lists (see AtomicJsonFile).
 */
import { randomUUID } from 'node:crypto';
import { watch } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import { Low } from 'lowdb';
import { z } from 'zod';

import { buildListIndex, type ListEntry, type ListIndex, type Lists } from '../policy/listIndex.js';
import {
  formatPattern,
  isOwnCountryPrefix,
  parseListPattern,
  parseStoredPattern,
  type ListPattern,
  type NumberContext,
} from '../policy/numbers.js';
import { errorMessage, isVorzimmerError, VorzimmerError } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import { AtomicJsonFile } from './atomicFile.js';
import { errorCode } from './fileSystem.js';
import { SerialQueue } from './serialQueue.js';

type ListName = 'allow' | 'block';

const storedEntrySchema = z.object({
  id: z.string().min(1),
  raw: z.string(),
  name: z.string(),
  /** The pattern in `formatPattern` form, so that entries keep their meaning if the region or area code changes. */
  pattern: z
    .string()
    .refine((text) => parseStoredPattern(text) !== null, 'must be like +49305550123 or +49900*'),
  addedAt: z.iso.datetime(),
  source: z.enum(['console', 'desk', 'import', 'config']),
  /** Written only for VIP allowlist entries, so files from before the flag still load. */
  vip: z.literal(true).optional(),
});

const listsFileSchema = z.object({
  version: z.literal(1),
  allow: z.array(storedEntrySchema),
  block: z.array(storedEntrySchema),
});

type StoredEntry = z.infer<typeof storedEntrySchema>;
type ListsFile = z.infer<typeof listsFileSchema>;

/** Lists as the scenario runner and importers supply them: numbers as a person types them. */
export interface ListsInput {
  allow?: readonly { number: string; name: string; vip?: boolean }[];
  block?: readonly { number: string; name: string }[];
}

/** Options of `ListStore.add`. */
export interface AddOptions {
  /**
   * Marks an allowlist entry as VIP, so that it still rings through during do-not-disturb
   * times. When left out, a replaced entry keeps its flag. Ignored for the blocklist.
   */
  vip?: boolean;
}

/** Result of `ListStore.add`. */
export interface AddResult {
  entry: ListEntry;
  /** The entry of the same list with the same pattern that `entry` replaced, or null. */
  replaced: ListEntry | null;
  /** The other list, when an entry with the same pattern was removed from it, or null. */
  movedFrom: ListName | null;
}

/** Options of `ListStore.open`. */
export interface ListStoreOptions {
  dataDir: string;
  context: NumberContext;
  logger: Logger;
  /** Clock for `addedAt`; the system clock unless given. */
  now?: () => Date;
}

/**
 * The lists in memory and on disk. Changes run one at a time, and each one is written to disk
 * before it shows in `snapshot()` and before its promise resolves. A failed write leaves the
 * lists as they were.
 */
export class ListStore {
  private lists: Lists;
  private cachedIndex: ListIndex;
  private readonly queue = new SerialQueue();
  private readonly listeners = new Set<() => void>();
  /** Identity of `lists.json` when this store last read or wrote it, or null when it was missing. */
  private fileStamp: string | null = null;

  private constructor(
    private readonly db: Low<ListsFile>,
    private readonly context: NumberContext,
    private readonly logger: Logger,
    private readonly now: () => Date,
    private readonly path: string,
  ) {
    this.lists = fromFile(db.data);
    this.cachedIndex = buildListIndex(this.lists);
  }

  /**
   * Opens `DATA/lists.json`, creating the folder if needed. A missing file gives empty lists.
   * Throws VorzimmerError `STORAGE_FAILED` when the file and its backup are both unusable.
   */
  static async open(options: ListStoreOptions): Promise<ListStore> {
    await mkdir(options.dataDir, { recursive: true });
    const path = join(options.dataDir, 'lists.json');
    const file = new AtomicJsonFile<ListsFile>({ path, schema: listsFileSchema, logger: options.logger });

    const db = new Low<ListsFile>(file, { version: 1, allow: [], block: [] });
    const stamp = await readFileStamp(path);
    await db.read();

    const store = new ListStore(db, options.context, options.logger, options.now ?? (() => new Date()), path);
    store.fileStamp = stamp;
    options.logger.info(
      { path, allow: store.lists.allow.length, block: store.lists.block.length },
      'Opened the lists',
    );
    return store;
  }

  /** Returns the current lists. The returned object is frozen and never changed later. */
  snapshot(): Lists {
    return this.lists;
  }

  /** Returns the lookup index of the current lists. It is rebuilt right after each change. */
  index(): ListIndex {
    return this.cachedIndex;
  }

  /**
   * Adds a number or prefix to a list. The same pattern already on that list keeps its id and
   * `addedAt` and gets the new name. The same pattern on the other list is removed from it. An
   * empty `name` keeps the name the pattern had on either list, so a repeated add loses nothing.
   * Throws VorzimmerError `NUMBER_INVALID` for an invalid number, and `STORAGE_FAILED` when
   * the write fails.
   */
  async add(
    list: ListName,
    raw: string,
    name: string,
    source: ListEntry['source'],
    options: AddOptions = {},
  ): Promise<AddResult> {
    const pattern = parseListPattern(raw, this.context);
    if (list === 'block' && isOwnCountryPrefix(pattern, this.context)) {
      throw new VorzimmerError(
        'NUMBER_INVALID',
        `Cannot block "${raw.trim()}": ${formatPattern(pattern)} would turn away every caller from your own country. To screen or refuse all unknown callers, choose a policy preset instead.`,
      );
    }
    const key = formatPattern(pattern);
    const other: ListName = list === 'allow' ? 'block' : 'allow';

    return this.queue.run(async () => {
      await this.reloadBeforeChange();
      const replaced = this.lists[list].find((entry) => formatPattern(entry.pattern) === key) ?? null;
      const moved = this.lists[other].find((entry) => formatPattern(entry.pattern) === key) ?? null;
      const entry: ListEntry = Object.freeze({
        id: replaced?.id ?? randomUUID(),
        list,
        raw: raw.trim(),
        name: name.trim() || replaced?.name || moved?.name || '',
        pattern,
        addedAt: replaced?.addedAt ?? this.now().toISOString(),
        source,
        ...vipFlag(list, options.vip ?? replaced?.vip),
      });

      const target =
        replaced === null
          ? [...this.lists[list], entry]
          : this.lists[list].map((e) => (e === replaced ? entry : e));
      const remaining = this.lists[other].filter((e) => formatPattern(e.pattern) !== key);
      const movedFrom = remaining.length < this.lists[other].length ? other : null;

      await this.commit(
        list === 'allow' ? { allow: target, block: remaining } : { allow: remaining, block: target },
      );
      this.logger.info(
        { list, pattern: key, replaced: replaced !== null, movedFrom, source },
        'Added a list entry',
      );
      return { entry, replaced, movedFrom };
    });
  }

  /**
   * Removes every entry of both lists whose pattern equals the pattern of `raw`, and returns the
   * removed entries. Removing a number does not remove a prefix that covers it.
   * Throws VorzimmerError `NUMBER_INVALID` for an invalid number.
   */
  async remove(raw: string): Promise<ListEntry[]> {
    const key = formatPattern(parseListPattern(raw, this.context));

    return this.queue.run(async () => {
      await this.reloadBeforeChange();
      const removed = [...this.lists.allow, ...this.lists.block].filter(
        (e) => formatPattern(e.pattern) === key,
      );
      if (removed.length === 0) return [];

      const keep = (entry: ListEntry): boolean => formatPattern(entry.pattern) !== key;
      await this.commit({ allow: this.lists.allow.filter(keep), block: this.lists.block.filter(keep) });
      this.logger.info({ pattern: key, removed: removed.length }, 'Removed list entries');
      return removed;
    });
  }

  /**
   * Replaces both lists. Within one list, a pattern given twice keeps the last name. Throws
   * VorzimmerError `NUMBER_INVALID` naming the first invalid entry, and changes nothing then.
   */
  async replaceAll(input: ListsInput, source: ListEntry['source']): Promise<void> {
    const addedAt = this.now().toISOString();
    const allow = this.parseInput('allow', input.allow ?? [], source, addedAt);
    const block = this.parseInput('block', input.block ?? [], source, addedAt);
    this.warnAboutEntriesOnBothLists(allow, block);

    return this.queue.run(async () => {
      await this.commit({ allow, block });
      this.logger.info({ allow: allow.length, block: block.length, source }, 'Replaced the lists');
    });
  }

  /**
   * Reads `lists.json` again when another process, such as a `vorzimmer console` started apart
   * from the daemon, has replaced it since this store last read or wrote it. Costs one `stat`
   * when nothing changed. Returns whether the lists were read again. Throws VorzimmerError
   * `STORAGE_FAILED` when the new file and its backup are both unusable, and keeps the lists then.
   * `add` and `remove` do the same first, so that they never write over another process's change.
   */
  reload(): Promise<boolean> {
    return this.queue.run(() => this.reloadIfReplaced());
  }

  /**
   * Reloads the lists whenever `lists.json` is replaced, `debounceMs` after the last change.
   * Failures are logged. Returns a function that stops watching.
   */
  watch(debounceMs = 100): () => void {
    let timer: NodeJS.Timeout | undefined;
    const watcher = watch(dirname(this.path), (_event, name) => {
      if (name !== basename(this.path)) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        this.reload().catch((error: unknown) =>
          this.logger.error(
            { path: this.path, err: error },
            'Failed to reload the lists after a change on disk',
          ),
        );
      }, debounceMs);
    });
    watcher.on('error', (error) =>
      this.logger.error({ path: this.path, err: error }, 'Stopped watching the lists file'),
    );
    this.logger.info({ path: this.path }, 'Watching the lists file for changes by other processes');

    return () => {
      clearTimeout(timer);
      watcher.close();
    };
  }

  /** Calls `listener` after every change. Returns a function that removes the listener. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes new lists, then makes them current and notifies the listeners. */
  private async commit(next: Lists): Promise<void> {
    const frozen: Lists = Object.freeze({
      allow: Object.freeze([...next.allow]),
      block: Object.freeze([...next.block]),
    });

    this.db.data = toFile(frozen);
    try {
      await this.db.write();
    } catch (error) {
      this.db.data = toFile(this.lists);
      throw error;
    }

    this.lists = frozen;
    this.cachedIndex = buildListIndex(frozen);
    // A failed stat only costs one needless reload before the next change.
    this.fileStamp = await readFileStamp(this.path).catch(() => null);
    this.notify();
  }

  private async reloadIfReplaced(): Promise<boolean> {
    const stamp = await readFileStamp(this.path);
    if (stamp === this.fileStamp) return false;

    await this.db.read();
    this.fileStamp = stamp;
    this.lists = fromFile(this.db.data);
    this.cachedIndex = buildListIndex(this.lists);
    this.logger.info(
      { path: this.path, allow: this.lists.allow.length, block: this.lists.block.length },
      'Reloaded the lists after another process changed them',
    );
    this.notify();
    return true;
  }

  /** Reloads before a change. A failure is logged and the change goes ahead on the lists in memory. */
  private async reloadBeforeChange(): Promise<void> {
    try {
      await this.reloadIfReplaced();
    } catch (error) {
      this.logger.error({ path: this.path, err: error }, 'Failed to reload the lists before a change');
    }
  }

  private notify(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        this.logger.error({ err: error }, 'A lists change listener failed');
      }
    }
  }

  private parseInput(
    list: ListName,
    input: readonly { number: string; name: string; vip?: boolean }[],
    source: ListEntry['source'],
    addedAt: string,
  ): ListEntry[] {
    const byPattern = new Map<string, ListEntry>();

    input.forEach((item, position) => {
      let pattern: ListPattern;
      try {
        pattern = parseListPattern(item.number, this.context);
      } catch (error) {
        if (!isVorzimmerError(error)) throw error;
        throw new VorzimmerError(
          'NUMBER_INVALID',
          `Entry ${position + 1} of the ${list}list ("${item.number}", name "${item.name}") is invalid: ${errorMessage(error)}`,
          { cause: error },
        );
      }

      const key = formatPattern(pattern);
      const earlier = byPattern.get(key);
      byPattern.delete(key);
      byPattern.set(
        key,
        Object.freeze({
          id: earlier?.id ?? randomUUID(),
          list,
          raw: item.number.trim(),
          name: item.name.trim(),
          pattern,
          addedAt,
          source,
          ...vipFlag(list, item.vip),
        }),
      );
    });
    return [...byPattern.values()];
  }

  private warnAboutEntriesOnBothLists(allow: readonly ListEntry[], block: readonly ListEntry[]): void {
    const allowed = new Set(allow.map((entry) => formatPattern(entry.pattern)));
    const both = block.map((entry) => formatPattern(entry.pattern)).filter((key) => allowed.has(key));
    if (both.length > 0) {
      this.logger.warn(
        { patterns: both.slice(0, 10), count: both.length },
        'Patterns on both lists: the allowlist wins',
      );
    }
  }
}

function toFile(lists: Lists): ListsFile {
  const store = (entry: ListEntry): StoredEntry => ({
    id: entry.id,
    raw: entry.raw,
    name: entry.name,
    pattern: formatPattern(entry.pattern),
    addedAt: entry.addedAt,
    source: entry.source,
    ...(entry.vip === true ? { vip: true as const } : {}),
  });
  return { version: 1, allow: lists.allow.map(store), block: lists.block.map(store) };
}

function fromFile(file: ListsFile): Lists {
  const load =
    (list: ListName) =>
    (stored: StoredEntry): ListEntry =>
      Object.freeze({
        id: stored.id,
        list,
        raw: stored.raw,
        name: stored.name,
        // The schema has checked the pattern, so parsing cannot fail here.
        pattern: parseStoredPattern(stored.pattern)!,
        addedAt: stored.addedAt,
        source: stored.source,
        ...vipFlag(list, stored.vip),
      });
  return Object.freeze({
    allow: Object.freeze(file.allow.map(load('allow'))),
    block: Object.freeze(file.block.map(load('block'))),
  });
}

/** Returns the `vip` field of an entry: set only on allowlist entries that are VIP. */
function vipFlag(list: ListName, vip: boolean | undefined): { vip?: true } {
  return list === 'allow' && vip === true ? { vip: true } : {};
}

/**
 * Returns the inode, size and modification time of a file, or null when it is missing. Every
 * atomic write renames a new file into place, so the inode changes even within one mtime tick.
 */
async function readFileStamp(path: string): Promise<string | null> {
  try {
    const info = await stat(path);
    return `${info.ino}:${info.size}:${info.mtimeMs}`;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}
