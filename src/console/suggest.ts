/** The nearest known word to a mistyped one, for "did you mean" hints. */

/**
 * Returns the candidate with the smallest edit distance to `word`, compared without case.
 * Returns null when the nearest needs more than 2 edits, or more than a third of a longer word,
 * or as many edits as the word has letters, because a hint that far off misleads more than it
 * helps.
 */
export function nearestWord(word: string, candidates: readonly string[]): string | null {
  const typed = word.toLowerCase();
  const maxDistance = Math.min(Math.max(2, Math.floor(typed.length / 3)), typed.length - 1);
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;

  for (const candidate of candidates) {
    const distance = editDistance(typed, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= maxDistance ? best : null;
}

/**
 * Counts the edits that turn `a` into `b`: inserting, deleting or replacing one character, or
 * swapping two neighbours (the optimal string alignment distance), so `lsit` is 1 from `list`.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, index) => index)];

  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, rows[i - 2]![j - 2]! + 1);
      }
      row.push(distance);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}
