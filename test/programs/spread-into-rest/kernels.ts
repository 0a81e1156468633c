/** @task */
export function maxOf(...arrs: Float64Array[]): number {
  let m = -Infinity;
  for (const a of arrs) for (let r = 0; r < 20; r++) for (let i = 0; i < a.length; i++) if (a[i]! > m) m = a[i]!;
  return m;
}

/** @task */
export function smoothed(n: number, k: number): Float64Array {
  const out = new Float64Array(n);
  for (let r = 0; r < 20; r++) for (let i = 0; i < n; i++) out[i] = (out[i]! + ((i * k) % 13)) / 2;
  return out;
}

/** @task */
export function bumpAll(by: number, ...arrs: Float64Array[]): void {
  for (const a of arrs) for (let i = 0; i < a.length; i++) a[i] += by;
}
