// Arrays that gather Futures, under more than one name: a tree reduction rebinding its level, and elements of a
// gathering array kept under a name (directly, by a condition, by a value test) while later tasks write them.
import { countWords, createBlock, mergeCounts, negate } from './kernels';

const texts = ['a b c a', 'b c d', 'a a e', 'd e f g', 'g a b'];
const partial = texts.map((t) => countWords(t));
let level = partial;
while (level.length > 1) {
  const next = [];
  for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? mergeCounts(level[i], level[i + 1]) : level[i]);
  level = next;
}
const result = level[0];
console.log('words', [...result.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).map(([w, n]) => `${w}=${n}`).join(' '));
console.log('first partial is the result:', partial[0] === result, 'partial[1] size', partial[1].size);

const blocks = [1, 2, 3].map((i) => createBlock(3, i));
const first = blocks[0];
const chosen = blocks.length > 5 ? blocks[0] : blocks[1];
const tested = blocks[2] ?? blocks[0];
negate(blocks[0]);
negate(blocks[1]);
negate(blocks[2]);
console.log('named', first.join(' '), '|', chosen.join(' '), '|', tested.join(' '));
