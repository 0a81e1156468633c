/**
 * `npm run bench:rro [-- --quick]`: the paper's k-means case (PyHPC 2020, Table I: many points, 64 and 128
 * dimensions, 4 centres, one fragment per worker), scaled to this machine. The same compiled program
 * (examples/kmeans, built with the plugin) runs with its @rro fragments in shared memory and without
 * (TASKIFY_SHM=0: the fragments are read like any other argument), interleaved, medians of the program's
 * own time.
 *
 * Two regimes, because a worker already keeps what it decoded (TASKIFY_WORKER_CACHE_MB):
 *  - the fragment fits a worker's cache: each worker reads its fragment once either way; @rro must cost nothing;
 *  - the fragment is larger than the cache ("loading dominates", the paper's case): without @rro every
 *    partial sum reads its fragment from its file again; with @rro every worker maps the one shared copy.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { median } from './stats';
import { dist, machineLine, runProgram, writeResult } from './harness';

const quick = process.argv.includes('--quick');
const program = join(dist, 'taskified', 'examples', 'kmeans', 'main.js');
const workers = availableParallelism();
const rounds = quick ? 2 : 3;
/** The small cases are cheap and, there, @rro's effect is nil: more rounds keep noise from posing as one. */
const roundsOf = (c: Case): number => (c.fragmentMB < c.cacheMB ? rounds * 3 : rounds);
const MB = 1e6;

interface Case { readonly regime: string; readonly dims: number; readonly fragmentMB: number; readonly cacheMB: number; readonly iterations: number }

const cacheMB = quick ? 128 : 512;
const cases: Case[] = (quick ? [64] : [64, 128]).flatMap((dims) => [
  { regime: 'fits the worker cache', dims, fragmentMB: cacheMB / 4, cacheMB, iterations: 5 },
  { regime: 'beyond the worker cache', dims, fragmentMB: cacheMB * 1.2, cacheMB, iterations: 5 },
  { regime: 'beyond the worker cache, 1 iteration', dims, fragmentMB: cacheMB * 1.2, cacheMB, iterations: 1 },
]);

/** Seconds the program reports for itself (fragment generation included, process start-up not). */
function run(c: Case, sharedMemory: boolean): number {
  const points = Math.round((c.fragmentMB * MB * workers) / (c.dims * 8));
  const args = ['--points', String(points), '--dims', String(c.dims), '--centers', '4', '--fragments', String(workers),
    '--iterations', String(c.iterations), '--epsilon', '0'];
  return runProgram(program, args, { TASKIFY_SHM: sharedMemory ? '1' : '0', TASKIFY_WORKER_CACHE_MB: String(c.cacheMB) }).seconds;
}

const rows: string[] = [];
console.log(`k-means, 4 centres, ${workers} fragments on ${workers} workers; ${rounds} interleaved rounds (×3 where fragments fit the cache), medians\n`);
const header = '| regime | dims | fragment | worker cache | iterations | without @rro | with @rro | with / without |';
console.log(header);
console.log('|---|---|---|---|---|---|---|---|');
for (const c of cases) {
  const without: number[] = [];
  const withRro: number[] = [];
  for (let round = 0; round < roundsOf(c); round++) {
    without.push(run(c, false));
    withRro.push(run(c, true));
  }
  const [a, b] = [median(without), median(withRro)];
  const row = `| ${c.regime} | ${c.dims} | ${c.fragmentMB} MB | ${c.cacheMB} MB | ${c.iterations} | ${a.toFixed(2)} s | ${b.toFixed(2)} s | ${(b / a).toFixed(2)}x |`;
  console.log(row);
  rows.push(row);
}

const file = writeResult(quick ? 'rro-quick.md' : 'rro.md', `# @rro benchmark (\`npm run bench:rro${quick ? ' -- --quick' : ''}\`)\n\n${machineLine()}; ` +
  `k-means, 4 centres, ${workers} fragments on ${workers} workers; ${rounds} interleaved rounds (×3 where fragments fit the cache), medians.\n\n${header}\n|---|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`);
console.log(`\nwritten to ${file}`);
