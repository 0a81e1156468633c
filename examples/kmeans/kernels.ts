/**
 * The k-means kernels of the PyCOMPSs application, as plain functions: each one is a task.
 * A fragment is `points × dims` coordinates, row-major.
 */
import { random } from '../random';

/**
 * Points scattered around `clusters` seeded blob centres, so that k-means has something to find.
 * @task
 */
export function generateFragment(seed: number, points: number, dims: number, clusters: number): Float64Array {
  const blobs = random(7919);
  const centres = Array.from({ length: clusters * dims }, () => blobs() * 100);
  const next = random(seed);
  const fragment = new Float64Array(points * dims);
  for (let p = 0; p < points; p++) {
    const c = Math.floor(next() * clusters);
    for (let d = 0; d < dims; d++) fragment[p * dims + d] = centres[c * dims + d] + (next() - 0.5) * 10;
  }
  return fragment;
}

/**
 * For each centre: the sum of the coordinates of the points nearest to it, then the count of those points.
 * Every iteration reads every fragment again: recurrent read-only.
 * @task
 * @rro fragment
 */
export function partialSum(fragment: Float64Array, dims: number, centers: Float64Array): Float64Array {
  const k = centers.length / dims;
  const sums = new Float64Array(k * dims + k);
  const points = fragment.length / dims;
  for (let p = 0; p < points; p++) {
    const base = p * dims;
    let best = 0;
    let bestDistance = Infinity;
    for (let c = 0; c < k; c++) {
      let distance = 0;
      for (let d = 0; d < dims; d++) {
        const diff = fragment[base + d] - centers[c * dims + d];
        distance += diff * diff;
      }
      if (distance < bestDistance) { bestDistance = distance; best = c; }
    }
    for (let d = 0; d < dims; d++) sums[best * dims + d] += fragment[base + d];
    sums[k * dims + best] += 1;
  }
  return sums;
}

/**
 * Add partial sums in a fixed order, so that every run gives the same bits.
 * @task
 */
export function mergeSums(partials: Float64Array[]): Float64Array {
  const total = new Float64Array(partials[0].length);
  for (const partial of partials) for (let i = 0; i < total.length; i++) total[i] += partial[i];
  return total;
}
