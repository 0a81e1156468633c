/** @task */
export function total(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

/** @task */
export function peak(a: Float64Array, floor: number): number {
  let m = floor;
  for (let i = 0; i < a.length; i++) if (a[i] > m) m = a[i];
  return m;
}

/** @task */
export function root(x: number): number {
  if (x < 0) throw new RangeError(`root of ${x}`);
  return Math.sqrt(x);
}

/** @task */
export function scale(a: Float64Array, k: number): void { for (let i = 0; i < a.length; i++) a[i] *= k; }
