/**
 * Tree reductions whose result is read through a name of its own after the loop (`const total = level[0]`,
 * `const [all] = level`), as most programs end them: the merges of a level run side by side; the name waits for
 * itself where it is used (np72's min-merge-tree and min-ternary-push ran the merges one at a time).
 */
import { combine, countWords, doubleCounts, leaf, mergeInto } from './kernels';

const chunks = ['a b c a', 'b b d', 'c a e', 'e e a b', 'd c', 'a', 'f a b', 'c c c'];

// Merges into the left map, an odd one carried up; the result named after the loop, changed, then handed on.
let level = chunks.slice(0, 7).map((c) => countWords(c));
while (level.length > 1) {
  const next: Map<string, number>[] = [];
  for (let i = 0; i + 1 < level.length; i += 2) next.push(mergeInto(level[i], level[i + 1]));
  if (level.length % 2) next.push(level[level.length - 1]);
  level = next;
}
const total = level[0];
console.log('words', [...total].sort().map(([w, c]) => `${w}=${c}`).join(' '));
total.set('z', 1);
doubleCounts(total);
console.log('doubled', total.get('a'), total.get('z'), level[0] === total);

// New lists merged, the odd one pushed by a choice; the result destructured.
let lists = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => leaf(i));
while (lists.length > 1) {
  const next: number[][] = [];
  for (let i = 0; i < lists.length; i += 2) next.push(i + 1 < lists.length ? combine(lists[i], lists[i + 1]) : lists[i]);
  lists = next;
}
const [all] = lists;
console.log('sorted', all.join(','), all.length);
