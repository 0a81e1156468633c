/** @task */
export function scale(v: Float64Array, k: number): void { for (let i = 0; i < v.length; i++) v[i] *= k; }

/** @task */
export function fail(v: Float64Array, msg: string): void { v[0] = -1; throw new Error(msg); }

/** @task */
export function sum(v: Float64Array): number { let s = 0; for (let i = 0; i < v.length; i++) s += v[i]; return s; }
