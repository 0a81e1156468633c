// Tree reductions written inside helpers that take the array of parts as a parameter (PyCOMPSs' merge_reduce, a
// k-means class's private reduce): each level's merges are submitted together. The parts are made here, without
// tasks, so the most tasks pending at once shows whether a level's merges overlapped.
import { merge, addInto, reorder, type Partial } from './kernels';

function part(seed: number): Partial {
  const sums = Float64Array.from({ length: 3 }, (_, i) => seed * 10 + i);
  return { sums, counts: Int32Array.of(seed, 1) };
}
const show = (p: Partial) => `${Array.from(p.sums).join(',')} / ${Array.from(p.counts).join(',')}`;

// (a) while levels remain: pairs merged into a fresh array, the odd one carried.
function reduce(parts: Partial[]): Partial {
  let level = parts;
  while (level.length > 1) {
    const next: Partial[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(merge(level[i], level[i + 1]));
    if (level.length % 2 === 1) next.push(level[level.length - 1]);
    level = next;
  }
  return level[0];
}
const eight = [1, 2, 3, 4, 5, 6, 7, 8].map(part);
console.log('a', show(reduce(eight)));
console.log('a parts untouched', eight.length, show(eight[7]));

// (b) the same as a class's private method, the odd one carried by a conditional push.
class Reducer {
  private reduce(parts: Partial[]): Partial {
    let level = parts;
    while (level.length > 1) {
      const next: Partial[] = [];
      for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? merge(level[i], level[i + 1]) : level[i]);
      level = next;
    }
    return level[0];
  }
  run(seeds: number[]): string { return show(this.reduce(seeds.map(part))); }
}
console.log('b', new Reducer().run([3, 1, 4, 1, 5]));

// (c) the parameter's array given the merges itself: the caller's array would hold Futures, so nothing gathers there,
// and the caller sees every element as plain code left it.
function reduceInPlace(parts: Partial[]): Partial {
  while (parts.length > 1) {
    const a = parts.shift()!;
    const b = parts.shift()!;
    parts.push(merge(a, b));
  }
  return parts[0];
}
const four = [2, 7, 1, 8].map(part);
console.log('c', show(reduceInPlace(four)), four.length, show(four[0]));

// (d) a name that may hold the parameter's array and is pushed into: no gathering through it either.
function appendMerges(parts: Partial[], fresh: boolean): Partial[] {
  let into = fresh ? [] as Partial[] : parts;
  const n = parts.length;
  for (let i = 0; i + 1 < n; i += 2) into.push(merge(parts[i], parts[i + 1]));
  return into;
}
const six = [1, 2, 3, 4, 5, 6].map(part);
const appended = appendMerges(six, false);
console.log('d', six.length, appended === six, six.map(show).join(' | '));
console.log('d fresh', appendMerges([9, 8].map(part), true).map(show).join(' | '));

// (e) the parts read from the parameter, summed pairwise into typed arrays by a task that writes its first argument.
function pairwiseTotals(rows: Float64Array[]): Float64Array[] {
  let level = rows;
  while (level.length > 1) {
    const next: Float64Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) { const t = level[i].slice(); addInto(t, level[i + 1]); next.push(t); }
    level = next;
  }
  return level;
}
const rows = [1, 2, 3, 4].map((k) => Float64Array.of(k, k * k));
console.log('e', Array.from(pairwiseTotals(rows)[0]).join(','), Array.from(rows[0]).join(','));

// (f) each new level handed whole to a task that writes it (reverses it, changes its parts): the level cannot gather,
// and the caller's parts are changed as in plain code (rv68's c11 merged the wrong pairs).
function reduceReordered(parts: Partial[]): Partial {
  let level = parts;
  while (level.length > 1) {
    const next: Partial[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(merge(level[i], level[i + 1]));
    if (level.length % 2 === 1) next.push(level[level.length - 1]);
    level = next;
    reorder(level);
  }
  return level[0];
}
const fiveParts = [1, 2, 3, 4, 5].map(part);
console.log('f', show(reduceReordered(fiveParts)));
console.log('f parts', fiveParts.map(show).join(' | '));
