/** @task */
export function mean(xs: Float64Array): number { let s = 0; for (let r = 0; r < 50; r++) for (const x of xs) s += x; return s / xs.length / 50; }
/** @task */
export function spread(xs: Float64Array, m: number): number { let s = 0; for (const x of xs) s += (x - m) ** 2; return Math.sqrt(s / xs.length); }
