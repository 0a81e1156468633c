/** Kernels for shapes where a second name for an object (a view, a shorthand property) must not go stale. */
/** @task */
export function ranges(n: number): [number, number][] { const out: [number, number][] = []; for (let i = 0; i < n; i++) out.push([i, i + 1]); return out; }
/** @task */
export function scale(v: Float64Array, k: number): void { for (let i = 0; i < v.length; i++) v[i] *= k; }
/** @task */
export function transpose(out: Float64Array, m: Float64Array): void { const n = Math.sqrt(m.length); const c = Float64Array.from(m); for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = c[j * n + i]; }
/** Read by a task and never changed by the program: allowed. */
export const WEIGHTS = [1, 2, 3];
/** @task */
export function weighted(xs: number[]): number { let t = 0; for (let i = 0; i < xs.length; i++) t += xs[i] * WEIGHTS[i]; return t; }
/** @task */
export function fail(v: Float64Array): void { v[0] = 7; throw new Error('bad'); }
/** @task */
export function sum(v: Float64Array): number { let s = 0; for (const x of v) s += x; return s; }
/** gl-matrix style: writes `out` and returns it, so calls can be chained. @task */
export function add(out: Float64Array, a: Float64Array, b: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = a[i] + b[i];
  return out;
}

export interface Grid { width: number; data: Float64Array; meta: { passes: number } }

/** @task */
export function smooth(g: Grid): void {
  const copy = Float64Array.from(g.data);
  for (let i = 1; i < g.data.length - 1; i++) g.data[i] = (copy[i - 1] + copy[i] + copy[i + 1]) / 3;
  g.meta.passes += 1;
}
