/** Task functions the benchmarks run, both through taskify and through raw piscina. */
export function add(a: number, b: number): number { return a + b; }

export function touch(values: Float64Array): void { values[0] += 1; }

/** The raw-piscina baseline's worker: the same function behind piscina's calling convention. */
export default function rawAdd({ a, b }: { a: number; b: number }): number { return add(a, b); }

/** Reads every element: what a task pays to see its `in` array (bench/snapshots.ts). */
export function sum(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

/** Index of the nearest of `centers` for every point of `fragment` (`dims` numbers each), summed: k-means' shape. */
export function nearestAll(fragment: Float64Array, dims: number, centers: number[][]): number {
  let labels = 0;
  for (let p = 0; p < fragment.length; p += dims) {
    let best = 0;
    let bestDistance = Infinity;
    for (let k = 0; k < centers.length; k++) {
      let d = 0;
      for (let j = 0; j < dims; j++) d += (fragment[p + j] - centers[k][j]) ** 2;
      if (d < bestDistance) { bestDistance = d; best = k; }
    }
    labels += best;
  }
  return labels;
}
