/** @task */
export function bump(xs: Float64Array, limit: number): void {
  if (xs[0] > limit) throw new Error(`too big: ${xs[0]}`);
  xs[0] += 1;
}

/** @task */
export function copyInto(to: Float64Array, from: Float64Array): void {
  to.set(from.subarray(0, to.length));
}

/** @task */
export function fill(out: Float64Array, v: number): void {
  out.fill(v);
}

/** @task */
export function scaleRows(rows: Float64Array[], by: number): void {
  for (const row of rows) for (let i = 0; i < row.length; i++) row[i] *= by;
}

/** @task */
export function check(group: { name: string; xs: number[] }, limit: number): number {
  const total = group.xs.reduce((s, x) => s + x, 0);
  if (total > limit) throw new Error(`${group.name} over ${limit}`);
  return total;
}

/** @task */
export function step(group: { name: string; xs: number[] }): void {
  group.xs.push(group.xs.length);
  group.name += '+';
}
