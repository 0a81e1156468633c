export interface Partial { sums: Float64Array; counts: Int32Array }

/** @task A part computed from a seed: enough work that parts submitted together overlap. */
export function partOf(seed: number): Partial {
  const sums = new Float64Array(3);
  let s = seed;
  for (let i = 0; i < 200_000; i++) { s = (s * 48271) % 2147483647; sums[i % 3] += s % 7; }
  return { sums, counts: Int32Array.of(seed, 1) };
}

/** @task */
export function merge(a: Partial, b: Partial): Partial {
  const sums = new Float64Array(a.sums.length);
  for (let i = 0; i < sums.length; i++) sums[i] = a.sums[i] + b.sums[i];
  return { sums, counts: Int32Array.of(a.counts[0] + b.counts[0], a.counts[1] + b.counts[1]) };
}

/** @task */
export function scaleCounts(p: Partial, k: number): void {
  for (let i = 0; i < p.counts.length; i++) p.counts[i] *= k;
}

/** @task The same part, written into arrays the caller made. */
export function fillPart(seed: number, sums: Float64Array, counts: Int32Array): void {
  const made = partOf(seed);
  sums.set(made.sums);
  counts.set(made.counts);
}
