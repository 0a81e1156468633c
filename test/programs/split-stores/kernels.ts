/** @task */
export function total(v: Float64Array): number { let s = 0; for (let r = 0; r < 200; r++) for (const x of v) s += x; return s / 200; }
/** @task */
export function range(v: Float64Array): { min: number; max: number } {
  let min = Infinity, max = -Infinity;
  for (const x of v) { if (x < min) min = x; if (x > max) max = x; }
  return { min, max };
}
/** @task */
export function peak(v: number[]): number { return Math.max(...v); }
/** @task */
export function check(v: Float64Array): number { if (v[0] < 0) throw new Error('negative ' + v[0]); return v[0]; }
/** @task */
export function widen(r: { min: number; max: number }): { min: number; max: number } { return { min: r.min - 1, max: r.max + 1 }; }
/** @task */
export function span(lo: number, hi: number): number { let s = 0; for (let i = lo; i < hi; i++) s += i; return s; }
