// A task's module whose entry code fills module state that a later fill-shaped statement reads (tester #23's r02):
// a worker importing the module runs fills, not entry code, so such a statement is entry code too (module-init.ts).
/** @task */
export function make(n: number): Float64Array { return new Float64Array(n).fill(n); }
/** @task */
export function bump(a: Float64Array): void { a[0] += 1; }
/** @task */
export function scaled(x: number): number { return x * FACTOR; }

// A fill before any entry code: workers run it too, so FACTOR is the program's there.
const TABLE: number[] = [];
for (let i = 0; i < 4; i++) TABLE.push(i + 1);
const FACTOR = TABLE.length;

const M: Float64Array[][] = [];
for (let i = 0; i < 2; i++) {
  const row: Float64Array[] = [];
  for (let j = 0; j < 2; j++) row.push(make(4));
  M.push(row);
}
for (let k = 0; k < 2; k++) bump(M[k][k]);
let s = 0;
for (let k = 0; k < 2; k++) s += M[k][k][0];
console.log(s);

// Filled by a function the entry code calls, then read by a fill-shaped loop.
const counts: number[] = [];
function countUp(n: number) { for (let i = 0; i < n; i++) counts.push(i * 2); }
countUp(3);
let total = 0;
for (let i = 0; i < 3; i++) total += Number(counts[i].toFixed(0));
console.log(total, [1, 2, 3].map((x) => scaled(x)).join(' '));

// A constant computed from what entry code filled holds in a worker what the program's does not: a fill-shaped loop
// over it is entry code too (tester #27's r37e: `b` was undefined in each worker, which threw importing the module).
const groups = new Map<string, number[]>();
for (const k of ['a', 'bb']) groups.set(k, Array.from({ length: 3 }, (_, i) => i * k.length));
const b = groups.get('bb')!;
let max = 0;
for (const v of b) max = Math.max(max, v);
console.log(max, scaled(max));

// Computed from what a submitting loop filled, then read by a fill-shaped statement: a worker's `results` is empty, so
// computing `best` there threw importing the module (np70's min-worker-toplevel); a recursion over none never ended
// (its mergesort). Such a value is the program thread's only.
const results: number[] = [];
for (let i = 1; i <= 3; i++) results.push(scaled(i));
const best = results.reduce((a, c) => Math.max(a, c));
function halves(xs: number[]): number { return xs.length === 1 ? xs[0] : halves(xs.slice(0, xs.length >> 1)) + halves(xs.slice(xs.length >> 1)); }
const summed = halves(results);
let big = false;
if (best > 4) big = true;
console.log(best, summed, big);

// A constant a task's call makes, read by a statement that sets a module `let`: the program's thread's only (np70's
// min-toplevel-rerun: each worker loading the module ran the task again, appending to a log twice).
const firstScaled = scaled(7);
let alarm = false;
if (firstScaled > 4) alarm = true;
console.log(alarm);
