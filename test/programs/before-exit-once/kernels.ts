/** @task */
export function double(n: number): number {
  return 2 * n;
}
