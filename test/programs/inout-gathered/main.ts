/**
 * Results of a task that writes its argument, gathered in arrays the program then prints whole (tester #18's F1:
 * each loop waited for its call before the next, as the task's calls are not reordered): the arrays hold the Futures,
 * and a print waits for them all (transformer/rewrite/gathering-arrays.ts).
 */
import { Acc, add, edge } from './kernels';

const accs = [new Acc(), new Acc(), new Acc()];
const pushed: number[] = [];
for (const a of accs) pushed.push(add(a, 4));
const slots: number[] = [];
for (const [i, a] of accs.entries()) slots[i] = add(a, 6);
console.log(pushed, JSON.stringify(slots), accs.map((a) => a.total));
for (const a of accs) pushed.push(add(a, 1));
const named: number[] = [];
for (const a of accs) { const v = add(a, 2); named.push(v); }
console.log('again', pushed.join(' '), named, accs[1].steps);

// A block-bodied callback computing constants before `return task(…)` gathers its Futures too (tester #18's F2).
const bumps = accs.map((a, i) => { const [k, n] = [i, i * 2 + 1]; return add(a, n + k); });
console.log('bumps', bumps, accs[2].total);

// A map of task calls assigned to a `let` (tester #18's F8) gathers them as a `const` does.
let assigned: number[] = [];
assigned = accs.map((a) => add(a, 3));
console.log('assigned', assigned, accs[0].total);

// A wavefront whose next block reads fields of earlier results (tester #18's F6): the blocks of a diagonal are
// submitted together, each waiting only for the two results it reads.
type Edges = ReturnType<typeof edge>;
const n = 3, zero = new Int32Array(4);
const grid: Edges[][] = Array.from({ length: n }, () => new Array<Edges>(n));
for (let d = 0; d < 2 * n - 1; d++) {
  for (let i = Math.max(0, d - n + 1); i <= Math.min(d, n - 1); i++) {
    const j = d - i;
    grid[i][j] = edge(i ? grid[i - 1][j].bottom : zero, j ? grid[i][j - 1].right : zero);
  }
}
console.log('wavefront', Array.from(grid[n - 1][n - 1].bottom), Array.from(grid[n - 1][n - 1].right));

// Maps of task calls used up where they stand by a reader (a print, JSON.stringify, a Map or an object built from
// pairs, records around the calls): all submitted, the whole array waited for there, as the plain reader ran after
// the last call.
const ledgers = [new Acc(), new Acc(), new Acc()];
console.log('printed', ledgers.map((a) => add(a, 1)));
console.log('json', JSON.stringify(Array.from({ length: ledgers.length }, (_, i) => add(ledgers[i], 2))));
const byIndex = new Map(ledgers.map((a, i) => [i, add(a, 3)]));
console.log('map', byIndex, Object.fromEntries(ledgers.map((a, i) => [`acc${i}`, add(a, 4)])), ledgers.map((a) => a.total));
console.log('records', ledgers.map((a, i) => ({ i, total: add(a, 5) })), ledgers.map((a) => a.steps));
