/** @task */
export function slow(n: number): number { let x = 0; for (let r = 0; r < 2e5; r++) x = (x + r * n) % 1000003; return x; }
