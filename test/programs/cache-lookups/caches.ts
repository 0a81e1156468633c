// Caches tasks keep in their module. Each worker keeps its own only where a hit does what a miss does.
const SEEN = new Map<string, number>();
const SCALED = new Map<string, number>();
const TOTALS = new Map<string, number>();
const SQUARES = new Map<number, number>();
const CUBES: Record<number, number> = {};

/** @task Whether the word is new: the answer is the lookup's, which differs by worker. */
export function firstTime(word: string): boolean {
  if (SEEN.has(word)) return false;
  SEEN.set(word, word.length);
  return true;
}

/** @task Cached under `k` alone, computed from `factor` too: a hit returns another call's factor. */
export function scaled(k: string, factor: number): number {
  if (!SCALED.has(k)) SCALED.set(k, k.length * factor);
  return SCALED.get(k)!;
}

/** @task Memoised by name, computed from the numbers. */
export function totalOf(name: string, xs: readonly number[]): number {
  const hit = TOTALS.get(name);
  if (hit !== undefined) return hit;
  const v = xs.reduce((a, b) => a + b, 0);
  TOTALS.set(name, v);
  return v;
}

/** @task A true cache: a hit hands back what a miss computes from the key alone. */
export function square(x: number): number {
  if (SQUARES.has(x)) return SQUARES.get(x)!;
  const v = x * x;
  SQUARES.set(x, v);
  return v;
}

/** @task Another: computed into the record first, then handed back. */
export function cube(x: number): number {
  if (!(x in CUBES)) CUBES[x] = x * x * x;
  return CUBES[x];
}
