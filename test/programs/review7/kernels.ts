/** @task */
export function bump(xs: number[], k: number): void { for (let i = 0; i < xs.length; i++) xs[i] = xs[i] * 3 + k; }

/** @task */
export function bumpRet(xs: number[], k: number): number[] { for (let i = 0; i < xs.length; i++) xs[i] += k; return xs; }

/** @task */
export function scale(v: Float64Array, k: number): void { for (let i = 0; i < v.length; i++) v[i] = v[i] * k + 0.5; }

/** @task */
export function createBlock(n: number, seed: number): Float64Array {
  const block = new Float64Array(n);
  for (let i = 0; i < n; i++) block[i] = seed + i;
  return block;
}

/** @task */
export function negate(v: Float64Array): void { for (let i = 0; i < v.length; i++) v[i] = -v[i]; }

/** @task */
export default function doubleAll(v: Float64Array): void { for (let i = 0; i < v.length; i++) v[i] *= 2; }
