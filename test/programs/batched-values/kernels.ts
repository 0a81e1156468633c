/** Silent tasks that read their arguments, one that writes, one that prints, one that fails. */
export interface Summary { min: number; max: number; mean: number }
/** @task */
export function total(v: Float64Array): number {
  let s = 0;
  for (let r = 0; r < 300; r++) for (let i = 0; i < v.length; i++) s += v[i];
  return s / 300;
}
/** @task */
export function summary(v: Float64Array): Summary {
  let min = Infinity, max = -Infinity, sum = 0;
  for (const x of v) { if (x < min) min = x; if (x > max) max = x; sum += x; }
  return { min, max, mean: sum / v.length };
}
/** @task */
export function normalized(v: Float64Array): Float64Array {
  let n = 0;
  for (const x of v) n += x * x;
  return v.map((x) => x / Math.sqrt(n));
}
/** @task */
export function scale(v: Float64Array, k: number): number { for (let i = 0; i < v.length; i++) v[i] *= k; return v[0]; }
/** @task */
export function noisy(v: Float64Array): number { console.log('noisy', v.length); return v.length; }
/** @task */
export function strict(v: Float64Array): number {
  if (v[0] < 0) throw new RangeError(`negative first value ${v[0]}`);
  return v[0];
}
