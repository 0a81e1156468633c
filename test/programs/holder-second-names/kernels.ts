/** @task */
export function fill(out: Float64Array, v: number): void { out.fill(v); }
/** @task */
export function mergeTwo(a: Float64Array, b: Float64Array, out: Float64Array): void {
  for (let i = 0; i < a.length; i++) out[i] = a[i] + b[i];
}
/** @task */
export function bump(o: { n: number }): void { o.n += 1; }
