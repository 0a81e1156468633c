// A task failing in a function a try runs (handed to a helper, through an array of steps, a job a promise runs, a
// function whose promise is caught) must not leave its Future where code after the catch looks: the plain call threw
// before the store. Stores into the function's own locals still gather Futures, in parallel.
import { check, half, work } from './kernels';

// A helper runs the arrow a try hands it: the push after the failed call never happened.
const out: number[] = [];
function each<T>(xs: T[], f: (x: T) => void) { for (const x of xs) f(x); }
try { each([1, -1, 2], (x) => { out.push(check(x)); }); } catch (e) { console.log('each failed:', (e as Error).message); }
console.log('each stored', out.join(','));

// Steps from an array, each run in its own try (review's rv-p4).
const steps: number[] = [];
function stepA() { steps.push(check(-3)); }
function stepB() { steps.push(check(3)); }
for (const s of [stepA, stepB]) { try { s(); } catch (e) { console.log('step failed:', (e as Error).message); } }
console.log('steps', steps.length, steps.join(','));

// A map into a module variable, a Map and a field of a module object.
let halves: number[] = [0];
const byKey = new Map<string, number>();
const holder: { r?: number } = {};
function run(xs: number[]) { halves = xs.map((x) => half(x)); }
function fill(n: number) { byKey.set('k' + n, half(n)); holder.r = half(n + 2); }
for (const xs of [[2, 4], [2, 3, 6], [8]]) { try { run(xs); } catch (e) { console.log('run failed:', (e as Error).message); } console.log('halves', halves.join(',')); }
for (const n of [4, 5, 6]) { try { fill(n); } catch (e) { console.log('fill failed:', (e as Error).message); } }
console.log('filled', [...byKey].join(';'), holder.r);

// The function's own local gathers Futures: these calls run in parallel.
const totals: number[] = [];
function batch(xs: number[]): number[] {
  const res: number[] = [];
  for (const x of xs) res.push(work(x));
  return res;
}
for (const xs of [[1, 2, 3, 4], [5, 99, 7]]) {
  try { const r = batch(xs); totals.push(r.reduce((a, b) => a + b, 0)); } catch (e) { console.log('batch failed:', (e as Error).message); }
}
console.log('totals', totals.join(','));

// Jobs a promise runs, and an async function whose promise is caught.
const got: number[] = [];
const jobs = [1, 2, 3].map((n) => () => { got.push(work(n === 2 ? 99 : n)); });
const seen: number[] = [];
async function collect(xs: number[]) { for (const x of xs) seen.push(work(x)); }
async function main() {
  try { await Promise.all(jobs.map(async (j) => j())); } catch (e) { console.log('jobs failed:', (e as Error).message); }
  console.log('got', got.join(','));
  await collect([1, 2]).catch((e) => console.log('collect failed:', e.message));
  await collect([4, 99, 5]).catch((e) => console.log('collect failed:', e.message));
  console.log('seen', seen.join(','));
}
main();

// A local naming an outer array is no store of the function's own (review rev56's caught-alias).
const outer: number[] = [];
function addThrough(x: number) { const o = outer; o.push(check(x)); }
for (const x of [1, -2, 3]) { try { addThrough(x); } catch (e) { console.log('through failed:', (e as Error).message); } }
console.log('outer', outer.length, outer.join(','));
