/**
 * Caches tasks keep in their module (np42's F4): a lookup whose answer is the result (`firstTime`), a value cached
 * under part of what computes it (`scaled`), a memo by name of what the numbers give (`totalOf`) travel with the
 * calls, in the plain program's order; true caches (`square`, `cube`) stay each worker's own.
 */
import { cube, firstTime, scaled, square, totalOf } from './caches';

console.log(['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b'].map((w) => firstTime(w)).join(' '));
console.log([1, 2, 3, 4, 5, 6].map((f) => scaled('ab', f)).join(' '));
const groups: Record<string, number[]> = { x: [1, 2], y: [3], z: [4, 4] };
console.log(Object.entries(groups).map(([k, xs]) => totalOf(k, xs)).join(','));
for (const xs of Object.values(groups)) xs.push(100);
console.log(Object.entries(groups).map(([k, xs]) => totalOf(k, xs)).join(','));
console.log([3, 4, 3, 5, 4].map((x) => square(x)).join(' '), [2, 3, 2].map((x) => cube(x)).join(' '));
