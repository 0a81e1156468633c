/**
 * k-means written by hand on a piscina pool, as a Node user would without taskify: the baselines of
 * `npm run bench`. It prints what examples/kmeans prints, so the benchmark can check all variants agree.
 *
 *   node kmeans.js --mode clone|sab [the k-means example's options]
 *
 * clone: the main thread keeps the fragments and posts each one to a worker every iteration (structured clone).
 * sab:   fragments live in SharedArrayBuffers, so posting one shares it instead of copying (the practical limit).
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Piscina } from 'piscina';
import { mergeSums } from '../../examples/kmeans/kernels';
import { printKmeans } from '../../examples/kmeans/print';
import { moveCenters } from '../../examples/kmeans/centers';
import { kmeansOptions } from '../../examples/kmeans/options';
import type { GenerateJob, PartialJob } from './kmeans-worker';

const { values: options } = parseArgs({
  options: {
    mode: { type: 'string', default: 'clone' },
    ...kmeansOptions,
  },
});
if (options.mode !== 'clone' && options.mode !== 'sab') throw new Error(`--mode must be clone or sab, got ${options.mode}`);
const shared = options.mode === 'sab';

async function kmeans(pool: Piscina, points: number, dims: number, k: number, fragmentCount: number, iterations: number, epsilon: number, seed: number) {
  const perFragment = Math.ceil(points / fragmentCount);
  const fragments: Float64Array[] = await Promise.all(Array.from({ length: fragmentCount }, (_, i) => pool.run({
    kind: 'generate', seed: seed + i, points: Math.min(perFragment, points - i * perFragment), dims, clusters: k, shared,
  } satisfies GenerateJob)));
  let centers: Float64Array = fragments[0].slice(0, k * dims);
  let done = 0;
  while (done < iterations) {
    const partials: Float64Array[] = await Promise.all(fragments.map((fragment) => pool.run({ kind: 'partial', fragment, dims, centers } satisfies PartialJob)));
    const moved = moveCenters(mergeSums(partials), centers, k, dims);
    centers = moved.centers;
    done++;
    if (moved.shift < epsilon) break;
  }
  return { centers, iterations: done };
}

async function main(): Promise<void> {
  const workers = Number(process.env.TASKIFY_WORKERS || availableParallelism());
  const pool = new Piscina({ filename: join(__dirname, 'kmeans-worker.js'), minThreads: workers, maxThreads: workers, idleTimeout: Infinity });
  const points = Number(options.points);
  const dims = Number(options.dims);
  const k = Number(options.centers);
  const fragmentCount = Number(options.fragments);
  const started = performance.now();
  const result = await kmeans(pool, points, dims, k, fragmentCount, Number(options.iterations), Number(options.epsilon), Number(options.seed));
  const seconds = (performance.now() - started) / 1000;
  await pool.destroy();
  printKmeans({ points, dims, k, fragments: fragmentCount, seconds }, result);
}

main().catch((error) => { console.error(error); process.exitCode = 1; });
