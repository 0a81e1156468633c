/**
 * Task values one expression needs: the calls are submitted together, then the expression uses their values in the
 * plain program's order. Counted: 2 + 3 + 2 + 2 + 2 + 3 + 2 + 2 + 2 (+ 2 for the failures) ran in workers.
 */
import { normalized, noisy, scale, strict, summary, total } from './kernels';

const a = Float64Array.from({ length: 4000 }, (_, i) => (i % 17) + 1);
const b = Float64Array.from({ length: 4000 }, (_, i) => (i % 5) - 1);
const c = Float64Array.from({ length: 4000 }, (_, i) => i / 100);

console.log('totals', total(a), total(b));
const sum = total(a) + total(b) + total(c);
console.log('sum', sum.toFixed(3));
console.log('fixed', total(a).toFixed(2), `${total(c).toFixed(1)}`);
const spread = [summary(a).max - summary(a).min];
console.log('spread', spread.join(','));
const row = { a: summary(b).mean.toFixed(4), c: summary(c).mean.toFixed(4) };
console.log('means', JSON.stringify(row));
const [na, nb, nc] = [normalized(a), normalized(b), normalized(c)];
console.log('norms', na[1].toFixed(6), nb[1].toFixed(6), nc[1].toFixed(6));

function ratio(x: Float64Array, y: Float64Array): number {
  return total(x) / total(y);
}
console.log('ratio', ratio(a, c).toFixed(6));

// A task writing its argument, next to one reading it: each waits where it stands, as before.
const d = Float64Array.of(1, 2, 3);
console.log('write then read', scale(d, 2), total(d));
// A task that prints keeps its place among the program's own lines.
console.log('noisy', noisy(a), noisy(b));
// Code of the program between two calls runs before the second is submitted, so they stay one at a time.
let calls = 0;
function count(x: number): number { calls++; return x; }
console.log('counted', count(total(a)), total(b), calls);

// The first failure is the one the plain program threw; the later call's is nobody's.
const bad = Float64Array.of(-1, 2), worse = Float64Array.of(-2, 3);
try {
  console.log('never', strict(bad), strict(worse));
} catch (e) {
  console.log('caught', (e as Error).message);
}
try {
  console.log('never', strict(a), strict(worse));
} catch (e) {
  console.log('caught', (e as Error).message);
}
// The JavaScript idiom for "both at once" with synchronous tasks: each call awaited as \`await task()\` is; another
// awaited expression is a batch, the await outside it.
const pairOf = async (x: Float64Array, y: Float64Array) => {
  const [tx, ty] = await Promise.all([total(x), total(y)]);
  const both = await Promise.resolve(total(x) + total(y));
  return [tx, ty, both];
};
(async () => {
  console.log('awaited pairs', await Promise.all([pairOf(a, b), pairOf(b, a)]));
})();
