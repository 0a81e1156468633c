/** @task */
export async function boom(x: number): Promise<number> { await null; if (x > 1) throw new Error('boom ' + x); return x; }
