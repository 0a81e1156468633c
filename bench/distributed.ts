/**
 * npm run bench:distributed — what running tasks on `taskify worker` machines through Redis + BullMQ costs against
 * the local piscina pool, on this machine, measured in the same run.
 *
 * The cluster is test/cluster.ts: a redis-server of its own and 2 `taskify worker` processes of 1 thread each (in
 * namespaces of their own when root, so that every byte goes through Redis), against a local pool of 2 threads.
 * The runtime reads TASKIFY_REDIS once per process, so each measurement runs in a child (`--child <case>`); local and
 * distributed children alternate, ROUNDS rounds, and the table shows medians (the ratio: median of each round's ratio,
 * as absolute times on a shared machine swing by several times from one minute to the next).
 *
 * 1. latency: submit one tiny task, wait for its value, repeat.
 * 2. throughput: many tiny independent tasks submitted together, then awaited.
 * 3. data in: a fresh Float64Array passed `in` to sum(), main → (Redis) → worker.
 * 4. data out: produce(n) returns a fresh Float64Array that the main thread reads, worker → (Redis) → main.
 * Arrays are fresh in every task: a machine fetches a version once and keeps it, which would hide the transfer.
 *
 * The floor, measured in the same rounds: what the local pool takes for the same argument or result (the file
 * written and read, the task) plus the bare move of as many bytes through a Redis stream of the cluster's Redis,
 * memory to memory with no file and no checksum (bare-stream.ts). A distributed transfer does all of that and more,
 * so its speed cannot pass the floor's on this machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { deleteObject, shutdown, task, waitOn } from '../runtime';
import { CLUSTER_SECRET, redisServer, startCluster } from '../test/cluster';
import type * as K from './kernels';
import { median, timeIt } from './stats';
import { bareReader, bareTransfer } from './bare-stream';
import { RedisLink } from '../runtime/distributed/redis-link';
import { hugePagesEnv } from '../runtime/hugepages';

// ── task functions (pool threads and machines import this module: main() runs only when it is the program) ──

export function sum(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

export function produce(n: number): Float64Array { return new Float64Array(n).fill(1); }

// ── settings ──

const quick = process.argv.includes('--quick');
const ROUNDS = Number(process.env.BENCH_ROUNDS || (quick ? 1 : 5));
const LATENCY_TASKS = quick ? 100 : 300;
const THROUGHPUT_TASKS = quick ? 1000 : 3000;
const WARMUP_TASKS = 50;
const MIB = 1024 * 1024;
const SIZES_MIB = [16, 64];
/** Transfers per size in one child: their median is the child's figure. */
const TRANSFERS = quick ? 1 : 3;

// ── the child: one case, one mode (whatever TASKIFY_REDIS says), one JSON line of measurements on stdout ──

const self = join(__dirname, 'distributed.js');
const add = task<typeof K.add>(join(__dirname, 'kernels.js'), 'add', ['in', 'in']);
const sumTask = task<typeof sum>(self, 'sum', ['in']);
const produceTask = task<typeof produce>(self, 'produce', ['in']);

type Measures = Record<string, number>;

/** Each metric's unit says which way is better: times per task lower, rates higher. */
const cases: Record<string, () => Promise<Measures>> = {
  latency: async () => {
    const ms = await timeIt(() => { for (let i = 0; i < LATENCY_TASKS; i++) add(i, 1).wait(); });
    return { 'one at a time, µs/task': (ms * 1000) / LATENCY_TASKS };
  },
  throughput: async () => {
    const ms = await timeIt(() => Promise.all(Array.from({ length: THROUGHPUT_TASKS }, (_, i) => add(i, 1))));
    return { [`${THROUGHPUT_TASKS} submitted then awaited, tasks/s`]: THROUGHPUT_TASKS / (ms / 1000) };
  },
  in: async () => {
    const out: Measures = {};
    for (const mib of SIZES_MIB) {
      const n = (mib * MIB) / 8;
      out[`${mib} MiB in (main → worker), MB/s`] = await rate(mib, () => {
        const values = new Float64Array(n).fill(1); // outside the timing: making the data is the program's business
        return timeIt(() => { if (sumTask(values).wait() !== n) throw new Error('sum: wrong total'); })
          .finally(() => deleteObject(values)); // its file and blob go now, not at a garbage collection mid-measurement
      });
    }
    return out;
  },
  out: async () => {
    const out: Measures = {};
    for (const mib of SIZES_MIB) {
      const n = (mib * MIB) / 8;
      out[`${mib} MiB out (worker → main), MB/s`] = await rate(mib, async () => {
        const made = produceTask(n);
        try {
          return await timeIt(() => { if (waitOn(made)[n - 1] !== 1) throw new Error('produce: wrong contents'); });
        } finally { deleteObject(made); }
      });
    }
    return out;
  },
};

