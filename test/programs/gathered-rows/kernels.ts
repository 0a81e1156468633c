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

/** A short list made by a task. @task */
export function listOf(n: number): number[] {
  return [n, n + 1, n + 2];
}

/** Adds one to every item. @task */
export function bumpList(xs: number[]): void {
  for (let i = 0; i < xs.length; i++) xs[i] += 1;
}

/** Two one-item lists. @task */
export function pairOf(n: number): number[][] {
  return [[n], [n + 1]];
}

/** Swaps the pair's lists: a task that changes which objects it holds. @task */
export function flipPair(p: number[][]): void {
  p.reverse();
}
