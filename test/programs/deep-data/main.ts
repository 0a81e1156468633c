import { build, bump, deepest, walk, type LNode, type Tree } from './kernels';

let h: LNode | null = null;
for (let i = 0; i < 20000; i++) h = { v: 1, next: h };
console.log('walk', walk(h));

const long = build(100000);
let count = 0;
let last = 0;
for (let n = long; n; n = n.next) { count++; last = n.v; }
console.log('built', count, long?.v, last);

const second = h!.next!;
bump(h, 2);
console.log('bumped', h!.v, second.v, walk(h));

// A cycle: the last node points back at the first.
let tail = h!;
while (tail.next) tail = tail.next;
tail.next = h;
let seen = 0;
for (let n: LNode | null = h; n && seen < 5; n = n.next) seen++;
tail.next = null;
console.log('cycle walked', seen);

const root: Tree = { depth: 0, kids: [] };
let at = root;
for (let i = 1; i <= 15000; i++) {
  const kid: Tree = { depth: i, kids: [] };
  if (i % 2 === 0) at.kids.push(kid); else at.tag = new Map([['k', kid]]);
  at = kid;
}
console.log('deepest', deepest(root));
