/**
 * List entries and the lookup that finds the most specific entry for a caller. The index keeps
 * decisions fast with 100,000 entries. It makes one map lookup for exact numbers, then one per
 * distinct prefix length, longest first. So the cost grows with the number of prefix lengths
 * (at most 16), not with the number of entries.
 */
import { patternMatches, type ListPattern } from './numbers.js';

/** One entry of the allowlist or the blocklist. */
export interface ListEntry {
  id: string;
  list: 'allow' | 'block';
  /** The entry as it was typed, such as `030 5550123` or `0900*`. */
  raw: string;
  name: string;
  pattern: ListPattern;
  /** ISO 8601 time when the entry was added. */
  addedAt: string;
  /** Origin of the entry: the console, a key at the desk phone, an import, or the config file. */
  source: 'console' | 'desk' | 'import' | 'config';
  /** Whether this allowlist contact still rings through during do-not-disturb times. */
  vip?: boolean;
}

/** The allowlist and the blocklist. */
export interface Lists {
  allow: readonly ListEntry[];
  block: readonly ListEntry[];
}

/**
 * Ranks how specific a pattern is: an exact number ranks above every prefix, and a longer prefix
 * above a shorter one.
 */
export function patternSpecificity(pattern: ListPattern): number {
  return pattern.kind === 'exact' ? Number.POSITIVE_INFINITY : pattern.prefix.length;
}

/**
 * Finds the entry of one list that matches an E.164 number most specifically, by scanning the
 * list. An exact entry beats a prefix, a longer prefix beats a shorter one, and among equal
 * entries the first in the list wins. Returns null when nothing matches.
 */
export function findBestMatch(list: readonly ListEntry[], e164: string): ListEntry | null {
  let best: ListEntry | null = null;
  let bestSpecificity = Number.NEGATIVE_INFINITY;

  for (const entry of list) {
    const specificity = patternSpecificity(entry.pattern);
    if (specificity > bestSpecificity && patternMatches(entry.pattern, e164)) {
      best = entry;
      bestSpecificity = specificity;
    }
  }
  return best;
}

/** Lookup tables of one list. */
class PatternLookup {
  private readonly exact = new Map<string, ListEntry>();
  private readonly prefixes = new Map<string, ListEntry>();
  /** Distinct prefix lengths in characters, longest first. */
  private readonly prefixLengths: number[];

  constructor(entries: readonly ListEntry[]) {
    for (const entry of entries) {
      const { pattern } = entry;
      const table = pattern.kind === 'exact' ? this.exact : this.prefixes;
      const key = pattern.kind === 'exact' ? pattern.e164 : pattern.prefix;

      // The first of two equal entries wins, as in findBestMatch.
      if (!table.has(key)) table.set(key, entry);
    }

    const lengths = new Set([...this.prefixes.keys()].map((prefix) => prefix.length));
    this.prefixLengths = [...lengths].sort((a, b) => b - a);
  }

  find(e164: string): ListEntry | null {
    const exact = this.exact.get(e164);
    if (exact !== undefined) return exact;

    for (const length of this.prefixLengths) {
      if (length > e164.length) continue;
      const entry = this.prefixes.get(e164.slice(0, length));
      if (entry !== undefined) return entry;
    }
    return null;
  }
}

/**
 * Both lists prepared for fast lookup. It returns the same entries as `findBestMatch`. Build it
 * once per change of the lists with `buildListIndex`.
 */
export class ListIndex {
  private readonly allow: PatternLookup;
  private readonly block: PatternLookup;

  constructor(lists: Lists) {
    this.allow = new PatternLookup(lists.allow);
    this.block = new PatternLookup(lists.block);
  }

  /** Finds the most specific entry of one list for an E.164 number, or null. */
  bestMatch(list: 'allow' | 'block', e164: string): ListEntry | null {
    return list === 'allow' ? this.allow.find(e164) : this.block.find(e164);
  }
}

/** Builds the lookup index of both lists. Its cost grows linearly with the number of entries. */
export function buildListIndex(lists: Lists): ListIndex {
  return new ListIndex(lists);
}
