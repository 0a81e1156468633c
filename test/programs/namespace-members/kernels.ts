/** @task */
export function scale(xs: number[], k: number): void { for (let i = 0; i < xs.length; i++) xs[i] *= k; }
/** @task */
export function total(xs: number[]): number { return xs.reduce((a, b) => a + b, 0); }
