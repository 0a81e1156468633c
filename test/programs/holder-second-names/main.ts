// Objects tasks write, held by an array, a record or a Map, read through a second name of the holder (np61's
// min-list-alias, min-object-alias, min-merge-level: the read waited for the holder alone and printed zeros).
import { fill, mergeTwo, bump, makeRec, bumpN, total as recTotal, type Rec } from './kernels';

// (a) a list, read through another const name.
const list: Float64Array[] = [];
const o = new Float64Array(2);
fill(o, 5);
list.push(o);
const other = list;
console.log('a', other[0][0], other.length);

// (b) a record, read through another name.
const p = new Float64Array(2);
const h = { a: p };
fill(p, 7);
const g = h;
console.log('b', g.a[1]);

// (c) a tree of merges into fresh outputs pushed into `next`, read through `level` after `level = next`.
let level: Float64Array[] = [1, 2, 3, 4, 5].map((k) => Float64Array.of(k, 10 * k));
while (level.length > 1) {
  const next: Float64Array[] = [];
  for (let i = 0; i + 1 < level.length; i += 2) {
    const out = new Float64Array(2);
    mergeTwo(level[i], level[i + 1], out);
    next.push(out);
  }
  if (level.length % 2 === 1) next.push(level[level.length - 1]);
  level = next;
}
console.log('c', Array.from(level[0]).join(','));

// (d) a Map of counters, read through a name chosen by a condition.
const counters = new Map<string, { n: number }>();
const spare = new Map<string, { n: number }>();
for (const k of ['x', 'y']) { const c = { n: 0 }; counters.set(k, c); bump(c); bump(c); }
const pick = counters.size > 1 ? counters : spare;
console.log('d', pick.get('x')!.n, pick.get('y')!.n);

// (e) inside a function: the holder is a parameter's fresh copy, read through a let.
function total(k: number): number {
  const parts: Float64Array[] = [];
  for (let i = 0; i < k; i++) { const part = new Float64Array(1); fill(part, i + 1); parts.push(part); }
  let view = parts;
  view = view.length > 0 ? view : [];
  let s = 0;
  for (const x of view) s += x[0];
  return s;
}
console.log('e', total(4));

// (f) a holder of holders: an array of records, read through a second name two levels down.
const rows: { v: Float64Array }[] = [];
for (let i = 0; i < 3; i++) { const v = new Float64Array(1); rows.push({ v }); fill(v, 10 + i); }
const table = rows;
console.log('f', table.map((r) => r.v[0]).join(' '));

// (g) a task's value that might later be reassigned a record (rv68's c06): still a task's value, written by the next
// task and read by another, each iteration's calls submitted without waiting for the one before.
const fixed = new Float64Array(2);
fill(fixed, 3);
const spareRec: Rec = { a: fixed, n: 1 };
const totals: number[] = [];
for (let i = 0; i < 6; i++) {
  let r = makeRec(i);
  bumpN(r);
  if (i === 9) r = spareRec;
  totals.push(recTotal(r));
}
console.log('g', totals.join(' '));
