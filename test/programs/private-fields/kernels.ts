/** @task */
export function scale(xs: Float64Array, f: number): void {
  if (f < 0) throw new Error(`negative factor ${f}`);
  for (let r = 0; r < 40; r++) for (let i = 0; i < xs.length; i++) xs[i] = xs[i] * (r === 0 ? f : 1) + 1e-9;
}
/** @task */
export function total(xs: Float64Array): number { let s = 0; for (const x of xs) s += x; return s; }
/** @task */
export function addInto(into: Float64Array, from: Float64Array): void { for (let i = 0; i < into.length; i++) into[i] += from[i]; }
