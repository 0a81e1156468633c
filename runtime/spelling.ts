/**
 * "Did you mean": the closest of some names to a word that is not one of them, shared by the compile errors for a
 * misspelled parameter in a tag (`@rro vals`), the warnings for a misspelled tag (`@Task`, `@timout`) and for a
 * misspelled setting (`TASKIFY_WORKER`). It depends on nothing, so the runtime and the plugin both use it.
 */

/** The candidate nearest to `word` (case ignored), if it is close enough to be what was meant. */
export function closest(word: string, candidates: readonly string[], maxDistance = Math.max(2, Math.floor(word.length / 3))): string | undefined {
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) { best = c; bestDistance = d; }
  }
  return best;
}

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
