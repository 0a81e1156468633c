/**
 * Loop bodies that make several task calls and use their values at once: every call of every pass is submitted in a
 * first pass, then the body runs with the values, taking each where the plain body made the call. A pass that
 * continues or breaks before a call never makes it; neither does one after a failure: those calls are dismissed.
 */
import { Grade, grade, score, spread, tally, total, trial } from './kernels';

const rows = [[1, 5, 2], [7, 1, 9, 4], [3, 3], [12, 0, 8], [2]];

// Three calls, two in one statement, one a const; an enum's name for a value; a record's entries.
for (const r of rows) {
  const s = total(r);
  console.log('row', r.length, s, Grade[grade(r)], JSON.stringify(spread(r)));
}

// A pass that skips before its calls: the skipped calls (one fails) are never the program's.
const withEmpty = [[4, 4], [], [9, 1]];
let sum = 0;
for (const r of withEmpty) {
  if (r.length === 0) continue;
  const { min, max } = spread(r);
  sum += total(r) + max - min;
}
console.log('sum skipping empty', sum);

// A break before the calls of the pass.
let seen = 0;
for (let i = 0; i < rows.length; i++) {
  if (rows[i].length < 2) break;
  seen += total(rows[i]) * 10 + grade(rows[i]);
}
console.log('seen', seen);

// A failure in the second call of a pass: what follows it in that pass never runs, later passes' calls are dismissed.
const risky = [[1, 2], [3], [], [5, 6]];
let done = 0;
try {
  for (const r of risky) {
    const t = total(r);
    const range = spread(r);
    done++;
    console.log('risky', t, range.max);
  }
} catch (e) {
  console.log('caught', (e as Error).message, 'done', done);
}

// Counting loop with an index read in both calls, printing a record's value.
const words = [['a', 'b', 'a'], ['c'], ['a', 'c', 'c']];
for (let i = 0; i < words.length; i++) {
  const counts = tally(words[i]);
  console.log(i, counts['a'] ?? 0, counts['c'] ?? 0, total(rows[i]));
}

// A break between two calls: not split (the calls of a pass could be made in part), one at a time as in plain code.
let partial = 0;
for (const r of rows) {
  partial += total(r);
  if (partial > 30) break;
  partial += grade(r);
}
console.log('partial', partial);

// Arguments computed in the pass from outer names: a slice of a split, a map that only reads, a template.
const line = 'the quick brown fox jumps over the lazy dog';
for (let i = 0; i < 3; i++) {
  const t = tally(line.split(' ').slice(i * 3, i * 3 + 3));
  console.log(`part ${i}`, JSON.stringify(t), total(rows[i].map((x) => x * i)), grade([i, i * 10]));
}

// A method storing each value into its object's array, bounded by a field of the same object.
class Experiment {
  results: { seed: number; score: number }[] = [];
  constructor(readonly trials: number) {}
  run(): void { for (let i = 0; i < this.trials; i++) this.results[i] = trial(i); }
}
const experiment = new Experiment(4);
experiment.run();
console.log('trials', experiment.results.map((t) => t.score).join(' '));

// Values pushed into an element of a nested array (PyCOMPSs' matmul setup: A[i].push(genBlock(...))).
const nested: number[][] = [];
for (let i = 0; i < 3; i++) {
  nested.push([]);
  for (let j = 0; j < 3; j++) nested[i].push(total([i, j, i * j]));
}
console.log('nested', JSON.stringify(nested));

// Constants of the body the arguments name: computed in the first pass too.
const sensors: Record<string, number[]> = { north: [3, 9, 4], south: [7, 7], east: [1, 2, 3, 4] };
for (const name of ['north', 'south', 'east']) {
  const xs = sensors[name];
  const k = xs.length - 1;
  console.log(name, total(xs), spread(xs.slice(0, k)).max);
}

// The call as an if's condition; a reading method on a task's array of numbers; a spread of numbers into Math.
const kept: number[] = [];
for (const r of rows) {
  if (grade(r) === Grade.High) kept.push(r.length);
  const made = tally(r.map((x) => `${x % 3}`));
  console.log('made', JSON.stringify(made), total([Math.min(...r), Math.max(...r)]), Object.keys(made).length);
}
console.log('kept', kept.join(','));

// A later call handed an earlier call's value in the same pass: its Future in the first pass, the runtime orders them.
for (const r of rows) {
  const sum = total(r);
  const pair = total([sum, r.length]);
  console.log('chained', sum, pair, JSON.stringify(spread([pair, sum])));
}

// A labelled continue of the outer loop before the call ends the inner pass as a break would; spreads into a new
// array and a new object are evaluated in the first pass.
const grid = [[4, 9, 2], [7, -1, 3], [5, 5]];
cells: for (const row of grid) {
  for (const v of row) {
    if (v < 0) continue cells;
    console.log('cell', v, total([...row, v]));
  }
}
for (const p of [{ a: 1, b: 2, m: 3 }, { a: 4, b: 0, m: 1 }]) console.log('marks', score({ ...p, m: 0 }), score(p));
for (const w of ['abca', 'xyz']) console.log('letters', JSON.stringify(tally([...w])));

// An earlier call's value read in a later call's argument (`sp.min`) is a value, not a Future: no split (tester #18's 25).
for (const r of rows) {
  const sp = spread(r);
  console.log('chained part', total([sp.min, sp.max, r.length]));
}
