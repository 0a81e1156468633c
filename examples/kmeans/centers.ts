/**
 * One k-means update on the main thread: each centre moves to the mean of its points (a centre with no points
 * stays), and `shift` says how far the centres moved in all (squared), for the convergence test.
 */
export function moveCenters(sums: Float64Array, centers: Float64Array, k: number, dims: number): { centers: Float64Array; shift: number } {
  const next = new Float64Array(k * dims);
  for (let c = 0; c < k; c++) {
    const count = sums[k * dims + c];
    for (let d = 0; d < dims; d++) next[c * dims + d] = count > 0 ? sums[c * dims + d] / count : centers[c * dims + d];
  }
  let shift = 0;
  for (let i = 0; i < next.length; i++) shift += (next[i] - centers[i]) ** 2;
  return { centers: next, shift };
}
