/** @task */
export function risky(n: number): number {
  if (n === 3) throw new RangeError(`n=${n}`);
  let h = n;
  for (let i = 0; i < 10_000; i++) h = (h * 31 + i) % 1009;
  return h;
}
