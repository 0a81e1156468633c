/** @task */
export function check(x: number): void {
  if (x < 0) throw new Error(`negative ${x}`);
}

/** @task */
export function twice(x: number): number {
  return 2 * x;
}
