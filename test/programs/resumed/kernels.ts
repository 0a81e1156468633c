/** @task */
export function bump(v: Float64Array): void { for (let i = 0; i < v.length; i++) v[i] += 1; }

/** @task */
export function scale(v: Float64Array, k: number): void { for (let i = 0; i < v.length; i++) v[i] *= k; }
