/** @task */
export function upd(d: number[][], col: number[][]): void { for (let i = 0; i < col.length; i++) col[i][0] += d[i][0]; }

/** @task */
export function step(out: Int32Array, prev: Int32Array | null): void {
  for (let i = 0; i < out.length; i++) out[i] = (prev ? prev[i] : 0) + i + 1;
}

/** @task */
export function createBlock(n: number, seed: number): Float64Array {
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = seed + i;
  return b;
}

/** @task */
export function multiply(a: Float64Array, b: Float64Array, c: Float64Array): void {
  for (let i = 0; i < c.length; i++) c[i] += a[i] * b[i];
}

/** @task */
export function inc(xs: number[]): void { for (let i = 0; i < xs.length; i++) xs[i]++; }
