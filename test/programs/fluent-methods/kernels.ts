/** @task */
export function accumulate(a: Float64Array, k: number): number {
  let s = 0;
  for (let r = 0; r < 60; r++) for (let i = 0; i < a.length; i++) { a[i] += r === 0 ? k * ((i % 7) + 1) : 0; s += a[i]; }
  return s;
}
