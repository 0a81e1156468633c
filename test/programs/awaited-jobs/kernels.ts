/** @task */
export function work(id: number, fail = false): number {
  let h = id;
  for (let i = 0; i < 1500000; i++) h = (h * 1103515245 + 12345) % 2147483648;
  if (fail) throw new Error(`work ${id} failed`);
  return h % 1000;
}

/** @task */
export function fill(xs: Float64Array, k: number, fail = false): void {
  for (let r = 0; r < 100; r++) for (let i = 0; i < xs.length; i++) xs[i] = (xs[i] + k * i) % 97;
  if (fail) throw new RangeError(`fill ${k} failed`);
}
