/** Kernels whose results are used in the ways ordinary code uses values (found by a review of 23 programs). */

/** @task */
export function make(n: number): number[] { return [n]; }

/** @task */
export function join2(a: number[], b: number[]): number[] { return [...a, ...b]; }

/** @task */
export function pair(n: number): { a: number; b: number } { return { a: n, b: n * 10 }; }

export interface Box { inner: { v: number } }

/** @task */
export function box(v: number): Box { return { inner: { v } }; }

/** @task */
export function bump(b: Box): void { b.inner.v += 1; }

/** @task */
export function consume(parts: number[][]): number { parts[0][0] = -1; return parts.length; }