/** MB/s of the median of TRANSFERS transfers of `mib` MiB. */
async function rate(mib: number, transfer: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < TRANSFERS; i++) times.push(await transfer());
  return (mib * MIB) / 1e6 / (median(times) / 1000);
}

async function child(name: string): Promise<void> {
  // Warm: engine and pool threads started, modules imported, Redis connections and machines' run pools up.
  await Promise.all(Array.from({ length: WARMUP_TASKS }, (_, i) => add(i, 1)));
  if (name === 'in' || name === 'out') {
    // Past the inline limit (16 KiB), so that the blob path is warm too.
    sumTask(new Float64Array(MIB / 8)).wait();
    waitOn(produceTask(MIB / 8));
  }
  const measures = await cases[name]();
  await shutdown();
  process.stdout.write(JSON.stringify(measures) + '\n');
}

// ── the driver ──

type Mode = 'local' | 'distributed';

/** One child's measurements; the environment holds no TASKIFY_* setting but the mode's. */
function measure(name: string, mode: Mode, url: string): Promise<Measures> {
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TASKIFY_')));
  // The same TASKIFY_WORKERS in both: it also sets how the main thread batches submissions.
  Object.assign(env, { TASKIFY_WORKERS: '2', TASKIFY_PROGRESS: '0', TASKIFY_SUMMARY: '0' });
  // Signed as a real cluster is (the machines of startCluster hold this secret).
  if (mode === 'distributed') Object.assign(env, { TASKIFY_REDIS: url, TASKIFY_SECRET: CLUSTER_SECRET });
  const args = [__filename, '--child', name, ...(quick ? ['--quick'] : [])];
  // Both modes' programs start as `taskify run` starts one, with huge pages where they change something (README, Huge
  // pages), as the cluster's machines do: else the master's fresh pages for a 64 MiB result were most of its time.
  const started = hugePagesEnv(env) ?? env;
  return new Promise((resolve, reject) => {
    const run = spawn(process.execPath, args, { env: started, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    run.stdout.on('data', (chunk) => { stdout += chunk; });
    run.on('error', reject);
    run.on('exit', (code, signal) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      const failed = (why: string) => reject(new Error(`the ${mode} child for '${name}' ${why}`));
      if (code !== 0) failed(`failed (${signal ?? `exit code ${code}`})`);
      else { try { resolve(JSON.parse(line) as Measures); } catch { failed(`printed ${JSON.stringify(line)}`); } }
    });
  });
}

interface Row { metric: string; local: number; distributed: number; slower: number }

async function main(): Promise<void> {
  if (!redisServer()) {
    console.error('bench:distributed needs redis-server on the PATH (Debian/Ubuntu: apt-get install redis-server)');
    process.exit(1);
  }
  // Read now, not at the end: the tree may change while the benchmark runs.
  const git = (...args: string[]) => spawnSync('git', args, { cwd: join(__dirname, '..', '..'), encoding: 'utf8' }).stdout?.trim();
  const commit = `${git('rev-parse', '--short', 'HEAD') || 'unknown'}${git('status', '--porcelain') ? ' (with uncommitted changes)' : ''}`;
  const started = performance.now();
  const loadAtStart = loadavg()[0];
  const samples: Record<string, Record<Mode, number>[]> = {};
  const cluster = await startCluster({ workers: 2, threads: 1 });
  /** Per size, each round's bare Redis stream transfer (ms, median of TRANSFERS). */
  const floors: Record<number, number[]> = {};
  const floorWriter = new RedisLink(cluster.url);
  const floorReader = bareReader(cluster.url);
  let leftover: string[];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of Object.keys(cases)) {
        // Who goes first alternates, so that a drift in the machine's load does not favour one mode.
        const modes: Mode[] = round % 2 === 0 ? ['local', 'distributed'] : ['distributed', 'local'];
        const got: Partial<Record<Mode, Measures>> = {};
        for (const mode of modes) got[mode] = await measure(name, mode, cluster.url);
        for (const metric of Object.keys(got.local!)) {
          (samples[metric] ??= []).push({ local: got.local![metric], distributed: got.distributed![metric] });
        }
      }
      for (const mib of SIZES_MIB) {
        const times: number[] = [];
        for (let i = 0; i < TRANSFERS; i++) times.push((await bareTransfer(floorWriter, floorReader, `taskify:bench-floor:${round}:${mib}:${i}`, mib * MIB)).wall);
        (floors[mib] ??= []).push(median(times));
      }
      process.stderr.write(`round ${round + 1}/${ROUNDS} done (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
    }
    leftover = cluster.keys('taskify:run:*'); // every child's run ended: none of its keys may stay behind
  } finally {
    floorReader.close();
    floorWriter.close();
    await cluster.stop();
  }

  const rows: Row[] = Object.entries(samples).map(([metric, pairs]) => {
    const perTask = metric.endsWith('/task'); // a time: bigger is slower; otherwise a rate: smaller is slower
    return {
      metric, local: median(pairs.map((p) => p.local)), distributed: median(pairs.map((p) => p.distributed)),
      slower: median(pairs.map((p) => (perTask ? p.distributed / p.local : p.local / p.distributed))),
    };
  });
  const seconds = (performance.now() - started) / 1000;
  const table = [
    '| case | local (2 threads) | distributed (2 machines × 1 thread) | distributed/local |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.metric} | ${figure(r.local)} | ${figure(r.distributed)} | ` +
      `${r.slower >= 1 ? `${r.slower.toFixed(1)}x slower` : `${(1 / r.slower).toFixed(1)}x faster`} |`),
  ].join('\n');
  console.log(table);
  const floorTable = floorRows(samples, floors);
  console.log(`\n${floorTable}`);
  console.log(`\n${ROUNDS} round(s) in ${seconds.toFixed(0)} s; leftover run keys in Redis: ${leftover.length}`);
  if (leftover.length > 0) console.log(leftover.slice(0, 10).join('\n'));
  if (quick) return; // a fast check, not a result to keep

  const markdown = [
    '# Distributed executor against the local pool',
    '',
    `- machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores; Node ${process.version}`,
    `- date: ${new Date().toISOString()}; commit ${commit}`,
    `- command: \`${process.env.BENCH_ROUNDS ? `BENCH_ROUNDS=${process.env.BENCH_ROUNDS} ` : ''}npm run bench:distributed\` ` +
      `(${seconds.toFixed(0)} s)`,
    // Other work on the machine changes absolute figures by several times: say how busy it was.
    `- load average ${loadAtStart.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end`,
    `- ${cluster.isolated ? 'workers in namespaces of their own (private /dev/shm): all data through Redis' : 'workers share /dev/shm (not root)'}` +
      `; Redis on loopback; medians of ${ROUNDS} rounds, local and distributed children alternating; the ratio is the ` +
      `median of each round's ratio`,
    '',
    table,
    '',
    floorTable,
    '',
  ].join('\n');
  writeFileSync(join(__dirname, '..', '..', 'bench', 'results', 'distributed.md'), markdown);
}

