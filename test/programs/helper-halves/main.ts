// Helpers that build a value around task results, called in loops and array callbacks: each helper is split in two
// halves, the tasks of every pass submitted first, the values built at each call's turn (helper-halves.ts).
import { checked, peak, sum } from './kernels';

// Called before its declaration runs (a function declaration is hoisted, its halves not registered yet): at its turn.
const early = [[1], [2, 3]].map((xs) => late(xs));
console.log('early', early);

function analyse(name: string, xs: number[]) { return { name, total: sum(xs) }; }
const describe = (name: string, xs: number[]) => {
  const n = xs.length;
  const s = sum(xs);
  console.log('describing', name, n);
  return `${name}: n=${n} sum=${s} peak=${peak(xs)}`;
};
function late(xs: number[]) { return [sum(xs), xs.length] as const; }

const groups = [[1, 2], [3, 4], [5, 6, 7], [8]];
console.log(groups.map((xs, i) => analyse(`g${i}`, xs)));
const lines: string[] = [];
for (const xs of groups) lines.push(describe('d' + xs.length, xs));
console.log(lines.join('\n'));
const byKey = new Map<string, { name: string; total: number }>();
groups.forEach((xs, i) => byKey.set('k' + i, analyse('f' + i, xs)));
console.log([...byKey.values()].map((r) => r.total));
// The loop stops early: the passes after the break never built their values (their submissions are dismissed).
for (const xs of groups) {
  const r = analyse('b', xs);
  if (r.total > 7) { console.log('first above 7', r); break; }
}
// A task fails in one pass: thrown where the plain call threw, after the earlier passes printed.
const guarded = (xs: number[]) => ({ size: checked(xs), first: xs[0] });
try {
  for (const xs of [[1], [2, 2], [-3], [4]]) console.log('guarded', guarded(xs));
} catch (e) {
  console.log('caught', (e as Error).message);
}
// The arguments change between passes: each pass's submission reads its own.
const data = [10, 20];
const totals: number[] = [];
for (let i = 0; i < 3; i++) { totals.push(analyse('t', data).total); }
console.log(totals, analyse('once', [5]));
// A helper that changes state has no halves: its calls stay plain.
const seen: string[] = [];
function remember(name: string, xs: number[]) { seen.push(name); return { name, total: sum(xs) }; }
for (const xs of groups) console.log('remembered', remember('r' + xs.length, xs).total, seen.length);
// Methods storing task results into their objects (model.ts): every part's sum submitted first, each stored at its
// turn; the override in the middle runs at its turn, with every later call of that pass.
import { Logged, Loud, Part, Scored } from './model';
const parts = [new Part('a', [1, 2]), new Part('b', [3, 4]), new Part('c', [5])];
for (const p of parts) p.compute();
console.log('parts', parts.map((p) => p.total));
const tail = new Part('t', [7, 7]);
const mixed = [new Part('m', [1]), new Loud('loud', [2], tail), tail, new Part('n', [3])];
for (const p of mixed) p.compute();
console.log('mixed', mixed.map((p) => `${p.name}=${p.total}`).join(' '));
mixed.forEach((p) => p.compute());
console.log('forEach', mixed.map((p) => p.total));
// The argument reads the field the method stores: each call at its turn.
for (const p of parts) p.bump(p.total);
console.log('bumped', parts.map((p) => p.total));
const scored = [new Scored([2, 4]), new Scored([9])];
for (const s of scored) s.rate();
console.log('scores', scored.map((s) => s.score), [[1, 2], [3]].map((xs) => Scored.tally(xs)));
const logged = [new Logged([1]), new Logged([2, 3])];
for (const l of logged) l.compute();
