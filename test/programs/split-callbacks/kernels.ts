export interface Stats { max: number; mean: number }
/** @task */
export function stats(v: Float64Array): Stats {
  let max = -Infinity, sum = 0;
  for (let r = 0; r < 200; r++) for (let i = 0; i < v.length; i++) { if (v[i] > max) max = v[i]; sum += v[i]; }
  return { max, mean: sum / v.length / 200 };
}
/** @task */
export function score(v: number[]): number { let s = 0; for (const x of v) s += Math.sqrt(x); return s; }
/** @task */
export function loud(v: number[]): number { console.log('loud', v.length); return v.length; }
/** @task */
export function strict(v: number[]): number { if (v.length > 3) throw new RangeError(`too long: ${v.length}`); return v.length; }
