/** Kernels for shapes a review of 25 programs found (length writes, links between arguments, classes, buffers). */

/** @task */
export function sum(a: number[]): number { let s = 0; for (const v of a) s += v; return s; }

/** @task */
export function link(holder: { items: number[][] }, item: number[]): void { holder.items.push(item); }

/** @task */
export function bumpAll(holder: { items: number[][] }): void { for (const it of holder.items) it[0] += 100; }

export interface Box { w: number; h: number }

/** @task */
export function area(b: Box): number { return b.w * b.h; }

/** @task */
export function ramp(n: number): Float64Array { const a = new Float64Array(n); for (let i = 0; i < n; i++) a[i] = i * 0.5; return a; }

/** @task */
export function ints(n: number): Int32Array[] {
  const r: Int32Array[] = [];
  for (let i = 0; i < n; i++) r.push(Int32Array.from({ length: i + 1 }, (_, j) => -j));
  return r;
}
