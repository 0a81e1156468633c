/** Tasks of the fourth outside-style review. */
/** @task */
export function inc(a: number[]): void { for (let i = 0; i < a.length; i++) a[i] += 1; }
/** @task */
export function sq(x: number): number { return x * x; }
/** @task */
export function fail(kind: number): number {
  if (kind === 0) throw null;
  if (kind === 1) throw undefined;
  throw 42;
}
/** A method of an object literal has its own `this`: not the task's. @task */
export function count(xs: number[]): number {
  const acc = { n: 0, add(v: number) { this.n += v; } };
  for (const x of xs) acc.add(x);
  return acc.n;
}
