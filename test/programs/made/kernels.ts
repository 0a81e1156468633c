/** Kernels for containers made the ways ordinary code makes them. */

/** @task */
export function blur(mask: Float64Array, k: number): void { for (let i = 0; i < mask.length; i++) mask[i] = mask[i] * k + 1; }

/** @task */
export function total(values: Float64Array): number { let s = 0; for (const v of values) s += v; return s; }

/** @task */
export function make(n: number): Float64Array { return new Float64Array(n).fill(n); }

/** Labels each point with the nearer of two centres and counts them. @task */
export function label(points: Float64Array, centers: Float64Array, labels: Int32Array): number {
  let ones = 0;
  for (let i = 0; i < points.length; i++) {
    labels[i] = Math.abs(points[i] - centers[0]) <= Math.abs(points[i] - centers[1]) ? 0 : 1;
    ones += labels[i];
  }
  return ones;
}

/** @task */
export function collect(list: number[], from: number, n: number): void { for (let i = 0; i < n; i++) list.push(from + i); }

/** @task */
export function bumpRows(rows: { id: string; v: number }[]): void { for (const r of rows) r.v += 1; }
