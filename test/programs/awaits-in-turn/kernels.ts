/** @task Enough work that its call is still running when the other coroutines go on. */
export function heavy(n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.sqrt(i);
  return Math.round(s);
}

/** @task */
export function fillWith(xs: Float64Array, v: number): void { xs.fill(v); }
