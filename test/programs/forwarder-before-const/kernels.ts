/** @task */
export function fillWith(out: Float64Array, v: number): void {
  if (v < 0) throw new Error(`negative fill ${v}`);
  for (let i = 0; i < out.length; i++) out[i] = v * 10 + i;
}
/** @task */
export function blur(px: Float64Array): void {
  if (px[0] < 0) throw new Error(`negative pixel ${px[0]}`);
  for (let i = 0; i < px.length; i++) px[i] = px[i] * 2 + 1;
}
/** @task */
export function total(xs: Float64Array): number { let s = 0; for (const x of xs) s += x; return s; }
/** @task */
export function stats(xs: Float64Array): { min: number; max: number; src: Float64Array } {
  let min = Infinity, max = -Infinity;
  for (const x of xs) { min = Math.min(min, x); max = Math.max(max, x); }
  return { min, max, src: xs };
}
/** @task */
export function copyOf(xs: Float64Array): Float64Array { return Float64Array.from(xs, (x) => x + 0.5); }
/** @task */
export function weighted(xs: Float64Array, k: number): number { let s = 0; for (const x of xs) s += x * k; return s; }
