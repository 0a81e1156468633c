/** @task */
export function work(n: number): number {
  let s = 0;
  for (let i = 0; i < 2000 + n; i++) s = (s + i * n) % 10007;
  return s;
}

/** @task Busy for `ms` milliseconds, as a long computation is. */
export function busy(ms: number): number {
  const end = Date.now() + ms;
  let spins = 0;
  while (Date.now() < end) spins++;
  return spins > 0 ? ms : -1;
}
