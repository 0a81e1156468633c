/** @task */
export function potrf(block: Float64Array): void { for (let i = 0; i < block.length; i++) block[i] = Math.sqrt(Math.abs(block[i])) + 1; }

/** @task */
export function update(c: Float64Array, a: Float64Array, b: Float64Array): void {
  for (let i = 0; i < c.length; i++) c[i] += a[i] * b[(i + 1) % b.length] * 0.5;
}

/** @task */
export function scale(v: Float64Array, k: number): void { for (let i = 0; i < v.length; i++) v[i] *= k; }

/** @task */
export function sum(v: Float64Array): number { let s = 0; for (let i = 0; i < v.length; i++) s += v[i]; return s; }

/** @task */
export function fail(v: Float64Array): void { v[0] = -1; throw new Error('kernel failed'); }
