/** @task */
export function fail(n: number): number {
  if (n < 0) throw new Error('negative ' + n);
  return n;
}
