// Numbers and strings taken out of objects tasks write (tester #13's s05): destructured, spread, iterated by key.
// Each is a read where it stands, which waits for the tasks before it; the calls stay tasks.
import { bump, addKey, drop, inc, Acc, Box } from './kernels';

const acc: Acc = { n: 0, list: [10] };
bump(acc);
bump(acc);
const [first, second, third] = acc.list;
console.log('array pattern', first, second, third);
bump(acc);
const { list: [l0, , l2], n: count } = acc;
bump(acc);
console.log('nested pattern', l0, l2, count, acc.list.length);

const d: Acc = { n: 0, list: [1] };
bump(d);
const copy = [...d.list];
bump(d);
console.log('spread', copy.join(','), d.list.join(','));
const [head, ...tail] = d.list;
bump(d);
console.log('rest of numbers', head, tail.join(','), d.list.length);

const counts: Record<string, number> = { a: 1 };
addKey(counts, 'b');
const keys: string[] = [];
for (const k in counts) keys.push(k);
addKey(counts, 'c');
console.log('for in', keys.join(','), JSON.stringify(counts));
const { a, ...others } = counts;
addKey(counts, 'd');
console.log('rest of a record of numbers', a, JSON.stringify(others), Object.keys(counts).length);

// Still aliases: a rest record holding the list, an object out of a part, a for…in whose body writes the object.
const held: Acc = { n: 1, list: [5] };
const { n, ...rest } = held;
bump(held);
console.log('rest holds the list', n, rest.list.length, rest.list === held.list);
const box: Box = { items: [{ v: 1 }, { v: 2 }] };
const [firstItem] = box.items;
inc(box);
console.log('object out of a part', firstItem.v);
const seen: Record<string, number> = { x: 1, y: 2 };
const order: string[] = [];
for (const k in seen) { order.push(k); drop(seen, 'y'); }
console.log('written while walked', order.join(','), JSON.stringify(seen));
