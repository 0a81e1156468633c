// Top-level constants of a task's module that workers need too: a function a constant holds that calls a task
// (rv73's r-const-arrow: kept out of workers, `compute is not a function`), one reading what entry code filled, called
// by a task (r-const-arrow-reads2), a task's value a task reads (r-const-submit) or a constant computed from it
// (r-const-submit2: NaN). And ones only entry code reads: the program's thread's (np70's min-toplevel-rerun).
/** @task */
export function work(n: number): number {
  let s = 0;
  for (let i = 0; i < 100_000; i++) s = (s + i * n) % 1_000_003;
  return s % 100;
}

const compute = (n: number): number => work(n) + 1;
/** @task */
export function outer(n: number): number {
  return compute(n) * 2;
}
console.log(compute(1), outer(2));

const cfg: number[] = [];
for (const a of ['3', '4']) cfg.push(Number(a));
const first = (): number => cfg[0];
function scale(n: number): number {
  return n * first();
}
/** @task */
export function scaled(n: number): number {
  return scale(n) + work(n) * 0;
}
console.log(scaled(1), scaled(2));

const base = work(3);
const table = [1, 2, 3].map((x) => x + base);
/** @task */
export function shifted(n: number): number {
  return n + base + table[n];
}
console.log(shifted(1), shifted(2));

const once = work(5);
let high = false;
if (once > 50) high = true;
console.log(high);

// A task's value read through a function a constant a task reads calls (rv74's r-const-fn: NaN).
const base2 = work(4);
function getBase(): number { return base2; }
const k = getBase() + 1;
/** @task */
export function shiftedBy(n: number): number {
  return n + k;
}
console.log(shiftedBy(1), shiftedBy(2));
