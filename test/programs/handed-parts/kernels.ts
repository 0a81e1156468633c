/** @task */
export function bumpFirst(m: Map<string, Float64Array>): void { m.get('a')![0] += 1; }

/** @task */
export function scale(v: Float64Array, k: number): void { for (let i = 0; i < v.length; i++) v[i] *= k; }

/** @task */
export function total(v: Float64Array): number { let s = 0; for (const x of v) s += x; return s; }

/** @task */
export function tally(counts: Map<string, number>, k: number): void { counts.set(`k${k % 2}`, (counts.get(`k${k % 2}`) ?? 0) + k); }
