/** @task */
export function total(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

/** @task */
export function relax(a: Float64Array, k: number): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) { a[i] = a[i] * 0.5 + k; s += a[i]; }
  return s;
}

/** @task */
export function make(n: number, v: number): Float64Array { return new Float64Array(n).fill(v); }

/** @task */
export function root(x: number): number {
  if (x < 0) throw new RangeError(`root of ${x}`);
  return Math.sqrt(x);
}

/** @task */
export function scale(a: Float64Array, k: number): void { for (let i = 0; i < a.length; i++) a[i] = a[i] * k + 0.001; }

/** @task */
export function fillWith(a: Float64Array, v: number): void { a.fill(v); }
