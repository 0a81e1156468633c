/**
 * node dist/bench/output-order.js > /dev/null — what printing in program order costs (issue 19).
 *
 * Tiny tasks, N per round, submitted together then waited for (awaited, and blocking waits), in three programs:
 * tasks that print nothing; tasks that print one line each; silent tasks with main printing a line after each call
 * (held until the tasks before it finish). Results go to stderr, the programs' lines to stdout (send it to /dev/null).
 * Run the same file on two builds, alternately, to compare them: the silent row is the cost a program that prints
 * nothing from its tasks pays.
 */
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { task } from '../runtime';
import type * as K from './output-kernels';
import { interleaved } from './stats';

const kernels = join(__dirname, 'output-kernels.js');
const workers = Number(process.env.TASKIFY_WORKERS || availableParallelism());
const N = Number(process.env.BENCH_TASKS || 20000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);

async function main(): Promise<void> {
  const add = task<typeof K.add>(kernels, 'add', ['in', 'in']);
  const say = task<typeof K.addAndSay>(kernels, 'addAndSay', ['in', 'in']);
  await Promise.all(Array.from({ length: 2000 }, (_, i) => add(i, 1)));
  await Promise.all(Array.from({ length: 2000 }, (_, i) => say(i, 1)));
  const times = await interleaved(ROUNDS, {
    silent: () => Promise.all(Array.from({ length: N }, (_, i) => add(i, 1))),
    silentBlocking: () => { const f = Array.from({ length: N }, (_, i) => add(i, 1)); for (const x of f) x.wait(); },
    printing: () => Promise.all(Array.from({ length: N }, (_, i) => say(i, 1))),
    printingBlocking: () => { const f = Array.from({ length: N }, (_, i) => say(i, 1)); for (const x of f) x.wait(); },
    mainPrints: () => Promise.all(Array.from({ length: N }, (_, i) => { const f = add(i, 1); console.log(`called ${i}`); return f; })),
  });
  const us = (ms: number) => ((ms * 1000) / N).toFixed(1);
  process.stderr.write(`machine: ${availableParallelism()} cores, Node ${process.version}; ${workers} workers; ${N} tasks, medians of ${ROUNDS} interleaved rounds\n`);
  process.stderr.write(`µs/task: silent ${us(times.silent)}, silent blocking ${us(times.silentBlocking)}, printing ${us(times.printing)}, ` +
    `printing blocking ${us(times.printingBlocking)}, main prints ${us(times.mainPrints)}\n`);
}

void main();
