/**
 * Objects with names of their own put in an array (`const all = [A, B, C]`): tasks take them through the array and
 * through their names, and every use by either path sees every write. An object that escapes keeps both paths direct.
 */
import { scale, total } from './kernels';

const A = new Float64Array([1, 2]), B = new Float64Array([3, 4]), C = new Float64Array([5, 6]);
const all = [A, B, C];
for (const m of all) scale(m, 3);
console.log('after loop', A[0], all[1][1], C.join(','));
all.forEach((m) => scale(m, 10));
console.log('first', all[0][0], A[1]);
scale(A, 2);
console.log('via container', all[0].join(','), JSON.stringify(all.map((x) => x[0] + x[1])));
for (let i = 0; i < all.length; i++) scale(all[i], -1);
console.log('indexed', A[0], B[0], C[0]);
const D = new Float64Array([7, 8]);
const pair = [D, new Float64Array([9, 9])];
scale(pair[1], 2);
scale(D, 2);
console.log('pair', pair[0][0], pair[1][0], D[1]);
const E = new Float64Array([1, 1]);
const twice = [E, E];
scale(twice[0], 5);
console.log('same twice', E[0], twice[1][0]);
console.log('totals', total(A), total(B), total(C));

// A function that keeps the object: every call that reaches it, by either path, stays direct.
const kept: Float64Array[] = [];
function keep(x: Float64Array): void { kept.push(x); }
const P = new Float64Array([1, 2]), Q = new Float64Array([3, 4]);
const ps = [P, Q];
for (const m of ps) scale(m, 3);
keep(P);
console.log('kept', kept[0][0], P[1]);
const R = new Float64Array([1, 2]), S = new Float64Array([3, 4]);
const rs = [R, S];
scale(R, 2);
keep(rs[1]);
console.log('kept element', rs[0][0], R[1], kept[1][0]);
// Written by this thread between tasks, through the name.
const T = new Float64Array([5]);
const ts = [T];
ts.forEach((t) => scale(t, 2));
T[0] += 1;
scale(T, 10);
console.log('between', ts[0][0], T[0]);

// Named leaves pushed into an array (cols.push(c)) are placed too.
const cols: Float64Array[] = [];
let last = new Float64Array(1);
for (let j = 0; j < 3; j++) {
  const c = new Float64Array([j, j + 1]);
  cols.push(c);
  last = c;
}
for (const col of cols) scale(col, 10);
console.log('last', last[1], cols[2][1]);
last[0] = -5;
scale(cols[2], 2);
console.log('after', last.join(','), cols[2].join(','));
const pushedTwice: Float64Array[] = [];
const d = new Float64Array([1, 1]);
pushedTwice.push(d, d);
scale(pushedTwice[0], 3);
scale(d, 2);
console.log('pushed twice', pushedTwice[1][0], d[0]);
function addTo(list: Float64Array[], v: Float64Array): void { list.push(v); }
const outer: Float64Array[] = [];
const e = new Float64Array([4]);
addTo(outer, e);
scale(e, 2);
console.log('helper', outer[0][0], total(e));
const held: Float64Array[] = [];
const h = new Float64Array([3]);
held.push(h);
scale(held[0], 2);
const g = held;
console.log('alias', g[0][0], h[0]);

// Copies of a container's elements (blocks.map((b) => b.slice())) are fresh objects: the container stays followed.
const blocks: Float64Array[] = Array.from({ length: 3 }, (_, i) => new Float64Array([i, i + 1]));
const before = blocks.map((b) => b.slice());
for (let i = 0; i < 3; i++) scale(blocks[i], 10);
const after = blocks.map((b) => b.slice());
after[0][0] = 99;
scale(blocks[0], 2);
console.log('copies', before.map((b) => b.join()).join(' '), '|', after.map((b) => b.join()).join(' '), '|', blocks[0].join());
