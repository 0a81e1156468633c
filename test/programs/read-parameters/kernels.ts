/** @task */
export function sum(xs: Float64Array, from: number): number { let s = 0; for (let i = from; i < xs.length; i++) s += xs[i]; return s; }
/** @task */
export function scale(xs: Float64Array, k: number): void { for (let i = 0; i < xs.length; i++) xs[i] *= k; }
