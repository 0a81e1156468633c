// Closures over a parameter that call tasks after their function returned (an object of closures, a returned
// thunk): the caller's array must see the tasks' writes, and later tasks the caller's own changes (tester np34's
// p29/p36: the writes never came back). Callbacks run at once (`xs.map(...)`) keep the function's calls parallel.

/** @task */
export function stats(xs: number[]): { n: number; sum: number } { return { n: xs.length, sum: xs.reduce((a, b) => a + b, 0) }; }

/** @task */
export function push3(xs: number[], v: number): void { xs.push(v, v + 1, v + 2); }

function makeCounter(xs: number[]) {
  return { measure: () => stats(xs), grow: (v: number) => push3(xs, v) };
}

function methods(xs: number[]) { return { grow(v: number) { push3(xs, v); }, n() { return stats(xs).n; } }; }

function later(xs: number[]) { return () => { push3(xs, 5); return stats(xs).n; }; }

function sums(xs: number[], parts: number[][]): number[] {
  push3(xs, 1);
  return parts.map((p) => stats(p).sum + stats(xs).n);
}

const data = [1, 2, 3];
const c = makeCounter(data);
c.grow(0);
data.push(-7);
console.log(c.measure(), data.length, data);

const more = [1];
const f = later(more);
console.log(f(), more.length, more);

const d3 = [1];
const o3 = methods(d3);
o3.grow(0);
d3.push(9);
console.log(o3.n(), d3.length, d3);

const base = [0];
console.log(sums(base, [[1, 2], [3, 4]]), base);
