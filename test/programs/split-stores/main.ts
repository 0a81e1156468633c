/**
 * Loops and array callbacks that store each task's value into a container no task reads (a Set, a Map, an array of
 * numbers, a slot of a record): every call is submitted first, then the stores run in the plain program's order.
 * Containers a later call may read keep the calls one at a time.
 */
import { check, peak, range, span, total, widen } from './kernels';
const parts = Array.from({ length: 6 }, (_, i) => Float64Array.from({ length: 500 }, (_, j) => ((i + 1) * j) % 11));
// A Set and a Map of numbers: nothing a task is given can hold them.
const seen = new Set<number>();
for (const p of parts) seen.add(total(p) % 4);
console.log('seen', [...seen].join(','));
const byIndex = new Map<number, number>();
parts.forEach((p, i) => byIndex.set(i, total(p)));
console.log('byIndex', JSON.stringify([...byIndex]));
// Objects from tasks kept in a Map, changed later and given to another task: it reads what the program changed.
const ranges = new Map<number, { min: number; max: number }>();
for (let i = 0; i < parts.length; i++) ranges.set(i, range(parts[i]));
ranges.get(2)!.max = 100;
console.log('widened', JSON.stringify(widen(ranges.get(2)!)), JSON.stringify(ranges.get(3)));
// A histogram and a record's field: stores with operators.
const hist = [0, 0, 0, 0];
for (const p of parts) hist[Math.floor(total(p)) % 4] += 1;
console.log('hist', hist.join(','));
const best = { value: -Infinity, at: -1 };
for (let i = 0; i < parts.length; i++) { best.value = Math.max(best.value, total(parts[i])); best.at = i; }
console.log('best', best.value, best.at);
// A failure: the stores of the passes before it happened, none after.
const signed = [Float64Array.of(1), Float64Array.of(2), Float64Array.of(-3), Float64Array.of(4)];
const kept = new Set<number>();
try {
  for (const v of signed) kept.add(check(v));
} catch (e) { console.log('caught', (e as Error).message, [...kept].join(',')); }
// A container a later pass reads: rows[i] of a pass after the first is a row pushed by an earlier pass.
const rows: number[][] = [[3, 1], [2, 9]];
for (let i = 0; i < 4; i++) rows.push([peak(rows[i]) + i]);
console.log('rows', JSON.stringify(rows));
// Storing into the array being walked: the header reads what the body stores.
const grow = [1, 5];
for (let i = 0; i < grow.length && i < 5; i++) grow.push(peak([grow[i], 2]) + 1);
console.log('grow', grow.join(','));
// A typed array of results only its own name reaches: no task's argument can be a view of it.
const sums = new Float64Array(parts.length);
for (let i = 0; i < parts.length; i++) sums[i] = total(parts[i]);
console.log('sums', sums.join(','));
// One whose views later passes read: the calls stay one at a time.
const halves = new Float64Array(4).fill(1);
const views = [halves.subarray(0, 2), halves.subarray(2)];
const order = [1, 1, 0, 0];
for (let i = 0; i < 4; i++) halves[i] = total(views[order[i]]) + i;
console.log('halves', halves.join(','));
// A tuple of numbers spread into the parameters: each call a task. An array of unknown length stays direct.
const pairs: [number, number][] = [[1, 3], [2, 5], [4, 9]];
console.log('spans', pairs.map((p) => span(...p)).join(','));
const loose: number[] = [1, 4, 7];
console.log('loose', span(...(loose as [number, number])), span(loose[0], loose[1]));
// Array.from with a mapping callback, over a length or a Set: every call submitted first.
console.log('from', Array.from({ length: 4 }, (_, i) => total(parts[i + 1])).join(','));
console.log('from a set', Array.from(new Set([0, 2, 0]), (k) => total(parts[k])).join(','));
// A Map in a field, keyed by String(i) (np21's r08), and a Map keyed by typed arrays: a store adds an entry to the
// Map; the first pass evaluates typed arrays the Map holds, which the store does not change.
const copies = parts.map((p) => p.slice());
class Normalizer {
  readonly out = new Map<string, number>();
  run(xs: Float64Array[]): Map<string, number> { xs.forEach((x, i) => this.out.set(String(i), total(x))); return this.out; }
}
console.log('normalized', JSON.stringify([...new Normalizer().run(copies.slice(0, 3))]));
const byPart = new Map<Float64Array, number>();
for (const p of copies) byPart.set(p, total(p));
console.log('byPart', [...byPart.values()].join(','));
// A task's argument looked up in a Map or a Set (np22's r22): a lookup, as an element access; the loop that changes
// the Map after each store keeps the plain order (each lookup sees the change before it).
const weights = new Map([[0, 2], [1, 3], [2, 4]]);
const weighted = new Map<number, number>();
[0, 1, 2].forEach((k) => weighted.set(k, span(weights.get(k)!, 40 + k)));
console.log('weighted', [...weighted.values()].join(','));
const shifted = new Map<number, number>();
[0, 1, 2].forEach((k) => { shifted.set(k, span(weights.get(k)!, 1)); weights.set(k + 1, 10); });
console.log('shifted', [...shifted.values()].join(','), [...weights.values()].join(','));
