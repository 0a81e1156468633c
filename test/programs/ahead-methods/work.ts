/** @task */
export function total(xs: Float64Array): number { let s = 0; for (const x of xs) s += x; return s; }
/** @task */
export function scaled(xs: Float64Array, k: number): number { let s = 0; for (const x of xs) s += x * k; return s; }
