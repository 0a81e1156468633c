export interface Partial { sums: Float64Array; counts: Int32Array }

/** @task */
export function partialSums(points: Float64Array, centers: Float64Array, k: number, sums: Float64Array, counts: Int32Array): void {
  sums.fill(0);
  counts.fill(0);
  for (let i = 0; i < points.length; i += 2) {
    let best = 0, bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const dx = points[i] - centers[2 * c], dy = points[i + 1] - centers[2 * c + 1];
      const d = dx * dx + dy * dy;
      if (d < bestD) { bestD = d; best = c; }
    }
    sums[2 * best] += points[i];
    sums[2 * best + 1] += points[i + 1];
    counts[best]++;
  }
}

/** @task */
export function merge(a: Partial, b: Partial): Partial {
  return { sums: a.sums.map((v, i) => v + b.sums[i]), counts: a.counts.map((v, i) => v + b.counts[i]) };
}

/** @task */
export function ramp(out: Float64Array, start: number): void {
  if (start < 0) throw new Error(`negative start ${start}`);
  for (let i = 0; i < out.length; i++) out[i] = start + i;
}

/** @task */
export function scaleBy(out: Float64Array, k: number): void {
  for (let i = 0; i < out.length; i++) out[i] *= k;
}

/** @task */
export function fillBoth(a: Float64Array, b: Int32Array, k: number): void { a.fill(k); b.fill(k + 1); }

/** @task */
export function tally(acc: { sums: Float64Array; count: number }, k: number): void { acc.sums.fill(k); acc.count = k * 2; }
/** @task */
export function listUpTo(out: number[], n: number): void { for (let i = 0; i < n; i++) out.push(i * i); }
