/** @task */
export function fill(out: Float64Array, v: number): void { out.fill(v); }
/** @task */
export function mergeTwo(a: Float64Array, b: Float64Array, out: Float64Array): void {
  for (let i = 0; i < a.length; i++) out[i] = a[i] + b[i];
}
/** @task */
export function bump(o: { n: number }): void { o.n += 1; }

export interface Rec { a: Float64Array; n: number }
/** @task */
export function makeRec(v: number): Rec { return { a: Float64Array.of(v, 1), n: v }; }
/** @task */
export function bumpN(r: Rec): void { r.n += 1; r.a[0] += 10; }
/** @task */
export function total(r: Rec): number { return r.n + r.a[0]; }
