/** @task */
export function load(n: number): number[] {
  if (n < 0) throw new Error(`cannot load ${n}`);
  return [n, n + 1];
}

/** @task */
export function sum(xs: number[]): number { return xs.reduce((a, b) => a + b, 0); }
