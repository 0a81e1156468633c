/**
 * Task results used as ordinary values: a merge tree whose level variable is reassigned, elements destructured in
 * for…of and callbacks, a result with a second name that a later task writes, an array of results given to a task
 * that changes it.
 */
import { box, bump, consume, join2, make, pair } from './kernels';

let level = [1, 2, 3, 4].map((i) => make(i));
while (level.length > 1) {
  const next: number[][] = [];
  for (let i = 0; i < level.length; i += 2) next.push(join2(level[i], level[i + 1]));
  level = next;
}
console.log('tree', level[0].join(','));

const rs = [1, 2].map((i) => pair(i));
for (const { b } of rs) console.log('b', b);
const ts = [3, 4].map((i) => pair(i));
ts.forEach(({ a }) => console.log('a', a));
const us = [5, 6].map((i) => pair(i));
console.log('rest', us.map(({ a, ...rest }) => a + rest.b).join(','));

const p = box(10);
const whole = p;
bump(p);
console.log('whole', whole.inner.v, p.inner.v);
const q = box(20);
const inner = q.inner;
bump(q);
console.log('inner', q.inner.v, inner.v, q.inner === inner);

const parts: number[][] = [];
for (let i = 0; i < 3; i++) parts.push(make(i));
console.log('consume', consume(parts), parts[0][0]);

// Array.from with a callback that submits: the array gathers Futures, all submitted before any is waited for.
const made = Array.from({ length: 4 }, (_, i) => make(i * 2));
const joined = Array.from(made, (m) => m[0] + 1);
console.log('from', made.map((m) => m[0]).join(','), joined.join(','), JSON.stringify(made));

// Methods reached by key on an array of results are called on the array (tester #12's m12): `this` stays.
const keyed = [1, 2, 3].map((i) => make(i));
const iterator = keyed[Symbol.iterator]();
console.log('keyed', iterator.next().value?.[0], keyed['map']((m) => m[0]).join('-'));
