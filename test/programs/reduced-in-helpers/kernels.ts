export interface Partial { sums: Float64Array; counts: Int32Array }

/** @task */
export function merge(a: Partial, b: Partial): Partial {
  const sums = new Float64Array(a.sums.length);
  for (let i = 0; i < sums.length; i++) sums[i] = a.sums[i] + b.sums[i];
  const counts = new Int32Array(a.counts.length);
  for (let i = 0; i < counts.length; i++) counts[i] = a.counts[i] + b.counts[i];
  return { sums, counts };
}

/** @task */
export function addInto(total: Float64Array, part: Float64Array): void {
  for (let i = 0; i < total.length; i++) total[i] += part[i];
}

/** @task */
export function reorder(xs: Partial[]): void {
  xs.reverse();
  for (const x of xs) x.counts[1] += 1000;
}
