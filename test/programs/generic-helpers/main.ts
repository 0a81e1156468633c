/**
 * Generic helpers of the program's own (`len<T>(xs: ArrayLike<T>)`, `at<T>`, `setAt<T>`) used on objects that fenced
 * task calls write (elements of a Map, which the plan does not follow by name): a fence before each, as before a
 * helper with a concrete type (tester np39's F1: the generic ones read the old contents, or lost their write).
 */
import { calibrate, count, grow } from './kernels';

function len<T>(xs: ArrayLike<T>): number { return xs.length; }
function has<T>(xs: T[], i: number): boolean { return i in xs; }
function at<T>(xs: ArrayLike<T>, i: number): T { return xs[i < 0 ? xs.length + i : i]!; }
function valueAt<T>(o: Record<string, T>, k: string): T | undefined { return o[k]; }
function setAt<T>(xs: T[], i: number, v: T): void { xs[i] = v; }
function total<T>(xs: Iterable<T>, f: (x: T) => number): number { let s = 0; for (const x of xs) s += f(x); return s; }

const lists = new Map<string, number[]>([['a', [1]], ['b', [2]]]);
for (const [, l] of lists) grow(l, 3);
// (Each read kept before the line that prints: a fence at the print came too late.)
const n = len(lists.get('a')!);
const has3 = has(lists.get('b')!, 3);
const last = at(lists.get('b')!, -1);
console.log('len', n, 'has', has3, 'last', last);
for (const [, l] of lists) grow(l, 1);
setAt(lists.get('a')!, 0, 99);
console.log('after setAt', lists.get('a'), 'sum', total(lists.get('b')!, (x) => x));

const sensors = new Map<string, Float64Array>([['temp', Float64Array.of(1, 2, 3)], ['press', Float64Array.of(950, 960)]]);
for (const [name, xs] of sensors) calibrate(xs, name === 'temp' ? 10 : 1, name === 'temp' ? 0 : 5);
const firstTemp = at(sensors.get('temp')!, 0);
console.log('first temp', firstTemp.toFixed(2), 'press', at(sensors.get('press')!, -1).toFixed(2));

const tallies = new Map<string, Record<string, number>>([['doc', { the: 1 }]]);
for (const [, t] of tallies) count(t, ['the', 'cat', 'the']);
const the = valueAt(tallies.get('doc')!, 'the');
console.log('the', the, 'cat', valueAt(tallies.get('doc')!, 'cat'));
