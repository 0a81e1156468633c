/** Async tasks that await a timer: their Promises settle at their own time, in plain code as here. */
/** @task */
export async function sleepy(x: number, ms: number): Promise<number> { await new Promise((resolve) => setTimeout(resolve, ms)); return x; }
/** @task */
export async function quick(x: number): Promise<number> { await null; if (x < 0) throw new Error('negative ' + x); return x * 10; }
