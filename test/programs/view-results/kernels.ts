// Tasks returning views of buffers they made: the program gets each view at its place in a buffer holding what the
// task's buffer held (tester #25's r06: the length header before `buf.subarray(4)` came back as zeros and garbage).

/** @task */
export function packet(text: string): Uint8Array {
  const buf = new Uint8Array(4 + text.length);
  new DataView(buf.buffer).setUint32(0, text.length);
  for (let i = 0; i < text.length; i++) buf[4 + i] = text.charCodeAt(i);
  return buf.subarray(4);
}

/** @task */
export function halves(n: number): { low: Float64Array; high: Float64Array } {
  const all = new Float64Array(2 * n).map((_, i) => i * 0.5);
  return { low: all.subarray(0, n), high: all.subarray(n) };
}

/** @task */
export function middle(n: number): Int32Array {
  const scratch = new Int32Array(n).map((_, i) => i * i);
  return new Int32Array(scratch.buffer, 8, 3);
}
