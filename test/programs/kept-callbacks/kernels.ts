/** @task */
export function check(xs: Float64Array): number {
  if (xs[0] < 0) throw new Error(`negative ${xs[0]}`);
  return xs[0] * 2;
}

/** @task */
export function scale(xs: Float64Array, k: number): void {
  for (let i = 0; i < xs.length; i++) xs[i] *= k;
}
