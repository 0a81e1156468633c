/** Blocks of a wavefront: each reads the edges its upper and left neighbours computed. */

export interface Edge { bottom: Int32Array; right: Int32Array; corner: number }

/** @task */
export function cell(top: number, left: number, seed: number): number {
  let s = top + left + seed;
  for (let i = 0; i < 400_000; i++) s = (s * 31 + i) % 1000003;
  return s;
}

/** One block of a longest-common-subsequence table, from its top row, left column and corner. @task */
export function block(a: string, b: string, top: Int32Array, left: Int32Array, corner: number): Edge {
  const h = a.length, w = b.length;
  let prev = new Int32Array(w + 1), cur = new Int32Array(w + 1);
  prev[0] = corner;
  for (let j = 0; j < w; j++) prev[j + 1] = top[j];
  const right = new Int32Array(h);
  for (let i = 0; i < h; i++) {
    cur[0] = left[i];
    for (let j = 0; j < w; j++) cur[j + 1] = a[i] === b[j] ? prev[j] + 1 : Math.max(prev[j + 1], cur[j]);
    right[i] = cur[w];
    [prev, cur] = [cur, prev];
  }
  return { bottom: prev.slice(1), right, corner: prev[w] };
}

/** @task */
export function checked(n: number): number {
  if (n < 0) throw new Error(`negative cell ${n}`);
  return n * 2;
}
