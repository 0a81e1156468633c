/** @task */
export function total(v: Float64Array): number { let s = 0; for (let r = 0; r < 200; r++) for (const x of v) s += x; return s / 200; }
/** @task */
export function peak(v: Float64Array): number { let m = -Infinity; for (const x of v) if (x > m) m = x; return m; }
/** @task */
export function scaleBy(v: Float64Array, k: number): void { for (let i = 0; i < v.length; i++) v[i] *= k; }
