/** @task */
export function grow(xs: number[]): number {
  xs.push(xs.length);
  return xs.length;
}
