// A cache only tasks use, which one task also reads as a whole (`MEMO.size`): it travels with the calls as kept state,
// so the count is the plain program's (tester np36's memo-min: each worker had its own cache, and the count was 1).
const MEMO = new Map<number, number>();

/** @task */
export function square(n: number): number {
  const hit = MEMO.get(n);
  if (hit !== undefined) return hit;
  const v = n * n;
  MEMO.set(n, v);
  return v;
}

/** @task */
export function cacheSize(): number { return MEMO.size; }

/** @task */
export function cachedKeys(): string { return [...MEMO.keys()].sort((a, b) => a - b).join(','); }
