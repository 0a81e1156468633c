/** Views of one buffer in what a task returns or leaves in an inout argument stay views of one buffer (tester #13's m36). */

/** @task */
export function split(n: number): { all: Float64Array; head: Float64Array; tail: Float64Array } {
  const all = new Float64Array(n);
  for (let i = 0; i < n; i++) all[i] = i + 1;
  return { all, head: all.subarray(0, 2), tail: all.subarray(n - 2) };
}

/** @task */
export function bytesOf(n: number): { values: Float64Array; bytes: Uint8Array } {
  const values = new Float64Array(n).fill(1);
  return { values, bytes: new Uint8Array(values.buffer) };
}

/** @task */
export function twoBuffers(): Int32Array[] {
  const a = new Int32Array([1, 2, 3, 4]);
  const b = new Int32Array([5, 6]);
  return [a.subarray(1, 3), b, a.subarray(2)];
}

export interface Holder { buf: Float64Array; view?: Float64Array }

/** @task */
export function attach(h: Holder): void {
  h.view = h.buf.subarray(1, 3);
}

/** @task */
export function fill(xs: Float64Array, v: number): void {
  xs.fill(v);
}
