/** @task */
export function total(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

/** @task */
export function weighted(values: Float64Array, weights: { scale: number; offsets: number[] }): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] * weights.scale + weights.offsets[i % weights.offsets.length];
  return s;
}

/** @task */
export function nearest(point: number[], centers: number[][]): number {
  let best = 0;
  let bestDistance = Infinity;
  centers.forEach((center, k) => {
    const d = center.reduce((acc, c, j) => acc + (c - point[j]) ** 2, 0);
    if (d < bestDistance) { bestDistance = d; best = k; }
  });
  return best;
}
