/** @task */
export function scale(xs: number[], k: number): void { for (let i = 0; i < xs.length; i++) xs[i] *= k; }
