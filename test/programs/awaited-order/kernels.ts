/** Tasks awaited among timers and microtasks, and an async task that reads its argument after an `await`. */
/** @task */
export function sum(a: Float64Array): number { let s = 0; for (const x of a) s += x; return s; }
/** @task */
export async function asum(a: Float64Array): Promise<number> { let s = 0; for (const x of a) s += x; await null; return s * 2; }
/** @task */
export function fill(a: Float64Array, v: number): void { a.fill(v); }
/** Reads `a` after its `await`: plain code sees what the caller wrote meanwhile, so its calls stay direct. */
/** @task */
export async function sumLater(a: Float64Array): Promise<number> { await null; let s = 0; for (const x of a) s += x; return s; }
