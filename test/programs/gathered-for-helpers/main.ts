// Arrays gathering task results handed whole to a helper of the program (gathering-arrays.ts usedUpByCallee): when
// the helper is done with the array as it returns, the calls are all submitted first and the array's values waited
// for at the helper's call; when it may keep the array (returns it, stores it, keeps it in another argument, runs on
// as an async function), each read through its other name still sees values, never a Future.
import { partOf, fillPart, merge, scaleCounts, type Partial } from './kernels';

const show = (p: Partial) => `${Array.from(p.sums).join(',')} / ${Array.from(p.counts).join(',')}`;

// (a) parts made by a helper around a task, pushed one by one, then reduced by a tree inside a helper (my r1: each
// push waited for its part, as the array went on to a function).
function reduce(parts: Partial[]): Partial {
  let level = parts;
  while (level.length > 1) {
    const next: Partial[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? merge(level[i], level[i + 1]) : level[i]);
    level = next;
  }
  return level[0];
}
function partRecord(seed: number): Partial {
  const sums = new Float64Array(3);
  const counts = new Int32Array(2);
  fillPart(seed, sums, counts);
  return { sums, counts };
}
const parts: Partial[] = [];
for (const seed of [3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 39]) parts.push(partRecord(seed));
const total = reduce(parts);
console.log('a', show(total), '| first', show(parts[0]));

// (b) a helper handing the array itself back: a part pushed later is read through the other name.
function keepAll(xs: Partial[]): Partial[] { return xs; }
const kept: Partial[] = [];
for (const seed of [2, 4]) kept.push(partOf(seed));
const same = keepAll(kept);
kept.push(partOf(6));
console.log('b', same.length, show(same[2]), same === kept);

// (c) a helper storing the array in module state.
let remembered: Partial[] = [];
function remember(xs: Partial[]): number { remembered = xs; return xs.length; }
const stored: Partial[] = [];
for (const seed of [8, 9]) stored.push(partOf(seed));
console.log('c count', remember(stored));
stored.push(partOf(10));
console.log('c', show(remembered[2]));

// (d) a helper keeping the array in another argument.
function stash(xs: Partial[], into: Partial[][]): void { into.push(xs); }
const shelf: Partial[][] = [];
const stashed: Partial[] = [];
for (const seed of [12, 14]) stashed.push(partOf(seed));
stash(stashed, shelf);
stashed.push(partOf(16));
console.log('d', show(shelf[0][2]));

// (e) a helper changing the parts' contents: tasks given them later see the change.
function zeroFirst(xs: Partial[]): void { for (const x of xs) x.sums[0] = 0; }
const zeroed: Partial[] = [];
for (const seed of [21, 22, 24]) zeroed.push(partOf(seed));
zeroFirst(zeroed);
console.log('e', show(merge(zeroed[0], zeroed[2])));

// (f) a helper handing back one of the parts: the caller's name for it and the array's slot are one object.
function largest(xs: Partial[]): Partial {
  let best = xs[0];
  for (const x of xs) if (x.sums[1] > best.sums[1]) best = x;
  return best;
}
const candidates: Partial[] = [];
for (const seed of [31, 37, 41, 43]) candidates.push(partOf(seed));
const best = largest(candidates);
scaleCounts(best, 10);
console.log('f', show(best), candidates.map((c) => c.counts[1]).join(','));

// (h) a helper handing the array back inside a record, or cast to another type (rv69's r1 and r2).
function wrapAll(xs: Partial[]): { all: Partial[] } { return { all: xs }; }
function tagged(xs: Partial[]): { tag?: string } { return xs as unknown as { tag?: string }; }
const wrapped: Partial[] = [];
for (const seed of [61, 62]) wrapped.push(partOf(seed));
const record = wrapAll(wrapped);
const tag = tagged(wrapped);
wrapped.push(partOf(63));
console.log('h', show(record.all[2]), (tag as unknown as Partial[]).length);

// (g) an async helper reading the array after an await, while the program pushes another part.
async function describeLater(xs: Partial[]): Promise<string> {
  await null;
  return xs.map(show).join(' | ');
}
async function run(): Promise<void> {
  const later: Partial[] = [];
  for (const seed of [51, 52]) later.push(partOf(seed));
  const described = describeLater(later);
  later.push(partOf(53));
  console.log('g', await described);
}
void run();
