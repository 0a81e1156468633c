/** A slow-ish hash of one cell. @task */
export function cell(n: number): number {
  let h = n;
  for (let i = 0; i < 20000; i++) h = (h * 31 + i) % 1000003;
  return h;
}

/** A record for one cell; fails on a negative input. @task */
export function probe(n: number): { n: number; odd: boolean } {
  if (n < 0) throw new RangeError(`negative cell ${n}`);
  return { n, odd: n % 2 === 1 };
}

/** The sum of a grid. @task */
export function gridSum(g: readonly (readonly number[])[]): number {
  let s = 0;
  for (const r of g) for (const x of r) s += x;
  return s;
}
