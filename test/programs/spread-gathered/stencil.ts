/**
 * One Jacobi sweep on a strip of `rows` interior rows plus one halo row above and below (all in `src`),
 * writing the interior rows of `dst`. Returns the max change.
 * @task
 */
export function sweep(src: Float64Array, dst: Float64Array, rows: number, cols: number): number {
  let delta = 0;
  for (let r = 1; r <= rows; r++)
    for (let c = 1; c < cols - 1; c++) {
      const i = r * cols + c;
      const v = 0.25 * (src[i - 1] + src[i + 1] + src[i - cols] + src[i + cols]);
      delta = Math.max(delta, Math.abs(v - src[i]));
      dst[i - cols] = v;
    }
  return delta;
}
