// Async jobs run side by side (resume-checks.ts): each calls a task, awaits once, and uses the result. Their calls'
// promises are only awaited or gathered by Promise.all / allSettled / any, so each await waits for its own job's
// calls (checkedAwait) instead of blocking the program at a checkpoint: the jobs' calls are submitted together.
// The other shapes here keep their checkpoints, and must print as plain all the same.
import { fill, work } from './kernels';

let resumed = 0;

// (a) `Promise.all([job(1), …])`: the four calls are pending together.
async function job(id: number, fail: boolean): Promise<number> {
  const a = work(id, fail);
  await null;
  resumed++;
  console.log('job', id, 'resumed');
  return a + 1;
}

// (b) A second await, and a second task after the first await: a job resuming twice keeps its checkpoints.
const twice = async (id: number): Promise<string> => {
  const a = work(id, id % 4 === 0);
  await Promise.resolve();
  const b = work(id + 100);
  await null;
  return `${id}:${a}/${b}`;
};

// (c) A try block in the job whose catch changes what others see: it ran at the call in plain code, a checkpoint.
const log: string[] = [];
async function step(xs: Float64Array, k: number): Promise<number> {
  try {
    fill(xs, k, k === 3);
    await null;
    log.push('after ' + k);
    return xs[5];
  } catch (e) {
    log.push('caught ' + (e as Error).message);
    return -1;
  }
}

// (d) Raced: the plain failure had settled the race before `quick`'s value, so this one keeps its checkpoint.
async function raced(id: number): Promise<number> {
  const a = work(id, true);
  await null;
  return a;
}
async function quick(): Promise<number> { return 7; }

// (e) A failure met in the job's own catch or finally, which print or await: checkpoints. A try after the call lets
// the call's failure pass its finally, as the plain call threw before the try began.
async function handled(id: number): Promise<number> {
  try { const r = work(id, id === 2); await null; console.log('handled try', id); return r; }
  catch { await null; console.log('handled catch', id); return -1; }
  finally { console.log('handled finally', id); }
}
async function nested(id: number): Promise<number> {
  try {
    try { const r = work(id, id % 2 === 1); await Promise.resolve(); return r; }
    finally { console.log('nested finally', id); }
  } catch { console.log('nested caught', id); return 0; }
}
async function before(id: number): Promise<number> {
  const r = work(id, id === 3);
  try { await null; return r; } finally { console.log('before finally', id); }
}

// (f) Awaiting pauses, twice: a checkpoint (see (j) for one pause).
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
async function sleeper(id: number): Promise<string> {
  const v = work(id, id === 23);
  await sleep(3);
  await new Promise((resolve) => setTimeout(resolve, 1));
  return `${id}=${v}`;
}

// (g) An async method whose every call is in sight (np65's min-async-method).
class Service {
  private handled = 0;
  async handle(id: number): Promise<string> {
    const v = work(id, id === 33);
    await null;
    this.handled++;
    return `${id}:${v}/${this.handled}`;
  }
}

// (i) A job's promise kept, then awaited in a try: its failure rejects into this catch, which the plain program
// reached too (rv70's p5c, p5d); and gathered, given a callback, then raced: the race keeps the checkpoints (p4).
async function kept(id: number, fail: boolean): Promise<number> {
  const a = work(id, fail);
  await null;
  return a + 1;
}
async function slowish(): Promise<string> { for (let i = 0; i < 6; i++) await null; return 'slow'; }

// (j) One await, of a pause; and a catch that only hands back a value: both wait where they resume.
async function napper(id: number): Promise<number> {
  const v = work(id, id === 62);
  await sleep(2);
  return v;
}
async function quiet(id: number): Promise<number> {
  try { const r = work(id, id === 64); await null; return r; } catch { return -1; }
}

async function main(): Promise<void> {
  console.log('all', (await Promise.all([job(1, false), job(2, false), job(3, false), job(4, false)])).join(' '));
  try {
    await Promise.all([job(5, false), job(6, true), job(7, false)]);
  } catch (e) { console.log('caught', (e as Error).message, 'after', resumed, 'resumed'); }

  const settled = await Promise.allSettled([1, 2, 3, 4, 5].map(twice));
  for (const r of settled) console.log(r.status, r.status === 'fulfilled' ? r.value : (r.reason as Error).message);

  const arrs = [1, 2, 3, 4].map(() => new Float64Array(800));
  const fifths = await Promise.all(arrs.map((xs, i) => step(xs, i + 1)));
  console.log(fifths.map((v) => v.toFixed(2)).join(' '), '|', log.join('; '));

  try { console.log('race', await Promise.race([raced(9), quick()])); } catch (e) { console.log('race failed', (e as Error).message); }

  console.log((await Promise.allSettled([1, 2, 3].map(handled))).map((o) => o.status).join(' '));
  console.log((await Promise.all([nested(1), nested(2), nested(3), nested(4)])).join(' '));
  console.log((await Promise.allSettled([before(1), before(2), before(3), before(4)])).map((o) => o.status).join(' '));

  console.log((await Promise.all([sleeper(20), sleeper(21), sleeper(22)])).join(' '));
  const slept = await Promise.allSettled([sleeper(23), sleeper(24)]);
  console.log(slept.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message)).join(' '));

  // (h) Promise.any takes the first value in time: the jobs' turns keep that order; its failures, the list's order.
  console.log('any', await Promise.any([job(40, true), job(41, false), job(42, false)]));
  try { await Promise.any([job(43, true), job(44, true)]); } catch (e) { console.log('none', (e as AggregateError).errors.map((x: Error) => x.message).join(' | ')); }

  const p = kept(50, true);
  try { const b = work(51); console.log('got', b, await p); } catch (e) { console.log('kept failed', (e as Error).message); }
  const both = Promise.all([kept(52, false), kept(53, true)]).then((xs) => xs.join(' '));
  try { console.log('race', await Promise.race([both, slowish()])); } catch (e) { console.log('race failed', (e as Error).message); }

  console.log((await Promise.allSettled([60, 61, 62].map(napper))).map((o) => o.status).join(' '));
  console.log((await Promise.all([quiet(63), quiet(64), quiet(65)])).join(' '));

  const svc = new Service();
  console.log((await Promise.all([30, 31, 32].map((i) => svc.handle(i)))).join(' '));
  const served = await Promise.allSettled([svc.handle(33), svc.handle(34)]);
  console.log(served.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message)).join(' '));
}

main().then(() => console.log('done'));
