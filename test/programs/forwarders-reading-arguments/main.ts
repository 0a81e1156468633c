// Helpers that forward to a task but read their parameter themselves (a field, an element, a length, a branch, a
// print, `this` of a method) while an earlier task still writes it: the call waits for those writes first
// (np62's W1: each read the value from before the task).
import { Acc, fill, bump, bumpAcc, bumpArr, push, twice } from './kernels';

// (a) a field passed on as the task's argument.
function dbl(s: { count: number }) { return twice(s.count); }
const st = { count: 0 };
bump(st);
console.log('a', dbl(st), st.count);

// (b) an element, and a length.
function fromFirst(s: Float64Array) { const out = new Float64Array(1); fill(out, s[0]); return out; }
function fromLength(xs: number[]) { const out = new Float64Array(1); fill(out, xs.length); return out; }
const first = Float64Array.of(0);
bumpArr(first);
const xs: number[] = [];
push(xs);
console.log('b', fromFirst(first)[0], fromLength(xs)[0]);

// (c) a branch and a print reading the field.
function signed(s: { count: number }, k: number) {
  const out = new Float64Array(1);
  console.log('making', s.count);
  if (s.count > 0) fill(out, k); else fill(out, -k);
  return out;
}
const st2 = { count: 0 };
bump(st2);
console.log('c', signed(st2, 5)[0]);

// (d) a field in a returned record of made objects.
function withCount(s: { count: number }) {
  const sums = new Float64Array(1);
  fill(sums, 0);
  return { sums, n: s.count };
}
const st3 = { count: 0 };
bump(st3);
console.log('d', withCount(st3).n, st3.count);

// (e) a method reading `this`: a part of its object written by a task before the call.
class Model {
  acc = new Acc(0, new Float64Array(1));
  doubled() { return twice(this.acc.count); }
  firstDoubled() { return twice(this.acc.data[0]); }
}
const m = new Model();
bumpAcc(m.acc);
console.log('e', m.doubled(), m.firstDoubled());

// (f) a parameter only handed whole to the task needs no wait: these calls overlap.
function filled(v: number) { const out = new Float64Array(2); fill(out, v); return out; }
const many = [1, 2, 3, 4].map((v) => filled(v));
console.log('f', many.map((a) => a[1]).join(' '));
