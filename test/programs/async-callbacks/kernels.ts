// A task that fails for some inputs, called from async arrow callbacks (tester #14's F8).

/** @task */
export function risky(n: number): number {
  if (n % 3 === 0) throw new Error(`risky ${n}`);
  return n * 10;
}
