/**
 * npm run bench:overhead — what taskify costs on top of raw piscina, measured in the same run.
 *
 * 1. Per-task cost of tiny tasks: N calls of add(a, b), submitted together then waited for, against raw
 *    piscina running the same function (Promise.all of pool.run), and one at a time (submit, wait, repeat).
 * 2. Throughput of a 128 MiB Float64Array through one inout task: snapshot file written by the main thread,
 *    read by a worker, written back as a new version, read into the caller's array at its wait.
 * 3. Observing: the same tiny tasks with hooks recording every event (what TASKIFY_TRACE/GRAPH/SUMMARY attach)
 *    against none attached, where the engine sends no events at all.
 * Target (issue 2): per-task cost within 2x of raw piscina; 128 MiB in+out at 1 GB/s or better.
 */
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { markWritten, observe, shutdown, task, waitOn } from '../runtime';
import { newRunLog, recordingHooks } from '../runtime/observe/run-log';
import type * as K from './kernels';
import { interleaved, median, timeIt } from './stats';

const kernels = join(__dirname, 'kernels.js');
const workers = Number(process.env.TASKIFY_WORKERS || availableParallelism());
const N = Number(process.env.BENCH_TASKS || 20000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
const MIB = 1024 * 1024;

async function main(): Promise<void> {
  const add = task<typeof K.add>(kernels, 'add', ['in', 'in']);
  const touch = task<typeof K.touch>(kernels, 'touch', ['inout']);
  const raw = new Piscina({ filename: kernels, minThreads: workers, maxThreads: workers, idleTimeout: Infinity });

  // Warm both pools: threads started, modules imported, code optimised.
  await Promise.all(Array.from({ length: 2000 }, (_, i) => raw.run({ a: i, b: 1 })));
  await Promise.all(Array.from({ length: 2000 }, (_, i) => add(i, 1)));

  const batch = await interleaved(ROUNDS, {
    raw: () => Promise.all(Array.from({ length: N }, (_, i) => raw.run({ a: i, b: 1 }))),
    taskify: () => Promise.all(Array.from({ length: N }, (_, i) => add(i, 1))),
    taskifyBlocking: () => { const f = Array.from({ length: N }, (_, i) => add(i, 1)); for (const x of f) x.wait(); },
  });
  const oneAtATime = await interleaved(ROUNDS, {
    raw: async () => { for (let i = 0; i < N / 10; i++) await raw.run({ a: i, b: 1 }); },
    taskify: () => { for (let i = 0; i < N / 10; i++) add(i, 1).wait(); },
  });
  await raw.destroy();
  const batchOfAdds = () => Promise.all(Array.from({ length: N }, (_, i) => add(i, 1)));
  const observing = await interleaved(ROUNDS, {
    off: batchOfAdds,
    recording: async () => {
      const detach = observe(recordingHooks(newRunLog(workers, performance.timeOrigin + performance.now())));
      try { await batchOfAdds(); } finally { detach(); }
    },
  });

  const us = (ms: number, n: number) => (ms * 1000) / n;
  console.log(`machine: ${availableParallelism()} cores, Node ${process.version}; ${workers} workers; medians of ${ROUNDS} interleaved rounds\n`);
  console.log('| tiny tasks | raw piscina µs/task | taskify µs/task | ratio |');
  console.log('|---|---|---|---|');
  const row = (label: string, rawMs: number, ours: number, n: number) =>
    console.log(`| ${label} | ${us(rawMs, n).toFixed(1)} | ${us(ours, n).toFixed(1)} | ${(ours / rawMs).toFixed(2)}x |`);
  row(`${N} submitted, then awaited`, batch.raw, batch.taskify, N);
  row(`${N} submitted, then blocking waits`, batch.raw, batch.taskifyBlocking, N);
  row(`${N / 10} one at a time (submit, wait)`, oneAtATime.raw, oneAtATime.taskify, N / 10);

  console.log('\n| tiny tasks, observing | nothing attached µs/task | every event recorded µs/task | ratio |');
  console.log('|---|---|---|---|');
  console.log(`| ${N} submitted, then awaited | ${us(observing.off, N).toFixed(1)} | ${us(observing.recording, N).toFixed(1)} | ` +
    `${(observing.recording / observing.off).toFixed(2)}x |`);

  const values = new Float64Array((128 * MIB) / 8).fill(1);
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    markWritten(values); // the main thread "changed" it: the next call must send the current contents
    times.push(await timeIt(() => { touch(values); waitOn(values); }));
  }
  const ms = median(times);
  if (values[0] !== 1 + ROUNDS) throw new Error(`128 MiB round trip lost an update: values[0] = ${values[0]}`);
  console.log(`\n| 128 MiB Float64Array, inout through one task | median ms | GB/s (128 MiB / time) | GB/s (in + out: 256 MiB / time) |`);
  console.log('|---|---|---|---|');
  console.log(`| write snapshot, worker reads, task, worker writes, read into caller | ${ms.toFixed(0)} | ` +
    `${((128 * MIB) / (ms / 1000) / 1e9).toFixed(2)} | ${((256 * MIB) / (ms / 1000) / 1e9).toFixed(2)} |`);
  await shutdown();
}

main().catch((error) => { console.error(error); process.exitCode = 1; });
