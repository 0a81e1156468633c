/**
 * Blocked matmul written by hand on a piscina pool, as a Node user would without taskify: the baselines of
 * `npm run bench`. It prints what examples/matmul prints, so the benchmark can check all variants agree.
 *
 *   node matmul.js --mode clone|sab [the matmul example's options]
 *
 * Blocks are generated in workers. Each C block then runs its chain C[i][j] += A[i][k]·B[k][j] for k = 0..N-1 in
 * order (each step writes what the next reads), while the N² chains run concurrently.
 * clone: A and B blocks are posted to a worker for every step (structured clone, a copy each); C moves there and
 *        back by transfer, since only its own chain uses it.
 * sab:   every block lives in a SharedArrayBuffer, so posting one shares it instead of copying (the practical limit).
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Piscina } from 'piscina';
import { checksums, printMatmul } from '../../examples/matmul/print';
import type { GenerateJob, MultiplyJob } from './matmul-worker';
import { matmulOptions } from '../../examples/matmul/options';

const { values: options } = parseArgs({
  options: {
    mode: { type: 'string', default: 'clone' },
    ...matmulOptions,
  },
});
if (options.mode !== 'clone' && options.mode !== 'sab') throw new Error(`--mode must be clone or sab, got ${options.mode}`);
const shared = options.mode === 'sab';

type Grid = Float64Array[][];

/** An n×n grid of blocks, block (i, j) seeded `seed + i·n + j` as the example does. */
function generateGrid(pool: Piscina, n: number, size: number, seed: number): Promise<Grid> {
  return Promise.all(Array.from({ length: n }, (_, i) => Promise.all(Array.from({ length: n }, (_, j) =>
    pool.run({ kind: 'generate', seed: seed + i * n + j, size, shared } satisfies GenerateJob) as Promise<Float64Array>))));
}

/** C[i][j] = Σ_k A[i][k]·B[k][j], one step after the other. */
async function chain(pool: Piscina, a: Grid, b: Grid, i: number, j: number, size: number): Promise<Float64Array> {
  const bytes = size * size * Float64Array.BYTES_PER_ELEMENT;
  let c = new Float64Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  for (let k = 0; k < a.length; k++) {
    const job: MultiplyJob = { kind: 'multiply', c, a: a[i][k], b: b[k][j], size, shared };
    const result = await pool.run(job, shared ? {} : { transferList: [c.buffer as ArrayBuffer] });
    if (!shared) c = result as Float64Array;
  }
  return c;
}

async function multiply(pool: Piscina, n: number, size: number, seed: number): Promise<Grid> {
  const [a, b] = await Promise.all([generateGrid(pool, n, size, seed), generateGrid(pool, n, size, seed + n * n)]);
  return Promise.all(Array.from({ length: n }, (_, i) => Promise.all(Array.from({ length: n }, (_, j) => chain(pool, a, b, i, j, size)))));
}

async function main(): Promise<void> {
  const workers = Number(process.env.TASKIFY_WORKERS || availableParallelism());
  const pool = new Piscina({ filename: join(__dirname, 'matmul-worker.js'), minThreads: workers, maxThreads: workers, idleTimeout: Infinity });
  const n = Number(options.blocks);
  const size = Number(options['block-size']);
  const started = performance.now();
  const c = await multiply(pool, n, size, Number(options.seed));
  const sums = checksums(c, size);
  const seconds = (performance.now() - started) / 1000;
  await pool.destroy();
  printMatmul({ n, size, seconds }, sums);
}

main().catch((error) => { console.error(error); process.exitCode = 1; });
