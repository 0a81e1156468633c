/** Each hidden write must reach the caller's object, as in the plain program. */
import {
  assignedInto, bumpAll, bumpLast, bumpOne, bumpThenLink, destructuredDefault, elementsCopied, first, helperPush, move, pushThenWrite, reflectSet, spliceThenWrite,
  throughArguments, throughDefault, throughGetter, throughMap, throughMapValues, throughThis, unshiftThenWrite, wrapped,
} from './kernels';

const a = [0]; const list: number[][] = [];
pushThenWrite(a, list);
console.log('pushThenWrite', a[0], list.length);
const b = [0]; unshiftThenWrite(b); console.log('unshiftThenWrite', b[0]);
const c = [0]; spliceThenWrite(c); console.log('spliceThenWrite', c[0]);
const d = [0]; helperPush(d); console.log('helperPush', d[0]);
const e = [0]; wrapped(e); console.log('wrapped', e[0]);
const f = [{ x: 0 }]; elementsCopied(f); console.log('elementsCopied', f[0].x);
const g = [0]; throughMap(g); console.log('throughMap', g[0]);
const h = [0]; throughMapValues(h); console.log('throughMapValues', h[0]);
const i = { a: 0 }; reflectSet(i); console.log('reflectSet', i.a);
const j = [0]; throughArguments(j); console.log('throughArguments', j[0]);
const k = [0]; throughDefault(k); console.log('throughDefault', k[0]);
const l = [0]; destructuredDefault(l, {}); console.log('destructuredDefault', l[0]);
const m: { k?: number[] } = {}; const q = [0]; assignedInto(m, q); console.log('assignedInto', q[0], m.k === q);
const n = [0]; throughGetter(n); console.log('throughGetter', n[0]);
const o = [0]; throughThis(o); console.log('throughThis', o[0]);

const from = [[1], [2]]; const to: number[][] = [];
move(from, to);
bumpLast(to);
console.log('move', first(from), from[0][0], to[0] === from[0]);

// A task that keeps one argument in another: afterwards the caller's two objects share it.
const holder = { items: [] as number[][] };
const kept = [1];
bumpThenLink(holder, kept);
bumpAll(holder);
console.log('kept', holder.items[0][0], kept[0], holder.items[0] === kept);
bumpOne(kept);
console.log('kept after', holder.items[0][0], kept[0]);

// The holder is read after the linked object: a submitted bump of the holder would leave `linked` stale.
const box = { items: [] as number[][] };
const linked = [5];
move([linked], box.items);
bumpLast(box.items);
console.log('linked first', linked[0], box.items[0][0]);
