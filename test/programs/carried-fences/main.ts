// Functions and methods whose fenced tasks are brought home by their callers (carried-fences.ts).
import { normalize, scale, total } from './kernels';

interface Rec { name: string; xs: Float64Array }
const recs: Rec[] = [];
for (let i = 0; i < 4; i++) recs.push({ name: `r${i}`, xs: new Float64Array(8).fill(i + 1) });

// A function writing a part of its parameter, called in a loop: one fence after the loop.
function bump(rec: Rec, k: number) {
  scale(rec.xs, k);
}
for (const r of recs) bump(r, 3);
console.log('bumped', recs.map((r) => r.xs[0]).join(' '));

// A chain: a function whose only fenced work is calls of another carried one.
function bumpAll(list: Rec[], k: number) {
  for (const r of list) bump(r, k);
}
bumpAll(recs, 2);
bumpAll(recs, 5);
console.log('chained', recs.map((r) => total(r.xs)).join(' '));

// Module state written through a function: both calls submitted, the print waits.
const state = { grid: new Float64Array(6).fill(1), steps: 0 };
function advance() { scale(state.grid, 2); state.steps++; }
advance();
advance();
console.log('state', state.grid[0], state.steps);

// Methods of a class of this file, called on each instance.
class Layer {
  readonly w: Float64Array;
  constructor(n: number, v: number) { this.w = new Float64Array(n).fill(v); }
  grow(k: number) { scale(this.w, k); return this; }
  sum() { return total(this.w); }
}
const layers = [new Layer(3, 1), new Layer(4, 2), new Layer(5, 3)];
for (const l of layers) l.grow(2);
for (const l of layers) l.grow(3);
console.log('layers', layers.map((l) => l.w[0]).join(' '), layers.map((l) => l.sum()).join(' '));

// A function reading the object before its task: a second call on the same record must see the first one's write,
// so its callers fence before each call while one is pending.
function peekThenBump(rec: Rec) {
  const first = rec.xs[0];
  scale(rec.xs, 10);
  return first;
}
const peeked: number[] = [];
for (const r of [recs[0], recs[0], recs[1]]) peeked.push(peekThenBump(r));
console.log('peeked', peeked.join(' '));

// A statement that looks right after the call: that method keeps its fence on exit for every call.
class Meter {
  readonly v = new Float64Array(2).fill(4);
  double() { scale(this.v, 2); return this; }
}
const meters = [new Meter(), new Meter()];
meters[0].double();
console.log('meter', meters[1].double().v[0], meters[0].v[1]);

// A function that throws after submitting: the failed task's error comes first, as the plain call threw it.
function prepare(rec: Rec) {
  normalize(rec.xs);
  if (rec.name.startsWith('x')) throw new Error(`bad name ${rec.name}`);
}
const odd: Rec[] = [{ name: 'ok', xs: new Float64Array([1, 2, 4]) }, { name: 'xneg', xs: new Float64Array([-1, 2]) },
  { name: 'xpos', xs: new Float64Array([2, 8]) }];
for (const r of odd) {
  try {
    prepare(r);
    console.log('prepared', r.name, r.xs.join(','));
  } catch (e) {
    console.log('failed', r.name, (e as Error).message);
  }
}
try {
  for (const r of odd) prepare(r);
} catch (e) {
  console.log('loop failed', (e as Error).message);
}
console.log('odd', odd.map((r) => r.xs.join(',')).join(' | '));

// A method also reached through a value typed `any`: not every call is in sight, so it fences on exit.
class Counter {
  readonly c = new Float64Array(1).fill(1);
  tick() { scale(this.c, 2); }
}
const counter = new Counter();
const loose: any = counter;
counter.tick();
loose.tick();
console.log('counter', counter.c[0]);
