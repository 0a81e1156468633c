/** Small helpers for benchmarks that compare against a baseline measured in the same run. */
import { performance } from 'node:perf_hooks';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function timeIt(body: () => unknown): Promise<number> {
  const start = performance.now();
  await body();
  return performance.now() - start;
}

/** Run the contenders interleaved, `rounds` times each, so that machine noise hits all of them alike. */
export async function interleaved(rounds: number, contenders: Record<string, () => unknown>): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, body] of Object.entries(contenders)) samples[name].push(await timeIt(body));
  }
  return Object.fromEntries(Object.entries(samples).map(([name, times]) => [name, median(times)]));
}
