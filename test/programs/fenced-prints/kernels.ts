/** @task */
export function scale(a: Float64Array, k: number): void {
  for (let i = 0; i < a.length; i++) a[i] *= k;
}

/** @task */
export function normalize(a: Float64Array): void {
  if (a[0] < 0) throw new Error(`negative start ${a[0]}`);
  const top = Math.max(...a);
  for (let i = 0; i < a.length; i++) a[i] /= top;
}

/** @task */
export function total(a: Float64Array): number {
  let s = 0;
  for (const x of a) s += x;
  return s;
}
