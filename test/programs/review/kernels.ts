/** Tasks for the review fixture: each was part of a case where an earlier plugin changed the program's output. */

/** @task */
export function sum(values: Float64Array): number { let s = 0; for (const v of values) s += v; return s; }

/** @task */
export function scale(values: Float64Array, factor: number): void { for (let i = 0; i < values.length; i++) values[i] *= factor; }

/** @task */
export function bumpThroughBuffer(p: Float64Array): number { const v = new Float64Array(p.buffer); v[0] = 99; return 0; }

/** @task */
export function init(p: Float64Array, n: number): void {
  if (n < 0) return;
  for (let i = 0; i < p.length; i++) p[i] = n;
}

/** @task */
export function apply(p: Float64Array, write: boolean): number {
  let g = (a: Float64Array) => a[0];
  if (write) g = (a: Float64Array) => (a[0] = 42);
  return g(p);
}

/** @task */
export function ident(p: Float64Array): Float64Array { return p; }
