// Tasks of the read-in-place fixture: tallies, lists in a Map, records holding typed arrays.

export type Tally = Record<string, { n: number; tags: string[] }>;
export interface Grid { cells: Float64Array; steps: number }
export interface Layer { name: string; w: Float64Array; inner: { cells: number[] } }

/** @task */
export function add(into: Tally, k: string, v: number): void {
  const e = (into[k] ??= { n: 0, tags: [] });
  e.n += v;
  e.tags.push(`${k}${v}`);
}

/** @task */
export function put(m: Map<string, number[]>, k: string, v: number): void {
  const l = m.get(k);
  if (l) l.push(v); else m.set(k, [v]);
}

/** @task */
export function smooth(g: Grid): void {
  for (let i = 1; i < g.cells.length; i++) g.cells[i] = (g.cells[i - 1] + g.cells[i]) / 2;
  g.steps++;
}

/** @task */
export function regrid(g: Grid): void {
  const c = new Float64Array(g.cells.length);
  c.set(g.cells);
  c[0] += 100;
  g.cells = c;
  g.steps++;
}

/** @task */
export function mean(v: Float64Array): number { return v.reduce((a, b) => a + b, 0) / v.length; }

/** @task */
export function scale(v: Float64Array, k: number): void { for (let i = 0; i < v.length; i++) v[i] *= k; }

/** @task */
export function bump(xs: number[]): void { for (let i = 0; i < xs.length; i++) xs[i] += 1; }

/** @task */
export function reset(l: Layer): void { l.w = new Float64Array(l.w.length).fill(1); l.inner = { cells: [0, 0] }; }

/** @task */
export function train(l: Layer): void {
  for (let i = 0; i < l.w.length; i++) l.w[i] += i;
  l.inner.cells.push(l.w.length);
}

export interface Account { balance: number; history: number[] }

/** @task */
export function withdraw(a: Account, amount: number): void {
  if (a.balance >= amount) { a.balance -= amount; a.history.push(-amount); }
}
