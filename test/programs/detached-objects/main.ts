/**
 * Tasks that change objects of their argument and take them out of it (delete, shift, Map/Set delete, filter into a
 * new array, pop, length = 0, splice): in the plain program the caller's objects changed, and the program still holds
 * them. Copy-back must update them although the written version no longer reaches them (value.fbs Root.detached).
 */
import { addReading, clearAll, closeOne, drainAll, drainBelow, detachThenFail, drainFirst, dropFromSet, moveLast, popBlock, pruneClosed, retire, spliceMiddle, type Conn } from './kernels';

const conn = (id: string, sent = 0): Conn => ({ id, open: true, sent });
const show = (c: Conn) => `${c.id}:${c.open ? 'open' : 'closed'}:${c.sent}${c.log ? ':' + c.log.join('+') : ''}`;

const a = conn('a', 1), b = conn('b', 2);
const registry: Record<string, Conn> = { a, b };
closeOne(registry, 'a');
console.log('delete:', Object.keys(registry).join(','), show(a), show(b));

const q = [conn('x', 5), conn('y', 6)];
const x = q[0];
const sent = drainFirst(q);
console.log('shift:', sent, show(x), q.length);

const c = conn('c');
const m = new Map([['c', c], ['d', conn('d')]]);
retire(m, 'c');
console.log('Map.delete:', m.size, show(c));

const p1 = conn('p1', 1), p2 = conn('p2', 2);
p2.open = false;
const pool = { conns: [p1, p2] };
pruneClosed(pool);
console.log('filter:', pool.conns.map(show).join(' '), show(p2));

const from = [conn('f1'), conn('f2')], to: Conn[] = [];
const moved = from[1];
moveLast(from, to);
console.log('moved:', from.length, to.length, show(moved), to[0] === moved);

const blocks = [new Float64Array(3), new Float64Array(3)];
const last = blocks[1];
console.log('pop:', popBlock(blocks), last.join(','));

const items = [{ n: 1 }, { n: 2 }];
const first = items[0];
clearAll(items);
console.log('length = 0:', items.length, first.n);

const tagged = { tag: 'red' };
const set = new Set([tagged, { tag: 'blue' }]);
dropFromSet(set);
console.log('Set.delete:', set.size, tagged.tag);

const xs = [{ v: 1 }, { v: 2 }, { v: 3 }, { v: 4 }];
const second = xs[1];
const cut = spliceMiddle(xs);
console.log('splice:', xs.map((o) => o.v).join(','), second.v, cut[0] === second);

const e = conn('e');
const held: Record<string, Conn> = { e };
try {
  detachThenFail(held, 'e');
} catch (err) {
  console.log('failed:', (err as Error).message, Object.keys(held).length, show(e));
}

// Many rounds on one registry: each task takes one connection out; the program reads them all at the end.
const conns = Array.from({ length: 6 }, (_, i) => conn(`r${i}`, i));
const live: Record<string, Conn> = Object.fromEntries(conns.map((k) => [k.id, k]));
const closing = conns.slice(0, 4).map((k) => k.id);
for (const id of closing) closeOne(live, id);
console.log('rounds:', Object.keys(live).join(','), conns.map(show).join(' '));

// A later task writes the same registry before the program reads anything: its version no longer holds the
// connections the first took out, which still come home changed.
const s1 = conn('s1', 1), s2 = conn('s2', 2), s3 = conn('s3', 3);
const sensors: Record<string, Conn> = {};
for (const s of [s1, s2, s3]) sensors[s.id] = s;
const closed = drainBelow(sensors, 2);
addReading(sensors, 100);
console.log('chain:', closed, Object.keys(sensors).join(','), [s1, s2, s3].map(show).join(' '));

// The other way round: the task that takes one out reads the version the task before it wrote (from its worker's
// cache, as a rule).
const u1 = conn('u1', 1), u2 = conn('u2', 2);
const units: Record<string, Conn> = {};
for (const u of [u1, u2]) units[u.id] = u;
addReading(units, 5);
closeOne(units, 'u1');
addReading(units, 7);
console.log('cached chain:', Object.keys(units).join(','), show(u1), show(u2));

// Many taken out at once (150 000: more than a call's arguments may be, so never spread into one).
const many = Array.from({ length: 150000 }, (_, i) => ({ n: i % 7 }));
const firstOfMany = many[0];
const lastOfMany = many[149999];
console.log('many:', drainAll(many), many.length, firstOfMany.n, lastOfMany.n);
