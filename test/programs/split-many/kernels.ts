export enum Grade { Low, Mid, High }

/** @task */
export function total(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/** @task */
export function spread(xs: readonly number[]): { min: number; max: number } {
  if (xs.length === 0) throw new RangeError('no values');
  let min = Infinity, max = -Infinity;
  for (const x of xs) { if (x < min) min = x; if (x > max) max = x; }
  return { min, max };
}

/** @task */
export function grade(xs: readonly number[]): Grade {
  const s = xs.reduce((a, b) => a + b, 0);
  return s > 20 ? Grade.High : s > 5 ? Grade.Mid : Grade.Low;
}

/** @task */
export function tally(words: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const w of words) out[w] = (out[w] ?? 0) + 1;
  return out;
}

/** @task */
export function trial(seed: number): { seed: number; score: number } {
  let x = seed + 1;
  for (let i = 0; i < 1000; i++) x = (x * 48271) % 2147483647;
  return { seed, score: x % 1000 };
}

/** @task */
export function score(p: Readonly<{ a: number; b: number; m: number }>): number {
  return p.a * 3 + p.b * 2 + p.m;
}
