/** @task */
export function upd(d: number[][], col: number[][]): void { for (let i = 0; i < col.length; i++) col[i][0] += d[i][0]; }

/** @task */
export function step(out: Int32Array, prev: Int32Array | null): void {
  for (let i = 0; i < out.length; i++) out[i] = (prev ? prev[i] : 0) + i + 1;
}

/** @task */
export function createBlock(n: number, seed: number): Float64Array {
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = seed + i;
  return b;
}

/** @task */
export function multiply(a: Float64Array, b: Float64Array, c: Float64Array): void {
  for (let i = 0; i < c.length; i++) c[i] += a[i] * b[i];
}

/** @task */
export function inc(xs: number[]): void { for (let i = 0; i < xs.length; i++) xs[i]++; }

/** @task */
export function relax(dst: Float64Array, src: Float64Array, above: Float64Array | null, below: Float64Array | null): void {
  for (let i = 0; i < dst.length; i++) {
    const up = i > 0 ? src[i - 1] : above ? above[above.length - 1] : 0;
    const down = i < src.length - 1 ? src[i + 1] : below ? below[0] : 0;
    dst[i] = (up + src[i] + down) / 3;
  }
}