/**
 * Each transfer against its floor, round by round: the local pool's time for it plus the bare Redis stream's for
 * its size (bytes: the array's, as in the rates).
 */
function floorRows(samples: Record<string, Record<Mode, number>[]>, floors: Record<number, number[]>): string {
  const rows = Object.entries(samples).flatMap(([metric, pairs]) => {
    const mib = Number(/^(\d+) MiB (in|out)/.exec(metric)?.[1]);
    if (!floors[mib]) return [];
    const mb = (mib * MIB) / 1e6;
    const floor = pairs.map((p, round) => mb / (mb / p.local + floors[mib][round] / 1000));
    const bare = median(floors[mib].map((ms) => mb / (ms / 1000)));
    return [`| ${metric.replace(/, MB\/s$/, '')} | ${figure(median(pairs.map((p) => p.distributed)))} MB/s | ${figure(bare)} MB/s | ` +
      `${figure(median(floor))} MB/s | ${median(pairs.map((p, round) => p.distributed / floor[round])).toFixed(2)} |`];
  });
  return ['| transfer | distributed | bare Redis stream alone | floor: local pool + bare stream | distributed / floor |',
    '|---|---|---|---|---|', ...rows].join('\n');
}

const figure = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

if (require.main === module) {
  const at = process.argv.indexOf('--child');
  const run = at >= 0 ? child(process.argv[at + 1]) : main();
  run.catch((error) => { console.error(error); process.exitCode = 1; });
}
