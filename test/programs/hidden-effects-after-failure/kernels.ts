/** @task */
export function fail(xs: number[]): number {
  if (xs.length === 0) throw new Error('empty');
  return xs.length;
}
