// An adversarial review of holders, split callbacks and the one use classifier (each block printed something else,
// exited 1 or hung before its fix).
import { addTo, boom, bumpAll, incMap, scale, score, steps, swapH } from './kernels';

// A task call on one side of ?: is not split: the plain callback never calls it for the other elements.
const signs = [[1], [-1]];
console.log('cond', signs.map((x) => (x[0] > 0 ? boom(x) : 0)).join(','));
const optional: { v?: { w: number[] } }[] = [{ v: { w: [1] } }, {}];
console.log('cond args', optional.map((x) => (x.v ? score(x.v.w) : 0)).join(','));

// A split whose element fails: the later elements' calls never happened in the plain program.
function plusOne(rows: number[][]): number[] { return rows.map((x) => boom(x) + 1); }
try { console.log(plusOne([[-1], [-2]])); } catch (e) { console.log('caught', (e as Error).message); }
function stepsPlusOne(rows: number[][]): number[] { return rows.map((x) => steps(x) + 1); }
try { console.log(stepsPlusOne([[-1], [27]])); } catch (e) { console.log('caught', (e as Error).message); }
function firstWs(rows: { v?: { w: number[] } }[]): number[] { return rows.map((x) => boom(x.v!.w) + 1); }
try { console.log(firstWs([{ v: { w: [-1] } }, {}])); } catch (e) { console.log('caught', (e as Error).message); }

// Getters in the callback run in the plain order.
const mk = (i: number) => ({ get v() { console.log('v' + i); return [i]; }, get w() { console.log('w' + i); return i; } });
console.log('getters', [mk(1), mk(2)].map((x) => score(x.v) + x.w).join(','));

// A Map iterated while tasks update it.
const counts = new Map<string, number>([['a', 1], ['b', 2]]);
for (const k of counts.keys()) { incMap(counts, k); console.log(k, counts.get(k)); }

// Read-only functions that hand the parts on.
const a = new Float64Array([1]);
const h = { a };
const vals = Object.values(h);
scale(a, 5);
console.log('values', vals[0][0]);
const rows: Float64Array[] = [new Float64Array([1, 2]), new Float64Array([3, 4])];
const copied = Array.from(rows);
scale(rows[0], 5);
console.log('array from', copied[0][0]);
const lists = new Map<string, number[]>();
addTo(lists, 'a', 1);
const pairs = Array.from(lists);
bumpAll(lists);
console.log('pairs', pairs[0][1][0]);

// A task may swap a record's fields: comparing them waits.
const p = new Float64Array([1]);
const q = new Float64Array([3]);
const pq = { a: p, b: q };
swapH(pq);
console.log('swap', pq.a === q, pq.a === p);

// __proto__ is no field.
const base = new Float64Array([1, 2]);
const proto = { __proto__: base, n: 1 };
scale(base, 5);
console.log('proto', proto.__proto__[0]);

// A method returning its receiver, chained into a view that is kept: a second name of u.
const u = new Float64Array(3);
u.set([1, 2, 3]);
const chainedView = u.fill(4, 1).subarray(0, 2);
scale(u, 3);
console.log('chained view', chainedView.join(','));
