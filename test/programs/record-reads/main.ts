// Record accumulators read through Object.keys/values/entries and `in` between task calls: each read waits for the
// tasks writing the record, and the calls stay tasks.
import { countWords, scaleAll, total } from './kernels';

const first: Record<string, number> = {};
const second: Record<string, number> = {};
countWords(first, 'the cat and the hat');
countWords(second, 'a b a c a b');
console.log(Object.keys(first).length, Object.keys(second).sort().join(','));
console.log('cat' in first, 'dog' in first);
countWords(first, 'the dog');
console.log('dog' in first, Object.getOwnPropertyNames(first).length);
scaleAll(second, 10);
console.log(Object.values(second).join(' '), JSON.stringify(Object.entries(second)));
const sums = [total(first), total(second)];
console.log(sums.join(' '));
for (const [word, n] of Object.entries(first)) if (n > 1) console.log(word, n);
