/** @task */
export function sum(xs: number[]): number { let s = 0; for (const x of xs) s += x; return s; }
/** @task */
export function peak(xs: readonly number[]): number { let m = -Infinity; for (const x of xs) m = Math.max(m, x); return m; }
/** @task */
export function checked(xs: number[]): number {
  if (xs.some((x) => x < 0)) throw new RangeError(`negative value in [${xs.join(', ')}]`);
  return xs.length;
}
