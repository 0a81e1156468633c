// A helper making an object for its task, handed by name to an array's `map` (`[0, 1, 2].map(make)`) or exported:
// it claims its planned calls, returning the object with the task's write pending, so every element's task is
// submitted before any is waited for; any other call (through another name, `.call`, a callback) waits as it returns.
import { fillWith, scaleBoth } from './kernels';
import { made, smoothed } from './makers';
function make(v: number): Float64Array {
  const out = new Float64Array(4);
  fillWith(out, v);
  return out;
}
// (a) handed to map by name
const rs = [0, 1, 2, 3].map(make);
console.log('a', rs.map((r) => r[1]).join(','));
// (b) also called by name, and inside an arrow given to map
const one = make(9);
const viaArrow = [4, 5].map((v) => make(v));
console.log('b', one[3], viaArrow[1][0]);
// (c) calls no plan made: through another name, `.call`, forEach, a stored callback
const alias = make;
const byCall = make.call(null, 6);
const kept: Float64Array[] = [];
[7, 8].forEach((v) => kept.push(alias(v)));
const table = { build: make };
console.log('c', alias(2)[2], byCall[0], kept.map((k) => k[1]).join(','), table.build(3)[3]);
// (d) another module's exported makers, by name, mapped, chained
const ms = [1, 2, 3].map(made);
const sm = ms.map(smoothed);
console.log('d', ms[0].join(' '), '|', sm[2].map((x) => Math.round(x * 100) / 100).join(' '), made(4)[5]);
// (e) a failing element of a mapped call, caught: nothing assigned, as in the plain map
let failed: Float64Array[] = [];
try {
  failed = [1, -2, 3].map(make);
} catch (err) {
  console.log('e caught', (err as Error).message);
}
console.log('e', failed.length);
// (f) a maker whose task also writes its parameter is no forwarder: it waits as it returns, as before
function scaledCopy(a: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  scaleBoth(a, out, 2);
  return out;
}
const base = make(1);
const copies = [base, make(2)].map(scaledCopy);
console.log('f', base.join(' '), '|', copies[1].join(' '));
// (g) the mapped results written by the program, then read again
rs[0][0] = 100;
const again = rs.map(smoothed);
console.log('g', again[0].map((x) => Math.round(x)).join(' '), rs[0][0]);
