/** @task */
export function inv(b: number): number { if (b === 0) throw new Error('zero'); return 1 / b; }
/** @task */
export function fill(a: number[], b: number): void { if (b === 0) throw new Error('fill zero'); a.push(1 / b); }
/** @task */
export function risky(x: number): number { throw new Error('bad ' + x); }
/** @task */
export function safe(x: number): number { return x + 0.5; }
