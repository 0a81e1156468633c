// Third outside-style review: a task's value written through another name, views of gathered elements, and
// iterations over a value chosen by a condition.
import { addInto, bump, createBlock, scale, sum } from './kernels';

const b = createBlock(3, 7);
const acc = b;
acc[0] = 1000;
console.log('second name', sum(b).toFixed(2));

const blocks = [0, 1].map((i) => createBlock(3, i + 7));
let kept = blocks[0];
kept[0] += 1000;
console.log('let', sum(blocks[0]).toFixed(2));
kept = blocks[1];
addInto(kept, blocks[0]);
console.log('reassigned, written by a direct call', sum(blocks[1]).toFixed(2));

const pair = [1, 2].map((i) => createBlock(2, i));
const [, second] = pair;
second[0] = 0;
scale(pair[1], 3);
console.log('destructured', pair[1].join(' '));

const viewed = [0, 1].map((i) => createBlock(3, i + 7));
const sub = viewed[0].subarray(1);
scale(viewed[0], 2);
console.log('view', sub[0].toFixed(2));

const xs = [1, 2, 3], ys = [9];
let s = 0;
for (const x of xs.length > 1 ? xs : ys) { bump(xs, 1); s += x; }
console.log('chosen iteration', s);
