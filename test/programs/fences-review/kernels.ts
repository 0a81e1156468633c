/** @task */
export function scale(a: Float64Array, k: number): void {
  for (let i = 0; i < a.length; i++) a[i] *= k;
}
/** @task */
export function failIfBig(a: Float64Array, limit: number): void {
  for (let i = 0; i < a.length; i++) { if (a[i] > limit) throw new Error(`too big: ${a[i]}`); a[i] += 1; }
}
/** @task */
export function grow(list: number[], n: number): void {
  for (let i = 0; i < n; i++) list.push(i * 2);
}
/** @task */
export function bump(c: { n: number }): void {
  c.n += 1;
}
/** @task */
export function failList(list: number[]): void {
  list.push(1);
  throw new Error('failList');
}
/** @task */
export function total(a: Float64Array): number { let s = 0; for (const x of a) s += x; return s; }
/** @task */
export function bumpDeep(h: { a: { b: { c: { d: { e: { n: number } } } } } }): void { h.a.b.c.d.e.n += 1; }
/** @task */
export function bumpTree(t: Tree): void { t.data.n += 1; for (const k of t.kids) bumpTree(k); }
export interface Tree { kids: Tree[]; data: { n: number } }
