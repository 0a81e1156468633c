/**
 * node dist/bench/output-order.js > /dev/null — what printing in program order costs (issue 19).
 *
 * Tiny tasks, N per round, submitted together then waited for (awaited, and blocking waits), in three programs:
 * tasks that print nothing; tasks that print one line each; silent tasks with main printing a line after each call
 * (held until the tasks before it finish). Results go to stderr, the programs' lines to stdout (send it to /dev/null).
 * Run the same file on two builds, alternately, to compare them: the silent row is the cost a program that prints
 * nothing from its tasks pays. First it times the code ordering adds to a silent task on its own, which machine
 * noise cannot hide.
 */
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { task } from '../runtime';
import type * as K from './output-kernels';
import { interleaved } from './stats';
import { TaskOutput, callWithOutput } from '../runtime/worker/task-output';
import { ProgramOrder } from '../runtime/output/program-order';
import { Screen } from '../runtime/output/screen';

const kernels = join(__dirname, 'output-kernels.js');
const workers = Number(process.env.TASKIFY_WORKERS || availableParallelism());
const N = Number(process.env.BENCH_TASKS || 20000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);

/**
 * The code ordering adds to a silent task, alone (ns per task, best of 7 loops of 2e6): in the worker, a TaskOutput
 * around the call; in the main thread, telling the order that the task finished.
 */
function addedCode(): { worker: number; main: number } {
  const loops = 2e6;
  const best = (body: () => void) => {
    let fastest = Infinity;
    for (let round = 0; round < 7; round++) {
      const started = process.hrtime.bigint();
      body();
      fastest = Math.min(fastest, Number(process.hrtime.bigint() - started) / loops);
    }
    return fastest;
  };
  const add = (a: number, b: number) => a + b;
  let sink = 0;
  const plain = best(() => { for (let i = 0; i < loops; i++) sink += add(...([i, 1] as [number, number])); });
  const wrapped = best(() => {
    for (let i = 0; i < loops; i++) { const output = new TaskOutput(); sink += callWithOutput(add as never, [i, 1], output) as number; output.close(); }
  });
  const order = new ProgramOrder(new Screen({ write: () => {}, isTTY: () => false, columns: () => 80 }));
  let last = 0;
  order.attach({ firstHolding: () => undefined, endAtFirstUnmetFailure: () => undefined, neverMade: () => false, lastSubmitted: () => last, position: () => last, settleAll: () => {}, programIdle: () => true });
  const main = best(() => { for (let i = 0; i < loops; i++) order.finished(++last, undefined); });
  if (sink === -1) process.stderr.write(''); // keep the loops
  return { worker: wrapped - plain, main };
}

async function main(): Promise<void> {
  const added = addedCode();
  const add = task<typeof K.add>(kernels, 'add', ['in', 'in']);
  const say = task<typeof K.addAndSay>(kernels, 'addAndSay', ['in', 'in']);
  await Promise.all(Array.from({ length: 2000 }, (_, i) => add(i, 1)));
  await Promise.all(Array.from({ length: 2000 }, (_, i) => say(i, 1)));
  const contenders: Record<string, () => unknown> = {
    silent: () => Promise.all(Array.from({ length: N }, (_, i) => add(i, 1))),
    silentBlocking: () => { const f = Array.from({ length: N }, (_, i) => add(i, 1)); for (const x of f) x.wait(); },
    printing: () => Promise.all(Array.from({ length: N }, (_, i) => say(i, 1))),
    printingBlocking: () => { const f = Array.from({ length: N }, (_, i) => say(i, 1)); for (const x of f) x.wait(); },
    mainPrints: () => Promise.all(Array.from({ length: N }, (_, i) => { const f = add(i, 1); console.log(`called ${i}`); return f; })),
  };
  // BENCH_ONLY=silent,printing: a subset. (Before output ordering, printingBlocking never finished: 20000 printing tasks
  // with blocking waits stalled, with no task finishing for 100 s.)
  const only = process.env.BENCH_ONLY?.split(',');
  const times = await interleaved(ROUNDS, Object.fromEntries(Object.entries(contenders).filter(([name]) => !only || only.includes(name))));
  const us = (ms: number | undefined) => (ms === undefined ? '-' : ((ms * 1000) / N).toFixed(1));
  process.stderr.write(`machine: ${availableParallelism()} cores, Node ${process.version}; ${workers} workers; ${N} tasks, medians of ${ROUNDS} interleaved rounds\n`);
  process.stderr.write(`code added per silent task: ${added.worker.toFixed(1)} ns in the worker, ${added.main.toFixed(1)} ns in the main thread\n`);
  process.stderr.write(`µs/task: silent ${us(times.silent)}, silent blocking ${us(times.silentBlocking)}, printing ${us(times.printing)}, ` +
    `printing blocking ${us(times.printingBlocking)}, main prints ${us(times.mainPrints)}\n`);
}

void main();
