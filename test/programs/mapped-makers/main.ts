// Makers written as a map's callback: each makes an object, has a task fill it and returns it. The map's value is
// waited for whole where it stands, once every element's task is submitted (np63's min-return-local waited at each
// return, so the fills ran one at a time).
import { work, tally, scale } from './kernels';

const n = 40000;
// (a) an array made, filled and returned.
const arrs = [1, 2, 3, 4].map((k) => { const o = new Float64Array(n); work(o, k); return o; });
console.log('a', arrs.map((o) => `${o[0]}:${o[n - 1]}`).join(' '));

// (b) a record of made objects, from a task reading an outer array.
const src = Float64Array.from({ length: n }, (_, i) => i);
const parts = [0, 1, 2].map((k) => {
  const sums = new Float64Array(1);
  const counts = new Int32Array(1);
  tally(src, k, sums, counts);
  return { sums, counts };
});
console.log('b', parts.map((p) => `${p.sums[0]}/${p.counts[0]}`).join(' '));

// (c) in a function, the map's value reduced at once.
function total(ks: number[]): number {
  return ks.map(function (k) { const o = new Float64Array(8); work(o, k); return o; }).reduce((s, o) => s + o[0] + o[7], 0);
}
console.log('c', total([5, 6, 7]));

// (d) the made arrays changed by the program, then by a task, then read.
const made = [2, 3].map((k) => { const o = new Float64Array(4); work(o, k); return o; });
made[0][0] = -1;
scale(made[1], 10);
console.log('d', Array.from(made[0]).join(','), Array.from(made[1]).join(','));

// (e) a callback whose task also writes an outer array: no maker; the writes are all seen.
const outer = new Float64Array(4);
const withOuter = [1, 2].map((k) => { const o = new Float64Array(4); work(o, k); work(outer, k); return o; });
console.log('e', withOuter.map((o) => o[0]).join(','), Array.from(outer).join(','));

// (f) a callback reading its array after the task: no maker; it reads the task's write.
const readBack = [3, 4].map((k) => { const o = new Float64Array(4); work(o, k); return o[0] + o[3]; });
console.log('f', readBack.join(','));

// (g) a typed array's own map is no array of objects: untouched.
const typed = Float64Array.of(1, 2).map((k) => k * 2);
console.log('g', Array.from(typed).join(','));
