/**
 * Two variants of the distributed benchmark's children (bench/distributed.ts `--child <case>`), run in turn, pair
 * after pair, each against a cluster of its own: what one change to the code or the environment is worth. On a
 * shared machine absolute figures swing by several times from one minute to the next, so only the ratio taken
 * inside each pair means something; the variant going first changes each pair.
 *
 *   node dist/bench/pairs.js [--case in|out|latency|throughput] [--pairs 8]
 *     [--a 'K=V …'] [--a-workers 'K=V …'] [--a-dist <dist dir>]   (and --b, --b-workers, --b-dist)
 *
 * --a: environment of side A's program (the master); --a-workers: of its cluster's `taskify worker` processes;
 * --a-dist: another build's dist directory (default: this one), whose bench child and taskify command run for A.
 * Prints each metric's medians and the median of the pairs' ratios A/B (rates: above 1, A is faster; times per
 * task: below 1, A is faster).
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { CLUSTER_SECRET, startCluster, type Cluster } from '../test/cluster';
import { median } from './stats';

type Measures = Record<string, number>;

interface Side { name: 'A' | 'B'; env: NodeJS.ProcessEnv; workers: NodeJS.ProcessEnv; dist: string; cluster?: Cluster }

const envOf = (text: string | undefined): NodeJS.ProcessEnv =>
  Object.fromEntries((text ?? '').split(/\s+/).filter(Boolean).map((pair) => {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`not K=V: ${pair}`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  }));

function child(side: Side, name: string): Promise<Measures> {
  // Nothing of this shell's TASKIFY_* settings: only what the side says, as in bench/distributed.ts.
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TASKIFY_')));
  Object.assign(env, { TASKIFY_WORKERS: '2', TASKIFY_PROGRESS: '0', TASKIFY_SUMMARY: '0' }, side.env,
    { TASKIFY_REDIS: side.cluster!.url, TASKIFY_SECRET: CLUSTER_SECRET });
  return new Promise((done, fail) => {
    const run = spawn(process.execPath, [join(side.dist, 'bench', 'distributed.js'), '--child', name], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    run.stdout.on('data', (chunk) => { stdout += chunk; });
    run.on('error', fail);
    run.on('exit', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try { if (code !== 0) throw new Error(`exit code ${code}`); done(JSON.parse(line) as Measures); } catch (error) {
        fail(new Error(`side ${side.name}'s child for '${name}' failed: ${(error as Error).message} ${line}`));
      }
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      case: { type: 'string', default: 'in' }, pairs: { type: 'string', default: '8' },
      a: { type: 'string' }, 'a-workers': { type: 'string' }, 'a-dist': { type: 'string' },
      b: { type: 'string' }, 'b-workers': { type: 'string' }, 'b-dist': { type: 'string' },
    },
  });
  const here = resolve(__dirname, '..');
  const sides: Side[] = (['a', 'b'] as const).map((s) => ({
    name: s === 'a' ? 'A' : 'B', env: envOf(values[s]), workers: envOf(values[`${s}-workers`]), dist: resolve(values[`${s}-dist`] ?? here),
  }));
  for (const side of sides) {
    side.cluster = await startCluster({ workers: 2, threads: 1, env: side.workers, cli: join(side.dist, 'runtime', 'cli.js'), root: resolve(side.dist, '..') });
  }
  const pairs = Number(values.pairs);
  const samples: Record<string, { A: number; B: number }[]> = {};
  const load = [loadavg()[0]];
  try {
    for (let i = 0; i < pairs; i++) {
      const got: Partial<Record<'A' | 'B', Measures>> = {};
      for (const side of i % 2 === 0 ? sides : [...sides].reverse()) got[side.name] = await child(side, values.case!);
      for (const metric of Object.keys(got.A!)) (samples[metric] ??= []).push({ A: got.A![metric], B: got.B![metric] });
      process.stderr.write(`pair ${i + 1}/${pairs}: ${Object.keys(got.A!).map((m) => `${(got.A![m] / got.B![m]).toFixed(2)}`).join(' ')}\n`);
    }
  } finally {
    for (const side of sides) await side.cluster?.stop();
  }
  load.push(loadavg()[0]);
  console.log(`A: ${values.a ?? '-'} | workers ${values['a-workers'] ?? '-'} | ${sides[0].dist}`);
  console.log(`B: ${values.b ?? '-'} | workers ${values['b-workers'] ?? '-'} | ${sides[1].dist}`);
  console.log(`${pairs} pairs, load ${load.map((l) => l.toFixed(1)).join(' → ')}`);
  console.log('| case | A | B | A/B (median of pairs) | pairs A/B |\n|---|---|---|---|---|');
  for (const [metric, got] of Object.entries(samples)) {
    const figure = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
    const ratios = got.map((p) => p.A / p.B);
    console.log(`| ${metric} | ${figure(median(got.map((p) => p.A)))} | ${figure(median(got.map((p) => p.B)))} | ` +
      `${median(ratios).toFixed(2)} | ${ratios.map((r) => r.toFixed(2)).join(' ')} |`);
  }
}

main().catch((error) => { console.error(error); process.exitCode = 1; });
