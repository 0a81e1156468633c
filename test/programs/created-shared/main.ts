// New objects a task puts in an inout argument and also returns (or puts in two arguments): one object, as in the
// plain program (tester #14's F28), whichever output the program reads first, and after later tasks changed them.
import { add, link, adopt, bumpAll, pair, create, useAll, Holder, Item, Kitten } from './kernels';

// The result first, written by the program, then the argument.
const list: Item[] = [];
const o = add(list, 1);
o.n = 99;
console.log('result first', list[0] === o, list[0].n);

// The argument first, then the result.
const other: Item[] = [];
const p = add(other, 5);
console.log('argument first', other.length, other[0].n);
console.log('then result', p === other[0], p.n);

// A later task changes the object through the argument: the result shows it.
const chain: Item[] = [];
const c1 = add(chain, 1);
const c2 = add(chain, 2);
console.log('chain', bumpAll(chain), c1.n, c2.n, chain[0] === c1, chain[1] === c2);

// One new object stored in two arguments.
const a: Holder = { items: [] };
const b: Holder = { items: [] };
link(a, b, 1);
a.x!.n = 5;
console.log('two args', a.x === b.x, b.x!.n);

// A class instance registered and returned.
const zoo: Kitten[] = [];
const k = adopt(zoo, 'tom');
k.lives -= 1;
console.log('class', zoo[0] === k, zoo[0].lives, zoo[0] instanceof Kitten);

// Several objects, returned in another order than stored.
const h: Holder = { items: [] };
const [second, first] = pair(h, 10);
second.n = 0;
console.log('several', h.items[0] === first, h.items[1] === second, h.items.map((i) => i.n).join(','));

// The argument read after a later task, then the results.
const late: Item[] = [];
const l1 = add(late, 1);
bumpAll(late);
console.log('late argument', late.map((i) => i.n).join(','));
console.log('late result', l1 === late[0], l1.n);

// A new object a task keeps in module state and returns (tester #14's r132): later tasks changing the state change it.
const x = create(1), y = create(2);
console.log('pooled', useAll(), x.uses, y.uses);
