/** @task */
export function sum(xs: Float64Array): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s;
}

/** @task */
export function lengths(list: readonly Float64Array[]): number[] {
  return list.map((xs) => xs.length);
}
