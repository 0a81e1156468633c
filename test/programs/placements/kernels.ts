/** @task */
export function scale(v: Float64Array, k: number): void { for (let i = 0; i < v.length; i++) v[i] *= k; }
/** @task */
export function total(v: Float64Array): number { let s = 0; for (const x of v) s += x; return s; }
