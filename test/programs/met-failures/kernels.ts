/** @task */
export function check(xs: number[], limit: number): number {
  let s = 0;
  for (const x of xs) s += x;
  if (s > limit) throw new Error(`sum ${s} over ${limit}`);
  return s;
}

/** @task */
export function loudCheck(xs: number[], limit: number): number {
  console.log('checking', xs.length, 'values');
  let s = 0;
  for (const x of xs) s += x;
  if (s > limit) throw new RangeError(`sum ${s} over ${limit}`);
  return s;
}
