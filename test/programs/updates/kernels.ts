/** Kernels whose results the program updates in place or extends (found by a review of 30 programs). */

/** @task */
export function partialSum(xs: Float64Array): number { let s = 0; for (const x of xs) s += x; return s; }

/** @task */
export function mkArr(n: number): number[] { return Array.from({ length: n }, (_, i) => i * n); }

/** @task */
export function compute(x: number): number { return x * 3 + 0.5; }

/** @task */
export function label(n: number): string { return `#${n}`; }
