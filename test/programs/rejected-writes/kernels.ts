/** An async task that writes its argument, then rejects. */
/** @task */
export async function writeThenReject(a: Float64Array, v: number): Promise<void> { a.fill(v); await null; if (v < 0) throw new Error('bad value ' + v); }
/** @task */
export function sum(a: Float64Array): number { let s = 0; for (const x of a) s += x; return s; }
