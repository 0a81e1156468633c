// Helpers that make an object, hand it to a task that fills it and return it (forwarders.ts): each call is a
// submission whose value its caller waits for where it reads it, not a wait at the helper's return, so a loop of
// them runs in parallel. The results are read at once, gathered, chained, nested, written, caught, held by a class.
import { matmulInto, addInto, diffuse, sum } from './kernels';
const n = 40;
function mul(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(n * n);
  matmulInto(a, b, out, n);
  return out;
}
function add(a: Float64Array, b: Float64Array) {
  const out = new Float64Array(a.length);
  addInto(a, b, out);
  return out;
}
const step = (a: Float64Array): Float64Array => {
  const next = new Float64Array(a.length);
  diffuse(a, next);
  return next;
};
function filled(v: number): Float64Array { const m = new Float64Array(n * n); for (let i = 0; i < m.length; i++) m[i] = ((i * 7) % 11) * v; return m; }
const x = filled(1), y = filled(0.5), z = filled(0.25);
// (a) read at once
console.log('a', mul(x, y)[3]);
// (b) gathered
const list = [mul(x, y), mul(y, z), mul(z, x)];
console.log('b', list.map((m) => m[10].toFixed(2)).join(' '));
// (c) chain through a let
let m = x;
for (let i = 0; i < 3; i++) m = mul(m, y);
console.log('c', m[5].toFixed(3), sum(m).toFixed(1));
// (d) nested
const d = add(mul(x, y), mul(y, z));
console.log('d', d[20].toFixed(3));
// (e) written by the program, then given to a task
const e = mul(z, z);
e[0] = 1000;
console.log('e', sum(e).toFixed(2));
// (f) failure caught
const bad = filled(1); bad[0] = -1;
try { const s = step(bad); console.log('f never', s[0]); } catch (err) { console.log('f caught', (err as Error).message); }
// (g) a class holding results
class Chain { w: Float64Array; constructor(w: Float64Array) { this.w = w; } advance(k: Float64Array) { this.w = mul(this.w, k); return this; } }
const ch = new Chain(x).advance(y).advance(z);
console.log('g', ch.w[7].toFixed(3));
// (h) whole value uses
const h = step(step(filled(2)));
console.log('h', JSON.stringify(Array.from(h.subarray(0, 3)).map((v) => +v.toFixed(3))), h === h, h.length);
// (i) identity and equality across results
const i1 = mul(x, y), i2 = mul(x, y);
console.log('i', i1 === i2, i1[9] === i2[9]);
// (j) a stepping loop, double buffer
let u = filled(3);
for (let t = 0; t < 5; t++) u = step(u);
console.log('j', u[100].toFixed(4));
// (k) a loop of independent products: in parallel
const products: Float64Array[] = [];
const ms = [x, y, z, filled(2)];
for (let k = 0; k < 4; k++) products.push(mul(ms[k], ms[(k + 1) % 4]));
console.log('k', products.map((p) => p[11].toFixed(1)).join(' '));
// (l) a helper also called with spread arguments claims its calls: that one, which no plan made, waits as it returns
function mulSpread(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(n * n);
  matmulInto(a, b, out, n);
  return out;
}
const pair: [Float64Array, Float64Array] = [x, z];
console.log('l', mulSpread(...pair)[4], mulSpread(y, x)[6]);
