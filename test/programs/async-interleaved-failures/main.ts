/**
 * Async functions that run side by side and each catch their own task calls' failures: a check of one meets only its
 * own calls, a failure one meets takes back only what came after it in that function (async-chains.ts). Before,
 * `Promise.all([worker('A', [1, 7]), worker('B', [14])])` printed `B caught bad 7` (tester #28's P1).
 */
import { bump, bumpOrFail, checked } from './kernels';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Each worker logs what it caught on its own (where an await comes back after the first ones, which worker goes on
 * first is not the plain program's: its failing call threw at the call, the task's failure comes back later).
 */
async function worker(name: string, ns: number[], log: string[] = []): Promise<number> {
  let total = 0;
  for (const n of ns) {
    try {
      total += await checked(n);
    } catch (e) {
      log.push(`${name} caught ${(e as Error).message}`);
    }
  }
  log.push(`${name} total ${total}`);
  return total;
}

/** Writes its own array, fails half way, and goes on: the other function's writes are kept. */
async function writer(name: string, a: Float64Array, steps: number[]): Promise<void> {
  for (const by of steps) {
    try {
      bump(a, 1);
      bumpOrFail(a, by);
      bump(a, 100);
      await pause(1);
    } catch (e) {
      console.log(name, 'caught', (e as Error).message, 'at', a[0]);
    }
  }
  console.log(name, 'ends at', a[0], a[1]);
}

/**
 * A pool of async workers taking jobs from one queue. (Which worker takes which job is not the plain program's: its
 * failing call throws at once, the task's failure comes back after other calls' results; so results go by job.)
 */
async function pool(jobs: number[], width: number): Promise<string[]> {
  const queue = jobs.map((job, index) => ({ job, index }));
  const log: string[] = [];
  const runner = async () => {
    while (queue.length > 0) {
      const { job, index } = queue.shift()!;
      try {
        const v = await checked(job);
        log[index] = `${job}=${v}`;
      } catch (e) {
        log[index] = `${job} failed (${(e as Error).message})`;
      }
    }
  };
  await Promise.all(Array.from({ length: width }, () => runner()));
  return log;
}

async function main(): Promise<void> {
  const logs: string[][] = [[], [], []];
  const totals = await Promise.all([worker('A', [1, 7, 2], logs[0]), worker('B', [14, 3], logs[1]), worker('C', [4, 5, 21, 6], logs[2])]);
  console.log('totals', totals.join(' '), '|', logs.map((log) => log.join(', ')).join(' | '));

  // One await each, the first ones: a failing call's catch ran at the call, before the awaits reached earlier resumed.
  const order: number[] = [];
  await Promise.all([3, 7, 2, 14, 5].map(async (n) => { try { order.push(await checked(n)); } catch { order.push(-n); } }));
  console.log('in order', order.join(' '));

  const a = new Float64Array(3);
  const b = new Float64Array(3);
  await Promise.all([writer('a', a, [2, 7, 3]), writer('b', b, [5, 14])]);
  console.log('arrays', a.join(','), b.join(','));

  console.log((await pool([1, 2, 7, 3, 14, 4, 5], 3)).join(' '));

  // A failure nobody catches in one function rejects its promise only.
  const results = await Promise.allSettled([worker('D', [8], []), (async () => { checked(35); console.log('never printed'); })()]);
  console.log(results.map((r) => r.status).join(' '));
}

main().catch((e) => { console.log('main failed', (e as Error).message); });
