/** @task Busy for `ms` milliseconds, as a long computation is. */
export function busy(ms: number): number {
  const end = Date.now() + ms;
  let spins = 0;
  while (Date.now() < end) spins++;
  return spins > 0 ? ms : -1;
}
