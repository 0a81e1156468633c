/** Reductions written as `acc = merge(acc, part)`: each merge is a task, and the parts before it run in parallel. */
import { accumulate, count, fragment, merge } from './kernels';

const texts = ['a b c a', 'b c d', 'a a e', 'e f g a', 'b b b'];
let total = new Map<string, number>();
for (const text of texts) total = merge(total, count(text));
console.log([...total].sort(([a], [b]) => a.localeCompare(b)).map(([w, n]) => `${w}=${n}`).join(' '));

let acc: Float64Array = new Float64Array(4);
for (let s = 0; s < 6; s++) acc = accumulate(acc, fragment(s, 10));
console.log(Array.from(acc).join(','));
