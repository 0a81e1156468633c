// Helpers of another module that only return a task's result (exported, or passed as values): planned calls
// claim them and get the Future, so the maps run in parallel; a helper passed as a value gets the value.
import { describe, firstHalfMean, meanOf, spreadOf, type Series } from './helpers';
let seed = 3;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const all: Series[] = ['a', 'b', 'c', 'd'].map((name, i) => ({ name, values: Float64Array.from({ length: 20000 + i }, () => rnd() * (i + 1)) }));
const means = all.map((s) => meanOf(s));
const spreads = all.map((s, i) => spreadOf(s, means[i]));
console.log(means.map((m) => m.toFixed(4)).join(' '), spreads.map((v) => v.toFixed(4)).join(' '));
console.log(all.map((s) => firstHalfMean(s).toFixed(4)).join(' '));
console.log(all.map(describe).join('; '));
const passed = [meanOf, firstHalfMean].map((f) => f(all[0]).toFixed(4));
console.log(passed.join(' '));
// Through a namespace import.
import * as H from './helpers';
console.log(all.map((s) => H.meanOf(s).toFixed(4)).join(' '));
