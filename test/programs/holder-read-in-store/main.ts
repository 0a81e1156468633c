// A statement that stores into a holder and reads the holder (in its key, or the value stored): the read's walk comes
// before the store, so the next read of the holder must walk again to reach what was stored (np55's F1: each printed
// the value from before the task writing it).
import { setV, V } from './tasks';

const h: { list: V[] } = { list: [] };
const f: V = { v: 6, hist: [] };
setV(f, 60);
h.list[h.list.length] = f;
console.log('index store', h.list[0].v);

const reg: { m: Map<number, V> } = { m: new Map() };
const a: V = { v: 1, hist: [] };
setV(a, 10);
reg.m.set(reg.m.size, a);
console.log('map size key', reg.m.get(0)!.v);

const best: { cur: V | null } = { cur: null };
const d: V = { v: 4, hist: [] };
setV(d, 40);
best.cur = best.cur ?? d;
console.log('nullish', best.cur.v);

const pool: { all: V[] } = { all: [] };
const x: V = { v: 2, hist: [] };
const c: V = { v: 3, hist: [] };
setV(c, 30);
pool.all.push(pool.all.length > 5 ? x : c);
console.log('push chosen', pool.all[0].v, JSON.stringify(pool));
