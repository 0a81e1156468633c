// Helpers that make several objects for one task and return them as a record (`return { sums, counts }`): the record
// is handed out with the task's writes pending, and read where the caller uses it (q4, a k-means of mine, ran 0 calls
// in workers: the helper was no forwarder, and waited for the task as it returned).
import { partialSums, merge, ramp, scaleBy, fillBoth, tally, listUpTo, type Partial } from './kernels';
import { rampRecord } from './makers';

const K = 3;
class Fragment { constructor(readonly points: Float64Array) {} }
function partialOf(f: Fragment, centers: Float64Array): Partial {
  const sums = new Float64Array(2 * K);
  const counts = new Int32Array(K);
  partialSums(f.points, centers, K, sums, counts);
  return { sums, counts };
}
function fragment(seed: number, n: number): Fragment {
  const pts = new Float64Array(2 * n);
  let s = seed;
  for (let i = 0; i < pts.length; i++) { s = (s * 16807) % 2147483647; pts[i] = (s / 2147483647) * 10 + (i % 2 === 0 ? (seed % 3) * 5 : 0); }
  return new Fragment(pts);
}

// (a) k-means: each fragment's partial pushed, read in a for…of.
const fragments = [11, 22, 33, 44].map((seed) => fragment(seed, 500));
let centers = Float64Array.of(1, 1, 5, 5, 9, 9);
for (let it = 0; it < 3; it++) {
  const partials: Partial[] = [];
  for (const f of fragments) {
    const p = partialOf(f, centers);
    partials.push(p);
  }
  const next = new Float64Array(2 * K);
  const counts = new Int32Array(K);
  for (const p of partials) for (let c = 0; c < K; c++) { next[2 * c] += p.sums[2 * c]; next[2 * c + 1] += p.sums[2 * c + 1]; counts[c] += p.counts[c]; }
  for (let c = 0; c < K; c++) if (counts[c] > 0) { next[2 * c] /= counts[c]; next[2 * c + 1] /= counts[c]; }
  centers = next;
  console.log('a', it, Array.from(centers, (v) => v.toFixed(3)).join(' '), Array.from(counts).join('/'));
}

// (b) destructured at once, and printed whole.
const { sums, counts } = partialOf(fragments[0], centers);
console.log('b', Array.from(sums, (v) => v.toFixed(2)).join(' '), Array.from(counts).join(' '));
const whole = partialOf(fragments[1], centers);
console.log('b whole', JSON.stringify({ s: Array.from(whole.sums, (v) => Math.round(v)), c: Array.from(whole.counts) }));

// (c) records handed to another task: merged pairwise.
const parts = fragments.map((f) => partialOf(f, centers));
const m01 = merge(parts[0], parts[1]);
const m23 = merge(parts[2], parts[3]);
const all = merge(m01, m23);
console.log('c', Array.from(all.counts).join(' '), all.counts.reduce((x, y) => x + y, 0));

// (d) the program changes a field of a record, then a task reads it.
const q = partialOf(fragments[2], centers);
q.counts[0] = -7;
const r = merge(q, q);
console.log('d', r.counts[0], q.counts[0]);

// (e) another module's exported maker: called, mapped, and through .call (an unplanned call gets the waited record).
const one = rampRecord(4, 10);
const many = [0, 1, 2].map((s) => rampRecord(3, s));
const called = rampRecord.call(null, 2, 100);
console.log('e', one.label, one.n, Array.from(one.out).join(','), many.map((x) => x.out[2]).join(','), Array.from(called.out).join(','));

// (f) a failing task behind a record, caught where its value is used.
function rampOf(start: number): { out: Float64Array; start: number } {
  const out = new Float64Array(3);
  ramp(out, start);
  return { out, start };
}
const ok = rampOf(1);
try {
  const bad = rampOf(-1);
  console.log('f', bad.out[0]);
} catch (e) {
  console.log('f caught', (e as Error).message);
}
console.log('f ok', Array.from(ok.out).join(','), ok.start);

// (g) a record kept in a Map and read later; identity of its objects kept.
const byName = new Map<string, Partial>();
for (const [i, f] of fragments.entries()) byName.set(`frag${i}`, partialOf(f, centers));
const first = byName.get('frag0')!;
console.log('g', first.sums === byName.get('frag0')!.sums, Array.from(first.counts).join(' '));

// (h) a maker that fills its new array before its task (np60's min-serial-prefilled kept the task direct).
function twos(n: number, k: number): Float64Array {
  const out = new Float64Array(n).fill(2);
  scaleBy(out, k);
  return out;
}
const scaled = [1, 2, 3, 4].map((k) => twos(3, k));
console.log('h', scaled.map((a) => Array.from(a).join('/')).join(' '));

// (i) a second task given a made array's length (fixed when it was made: no wait for the first task; np62's p13).
function twice(k: number) {
  const a = new Float64Array(3);
  const b = new Int32Array(2);
  fillBoth(a, b, k);
  fillBoth(a, b, k + a.length);
  return { a, b };
}
const pairs = [1, 2, 3].map((k) => twice(k));
const lone = new Float64Array(4), other = new Int32Array(4);
fillBoth(lone, other, 1);
const width = lone.length;
fillBoth(lone, other, width + other.length);
console.log('i', pairs.map((p) => `${p.a[0]}/${p.b[1]}`).join(' '), lone[0], other[0], width);

// (j) made objects that are literals: a record of a new typed array and a count, an empty list a task fills
// (np62's min-made-object waited at every return).
function accumulator(k: number) {
  const acc = { sums: new Float64Array(2), count: 0 };
  tally(acc, k);
  return acc;
}
function squares(n: number) {
  const out: number[] = [];
  listUpTo(out, n);
  return out;
}
const accs = [1, 2, 3].map(accumulator);
const lists: number[][] = [];
for (const n of [2, 3, 4]) lists.push(squares(n));
console.log('j', accs.map((a) => `${a.sums[1]}/${a.count}`).join(' '), lists.map((l) => l.join(',')).join(' | '));
