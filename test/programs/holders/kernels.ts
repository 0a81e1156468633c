/** @task */
export function scale(v: Float64Array, k: number): void { for (let i = 0; i < v.length; i++) v[i] *= k; }
/** @task */
export function sum(v: Float64Array): number { let s = 0; for (const x of v) s += x; return s; }
/** @task */
export function scaleHolder(h: { a: Float64Array; second: Float64Array }, k: number): void { scale(h.a, k); scale(h.second, k); }
/** @task */
export function total(h: { a: Float64Array }): number { return sum(h.a); }
