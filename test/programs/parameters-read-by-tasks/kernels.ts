/** @task */
export function look(a: Float64Array, k: number): number {
  let s = 0;
  for (let r = 0; r < 150; r++) for (let i = 0; i < a.length; i++) s += a[i] * k;
  return s;
}

/** @task */
export function bump(a: Float64Array, k: number): number {
  for (let i = 0; i < a.length; i++) a[i] += k;
  return a[0];
}
