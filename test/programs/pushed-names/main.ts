// A result kept under a name and pushed into an array (`const r = make(i); out.push(r)`): the array gathers it as it
// gathers `out.push(make(i))`, so the loop submits every call before anything waits. The name and the array then
// denote one value: written through the name, read through the array, pushed twice, handed to a task, printed.
import { fillWith, stats, doubled, total, sumAll, combined } from './kernels';
function make(v: number): Float64Array {
  const out = new Float64Array(4);
  fillWith(out, v);
  return out;
}
// (a) a made object pushed by name
const a: Float64Array[] = [];
for (let i = 0; i < 4; i++) {
  const r = make(i);
  a.push(r);
}
console.log('a', a.map((r) => r[1]).join(','));
// (b) written through its name after the push: the array sees the write
const b: Float64Array[] = [];
for (let i = 0; i < 3; i++) {
  const r = make(i + 5);
  b.push(r);
  if (i === 1) r[0] = -7;
}
console.log('b', b.map((r) => r[0]).join(','));
// (c) a task's object value pushed, then its field read by name and through the array
const c: { min: number; max: number; spread: Float64Array }[] = [];
for (const r of a) {
  const s = stats(r);
  c.push(s);
}
console.log('c', c.map((s) => `${s.min}-${s.max}/${s.spread[0]}`).join(' '), c[2] === c[2]);
// (d) an array value pushed into two arrays
const d1: number[][] = [], d2: number[][] = [];
for (const r of a) {
  const x = doubled(r);
  d1.push(x);
  d2.push(x);
}
console.log('d', d1[0] === d2[0], d1.map((x) => x.join('+')).join(' '), d2[3].length);
// (e) the gathering array handed whole to a task, and printed whole
const e: Float64Array[] = [];
for (let i = 0; i < 3; i++) {
  const r = make(i * 2);
  e.push(r);
}
console.log('e', sumAll(e), JSON.stringify(e.map((r) => Array.from(r))));
// (f) the name handed to a task after the push
const f: Float64Array[] = [];
let ft = 0;
for (let i = 0; i < 3; i++) {
  const r = make(i + 1);
  f.push(r);
  ft += total(r);
}
console.log('f', ft, f.length, f[2][3]);
// (g) a failure inside a try: the plain loop stopped at the failing call, nothing pushed for it
const g: Float64Array[] = [];
try {
  for (const v of [1, 2, -3, 4]) {
    const r = make(v);
    g.push(r);
  }
} catch (err) {
  console.log('g caught', (err as Error).message);
}
console.log('g', g.length, g.map((r) => r[0]).join(','));
// (h) pushed, then the array sorted by a value of the elements
const h: Float64Array[] = [];
for (const v of [3, 1, 2]) {
  const r = make(v);
  h.push(r);
}
h.sort((p, q) => p[0] - q[0]);
console.log('h', h.map((r) => r[0]).join(','));
// (i) a task's value a split loop gives a name, pushed, then a tree of tasks over the array (PyCOMPSs' wordcount)
const parts: Float64Array[] = [];
for (const r of a) {
  const d = combined(r, r);
  parts.push(d);
}
let level = parts;
while (level.length > 1) {
  const next: Float64Array[] = [];
  for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? combined(level[i], level[i + 1]) : level[i]);
  level = next;
}
console.log('i', level[0].join(' '), parts.length, parts[1][3]);
