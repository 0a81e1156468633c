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
/** Copies a's counts (numbers) into a fresh record: a is only read, and the result is none of it. @task */
export function mergeCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const r = { ...a };
  for (const k of Object.keys(b)) r[k] = (r[k] ?? 0) + b[k];
  return r;
}
/** Overloads: @task on the first signature or on the implementation. @task */
export function describe(x: number): string;
export function describe(x: string): string;
export function describe(x: number | string): string { return typeof x === 'number' ? `num:${x}` : `str:${x}`; }
export function digits(x: number): number;
export function digits(x: string): number;
/** @task */
export function digits(x: number | string): number { return String(x).length; }
/** @task */
export function sumOf(v: Float64Array): number { let s = 0; for (const x of v) s += x; return s; }
