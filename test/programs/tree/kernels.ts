/** A merge that adds into and returns its first argument, and helpers. */
/** @task */
export function make(n: number): number[] { return [n, n * 2]; }
/** Adds b into a and returns a. @task */
export function merge(a: number[], b: number[]): number[] { for (let i = 0; i < a.length; i++) a[i] += b[i]; return a; }
/** @task */
export function scale(a: number[], k: number): void { for (let i = 0; i < a.length; i++) a[i] *= k; }
