// A task whose value is used at once inside an array method's callback: every element's call is submitted first,
// then the callback runs with each result (split-callbacks.ts). loud prints, so its calls wait one at a time.
import { stats, score, loud, strict } from './kernels';
import { CONFIG, scaled } from './settings';
const blocks: Float64Array[] = [];
for (let b = 0; b < 6; b++) { const v = new Float64Array(20000); for (let i = 0; i < v.length; i++) v[i] = Math.sin(i * (b + 1)); blocks.push(v); }
console.log('max', Math.max(...blocks.map((v) => stats(v).max)).toFixed(6));
const means = blocks.map((v, i) => `${i}:${stats(v).mean.toFixed(6)}`);
console.log(means.join(' '));
const rows = [[1, 4, 9], [16, 25], [36], [49, 64, 81, 100]];
console.log('big', rows.filter((r) => score(r) > 7).length);
console.log('sum', rows.reduce((acc, r) => acc + score(r), 0));
console.log('loud', rows.map((r) => loud(r) * 2).join(','));
const state = { rows };
console.log('state', state.rows.map((r) => score(r) + r.length).join(','));
// Two task calls in one callback (comparing two measures per input): both submitted for every element first.
const both = rows.map((r) => ({ n: r.length, score: score(r), scaled: score(r.map((x) => x * 4)) }));
console.log('both', JSON.stringify(both));
// The second call fails at the last row (no later element's calls to dismiss): the rows before it print first.
try {
  rows.map((r, i) => [console.log('row', i), score(r), strict(r)]);
} catch (error) {
  console.log('caught', (error as Error).message);
}
// A task reading module state main code changed (tester #18's F11), mapped inside a print: all submitted in order.
CONFIG.set('scale', 3);
console.log('scaled', rows.map((r) => scaled(r)));
console.log('scaled max', Math.max(...rows.map((r) => scaled(r))));
// Block bodies (tester #19's F5): the value under a name put into the result, or after constants the call names.
const named = rows.map((r, i) => { const s = score(r); return { i, s }; });
console.log('named', JSON.stringify(named));
const shifted = rows.map((r) => { const k = r.length * 2; const s = score(r.map((x) => x + k)); return s - k; });
console.log('shifted', shifted.join(','));
const spreads = blocks.map((v) => { const { max, mean } = stats(v); return (max - mean).toFixed(6); });
console.log('spreads', spreads.join(' '));
const kept: number[] = [];
rows.forEach((r, i) => { const s = score(r); kept.push(s + i); });
console.log('kept', kept.join(','));
// A constant from a call before the task's: the order of those calls is the program's (the map, joined at once, runs each
// callback in the plain order, then waits for the array).
let drawn = 0;
const draw = () => ++drawn;
console.log('drawn', rows.map((r) => { const k = draw(); return score([...r, k]); }).join(','));
// A map chained into another of its array's methods (np22's r19): every element submitted, then the chain runs.
console.log('chained', rows.map((r) => score(r)).reduce((a, b) => a + b, 0).toFixed(3), rows.map((r) => score(r)).sort((a, b) => b - a)[0].toFixed(3));
// A program's own `map` (a lazy stream, np22's 45-java-streams) is no array's: its callbacks run when it says.
class Lazy<T> {
  constructor(private readonly xs: unknown[], private readonly fns: ((x: any) => any)[] = []) {}
  map<R>(f: (x: T) => R): Lazy<R> { return new Lazy<R>(this.xs, [...this.fns, f]); }
  list(): T[] { return this.fns.reduce((xs, f) => xs.map(f), this.xs) as T[]; }
}
console.log('lazy', new Lazy<number[]>(rows).map((r) => score(r)).list().map((v) => v.toFixed(3)).join(','));
// Members of an `as const` record, spread into a task's argument (tester #26's r12): a union of readonly tuples is an
// array of the language too, whose spread runs no code.
const PRESETS = { low: { taps: [1, 2] }, high: { taps: [3, 4, 5] } } as const;
const byPreset: Record<string, number[]> = {};
for (const [name, { taps }] of Object.entries(PRESETS)) byPreset[name] = [1, 2].map((k) => score([...taps, k]));
for (const name of Object.keys(byPreset)) console.log('preset', name, byPreset[name].join(','));
// A helper of the program making the task's argument (tester #26's r17): its one expression names its parameter by
// shorthand (`({ k })`), as simple as the literal written out.
const pair = (k: number) => [k, k + 1];
const sized = (k: number) => ({ k });
const made = [3, 5].map((n) => ({ n, v: score(pair(sized(n).k)) }));
for (const m of made) console.log('helper', m.n, m.v.toFixed(6));
