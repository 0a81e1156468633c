/**
 * Loops that use a task's value at once in every pass (s += total(p), best = Math.max(best, peak(row))): every pass's
 * task is submitted first, then the loop runs with the values; a break or a failure dismisses the calls never made.
 */
import { check, grow, peak, sq, total } from './kernels';
const parts = Array.from({ length: 6 }, (_, i) => Float64Array.from({ length: 1000 }, (_, j) => (i * j) % 7));
let s = 0;
for (const p of parts) s += total(p);
console.log('sum', s);
const rows = [[1, 5, 2], [7, 1], [3, 3, 9], [0]];
let best = -Infinity, count = 0;
for (let i = 0; i < rows.length; i++) {
  best = Math.max(best, peak(rows[i]));
  count++;
  console.log('row', i, best);
}
console.log('best', best, count);
let firstBig = -1;
for (let i = 0; i < rows.length; i++) {
  const m = peak(rows[i]);
  if (m > 6) { firstBig = i; break; }
}
console.log('first big', firstBig);
let found = 0;
for (const r of rows) {
  found = peak(r);
  if (found > 4) break;
}
console.log('found', found);
const signed = [Float64Array.of(1), Float64Array.of(2), Float64Array.of(-3), Float64Array.of(-4)];
let acc = 0;
try {
  for (const v of signed) { acc += check(v); console.log('acc', acc); }
} catch (e) { console.log('caught', (e as Error).message, acc); }
// The loop's header reads what a task wrote: the first pass waits for it as the second does.
const grown = [1, 2, 3];
grow(grown);
let squares = 0;
for (const x of grown) squares += sq(x);
console.log('squares', squares);
// Chunks named by arithmetic on the counter: the arguments are still evaluated early in the first pass.
const CHUNK = 3;
let chunked = 0;
for (let lo = 0; lo < 12; lo += CHUNK) chunked += sq(lo + CHUNK) - lo;
console.log('chunked', chunked);
// A labelled loop: `continue words` from an inner loop skips the pass (its call never made), `break words` ends it.
const counts: Record<string, number> = {};
words: for (const w of [[1, 2], [3, 0], [4, 5], [6, 7], [9, 9]]) {
  for (const x of w) if (x === 0) continue words;
  if (w[0] === 9) break words;
  counts[w.join('')] = 2 * peak(w);
}
// (The value is used at once, doubled: the loop is split, its second pass keeping the label.)
console.log('labelled', counts, Object.keys(counts).length);
// An argument made by a one-expression helper of simple reads (a view of a buffer): evaluated ahead as written out.
const wide = Float64Array.from({ length: 40 }, (_, i) => i % 9);
const PART = 10;
const partOf = (v: Float64Array, k: number) => v.subarray(k * PART, (k + 1) * PART);
let viewSums = 0;
for (let k = 0; k < 4; k++) viewSums += total(partOf(wide, k));
console.log("view sums", viewSums);
