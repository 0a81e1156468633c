/** @task */
export function fillWith(out: Float64Array, v: number): void {
  if (v < 0) throw new Error(`negative fill ${v}`);
  for (let i = 0; i < out.length; i++) out[i] = v * 10 + i;
}
/** @task */
export function stats(xs: Float64Array): { min: number; max: number; spread: Float64Array } {
  let min = Infinity, max = -Infinity;
  for (const x of xs) { min = Math.min(min, x); max = Math.max(max, x); }
  return { min, max, spread: Float64Array.of(max - min, (max - min) / 2) };
}
/** @task */
export function doubled(xs: Float64Array): number[] { return Array.from(xs, (x) => x * 2); }
/** @task */
export function total(xs: Float64Array): number { let s = 0; for (const x of xs) s += x; return s; }
/** @task */
export function sumAll(rows: Float64Array[]): number { let s = 0; for (const r of rows) for (const x of r) s += x; return s; }
/** @task */
export function combined(a: Float64Array, b: Float64Array): Float64Array { return a.map((x, i) => x + b[i]); }
