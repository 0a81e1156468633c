/** @task */
export async function rejectLater(x: number): Promise<number> { await null; throw new Error('rejected ' + x); }
/** @task */
export function sum(a: Float64Array): number { let s = 0; for (const x of a) s += x; return s; }
