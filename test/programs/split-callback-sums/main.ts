/**
 * Array-method callbacks that add a task's value into a variable of the enclosing code (`t += norm(a)`) or hand one
 * task's value to another (`norm(prepare(n))`): split (all calls first, then the callbacks in order), not one at a
 * time. One whose first pass would read the variable the callbacks assign (`const k = n + t`) is not split.
 */
import { norm, prepare, scaled } from './kernels';

const ns = [1, 2, 3, 4, 5, 6];
let total = 0;
ns.forEach((n) => { total += norm(prepare(n)); });
console.log('forEach total', total.toFixed(3));

let count = 0;
const big = ns.filter((n) => { count++; console.log('checking', n, count); return norm(scaled(prepare(n + 1), 2)) > 63; });
console.log('filter', big.join(','), count);

const best = ns.reduce((m, n) => Math.max(m, norm(prepare(n + 2))), 0);
console.log('reduce', best.toFixed(3));

// The first pass would read `shift` as it was before any callback ran: not split, still the plain result.
let shift = 0;
ns.forEach((n) => { const k = n + shift; shift += norm(prepare(k)) > 30 ? 1 : 0; });
console.log('shift', shift);

// A failure in the inner call stops the forEach where the plain one stopped: the callbacks before it added and printed.
let partial = 0;
try {
  [10, 11, 12, 13, 14].forEach((n) => { partial += norm(prepare(n)); console.log('so far', partial.toFixed(3)); });
} catch (e) {
  console.log('caught', (e as Error).message, partial.toFixed(3));
}
