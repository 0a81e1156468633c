/** @task */
export function checked(n: number): number {
  if (n % 7 === 0) throw new Error('bad ' + n);
  return n * 10;
}

/** @task */
export function bump(a: Float64Array, by: number): void {
  for (let i = 0; i < a.length; i++) a[i] += by;
}

/** @task */
export function bumpOrFail(a: Float64Array, by: number): void {
  for (let i = 0; i < a.length; i++) a[i] += by;
  if (by % 7 === 0) throw new Error('cannot bump by ' + by);
}
