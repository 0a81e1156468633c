/** @task Enough work that its call is still running when the other coroutines go on. */
export function heavy(n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.sqrt(i);
  return Math.round(s);
}

/** @task */
export function fillWith(xs: Float64Array, v: number): void { xs.fill(v); }

/** Not a task: a helper the program and an async task both await. */
export async function settle(n: number): Promise<number> { await null; return n * 2; }

/** @task An async task whose own awaits take microtasks, as in the plain program. */
export async function twiceLater(n: number): Promise<number> { const v = await settle(n); let s = 0; for (let i = 0; i < 2_000_000; i++) s += i % 3; return v + (s > 0 ? 1 : 0); }
