/** @task */
export function spin(n: number): number {
  let x = 0;
  for (let i = 0; i < n; i++) x = (x + i * i) % 1000003;
  return x;
}

/** @task */
export function check(n: number): number {
  if (n < 0) throw new RangeError(`negative ${n}`);
  return n * 2;
}
