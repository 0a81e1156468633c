/** @task */
export function createBlock(n: number, seed: number): Float64Array {
  const block = new Float64Array(n);
  for (let i = 0; i < n; i++) block[i] = seed * 10 + i;
  return block;
}

/** @task */
export function sum(v: Float64Array): number { let s = 0; for (let i = 0; i < v.length; i++) s += v[i] * (i + 1); return s; }

/** @task */
export function addInto(dst: Float64Array, src: Float64Array): void { for (let i = 0; i < dst.length; i++) dst[i] += src[i]; }

/** @task */
export function scale(v: Float64Array, k: number): void { for (let i = 0; i < v.length; i++) v[i] = v[i] * k + 0.5; }

/** @task */
export function bump(xs: number[], k: number): void { for (let i = 0; i < xs.length; i++) xs[i] = xs[i] * 3 + k; }
