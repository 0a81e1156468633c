/** @task */
export function bump(a: Float64Array, k: number): void { for (let i = 0; i < a.length; i++) a[i] += k; }
