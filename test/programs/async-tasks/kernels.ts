/** Async tasks: in plain code each call gives a Promise. */
/** @task */
export async function slow(x: number): Promise<number> { await null; if (x < 0) throw new RangeError('negative ' + x); return x * 10; }
/** @task */
export async function riskyAsync(x: number): Promise<number> { await null; if (x > 5) throw new Error('too big ' + x); return x + 100; }

/** Not `async`, but declared to give a Promise: its call gives one in plain code (tester #12's m26). */
/** @task */
export function later(x: number): Promise<number> { return Promise.resolve(x * 2); }
