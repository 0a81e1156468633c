/** @task Fill `out` from a seed: enough work that calls submitted together overlap. */
export function work(out: Float64Array, k: number): void {
  for (let r = 0; r < 120; r++) for (let i = 0; i < out.length; i++) out[i] += r === 0 ? k + i % 3 : 0;
}

/** @task */
export function tally(src: Float64Array, k: number, sums: Float64Array, counts: Int32Array): void {
  for (let r = 0; r < 60; r++) for (let i = 0; i < src.length; i++) if (src[i] % 3 === k % 3) { sums[0] += r === 0 ? src[i] : 0; counts[0] += r === 0 ? 1 : 0; }
}

/** @task */
export function scale(xs: Float64Array, f: number): void { for (let i = 0; i < xs.length; i++) xs[i] *= f; }
