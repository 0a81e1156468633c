/**
 * npm run bench:snapshots — an `in` object the plugin cannot follow, passed to many tasks: written as a new snapshot at
 * every call (`written`, what the plugin emitted before) against checked and written only when it changed
 * (`maybeWritten`), measured in the same run, interleaved.
 *
 * 1. A new user's image pipeline: one 32 MB Float64Array, changed once, then given to 24 tasks that each read it all.
 * 2. k-means' `partial(fragment[i], centers)`: centers (number[][], changed every iteration) given with each fragment.
 * Each round changes the object first, so both variants write it at least once.
 */
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { maybeWritten, shutdown, stats, task, written, type Future } from '../runtime';
import type * as K from './kernels';
import { median, timeIt } from './stats';

const kernels = join(__dirname, 'kernels.js');
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
const MIB = 1024 * 1024;

type Mark = <T>(x: T) => T;
interface Measured { ms: number; snapshots: number; mb: number }

async function measure(rounds: number, variants: Record<string, Mark>, body: (mark: Mark) => Future<number>[]): Promise<Record<string, Measured>> {
  const samples: Record<string, { ms: number[]; snapshots: number; bytes: number }> =
    Object.fromEntries(Object.keys(variants).map((name) => [name, { ms: [], snapshots: 0, bytes: 0 }]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, mark] of Object.entries(variants)) {
      const before = stats()!;
      const ms = await timeIt(() => { for (const f of body(mark)) f.wait(); });
      const after = stats()!;
      samples[name].ms.push(ms);
      samples[name].snapshots += after.snapshots.written - before.snapshots.written;
      samples[name].bytes += (after.bytes.written - before.bytes.written);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, s]) =>
    [name, { ms: median(s.ms), snapshots: s.snapshots / rounds, mb: s.bytes / rounds / MIB }]));
}

async function main(): Promise<void> {
  const sum = task<typeof K.sum>(kernels, 'sum', ['in']);
  const nearestAll = task<typeof K.nearestAll>(kernels, 'nearestAll', ['in', 'in', 'in']);
  const variants: Record<string, Mark> = { written, maybeWritten };
  await sum(new Float64Array(8)); // start the pool

  const image = new Float64Array((32 * MIB) / 8).map((_, i) => i % 251);
  const TASKS = 24;
  const images = await measure(ROUNDS, variants, (mark) => {
    image[0] += 1; // the program changed it: the first call of each round must send the new contents
    return Array.from({ length: TASKS }, () => sum(mark(image)));
  });

  const DIMS = 16;
  const FRAGMENTS = 32;
  const ITERATIONS = 4;
  const fragments = Array.from({ length: FRAGMENTS }, (_, f) => Float64Array.from({ length: 256 * DIMS }, (_, i) => ((i * 7 + f) % 101) / 10));
  const centers = Array.from({ length: 64 }, (_, k) => Array.from({ length: DIMS }, (_, j) => ((k * 13 + j) % 97) / 10));
  // The fragments are data the plugin follows (written once): write them before measuring, for both variants alike.
  for (const fragment of fragments) await nearestAll(fragment, DIMS, centers);
  const kmeans = await measure(ROUNDS, variants, (mark) => {
    const futures: Future<number>[] = [];
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      for (const center of centers) center[0] += 0.01; // new centers each iteration, computed by main code
      for (const fragment of fragments) futures.push(nearestAll(fragment, DIMS, mark(centers)));
      for (const f of futures) f.wait(); // the next iteration's centers come from these
    }
    return futures;
  });

  console.log(`machine: ${availableParallelism()} cores, Node ${process.version}; medians of ${ROUNDS} interleaved rounds\n`);
  console.log('| case | written at every call: ms | snapshots | MB written | maybeWritten: ms | snapshots | MB written | time ratio |');
  console.log('|---|---|---|---|---|---|---|---|');
  const row = (label: string, r: Record<string, Measured>) => {
    const [old, now] = [r.written!, r.maybeWritten!];
    console.log(`| ${label} | ${old.ms.toFixed(0)} | ${old.snapshots} | ${old.mb.toFixed(1)} | ${now.ms.toFixed(0)} | ${now.snapshots} | ` +
      `${now.mb.toFixed(1)} | ${(old.ms / now.ms).toFixed(2)}x faster |`);
  };
  row(`32 MB Float64Array \`in\` to ${TASKS} tasks`, images);
  row(`k-means: 64×${DIMS} centers with ${FRAGMENTS} fragments, ${ITERATIONS} iterations`, kmeans);
  await shutdown();
}

main().catch((error) => { console.error(error); process.exitCode = 1; });
