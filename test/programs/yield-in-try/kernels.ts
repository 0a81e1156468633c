/** @task */
export function risky(tag: string, n: number): number {
  if (n < 0) throw new Error(`${tag} negative ${n}`);
  return n * 2;
}
