/** @task */
export function bump(v: Float64Array): void { for (let i = 0; i < v.length; i++) v[i] += 1; }

/** @task */
export function scale(v: Float64Array, k: number): void { for (let i = 0; i < v.length; i++) v[i] *= k; }

/** @task */
export function copyOf(v: Float64Array): Float64Array { return Float64Array.from(v); }
