// Objects put where a wait on their holder walks: a symbol-keyed field, a field defined hidden, a Map's own named key;
// and where no walk reaches (a WeakMap's value, a named key of an array or a typed array, a value typed `any`): let out,
// their calls are fenced, the fence before the first read (np54's F1: each read after the task printed the old value).
import { setV, fill } from './tasks';

const sym = Symbol('s');
const o1 = { v: 1 };
const bySymbol: { [sym]?: { v: number } } = {};
bySymbol[sym] = o1;
setV(o1, 6);
console.log('symbol key', bySymbol[sym]!.v);

const o2 = { v: 1 };
const hidden: { k?: { v: number } } = {};
Object.defineProperty(hidden, 'k', { value: null, writable: true, enumerable: false });
hidden.k = o2;
setV(o2, 7);
console.log('hidden key', hidden.k.v, JSON.stringify(hidden));

const o3 = { v: 1 };
const m = new Map<string, number>() as Map<string, number> & { extra?: { v: number } };
m.extra = o3;
setV(o3, 10);
console.log('map key', m.extra.v);

const key = {};
const o4 = { v: 1 };
const side = new WeakMap<object, { v: number }>();
side.set(key, o4);
setV(o4, 17);
console.log('weak map', side.get(key)!.v);

const o5 = { v: 1 };
const list: number[] & { meta?: { v: number } } = [1, 2];
list.meta = o5;
setV(o5, 14);
console.log('array key', list.meta.v);

const a6 = [1, 2];
const typedHolder: any = new Float64Array(2);
typedHolder.rows = a6;
fill(a6, 8);
console.log('typed array key', typedHolder.rows.join(','));

const o7 = { v: 1 };
const cache: any = {};
cache.last = o7;
setV(o7, 21);
console.log('any record', cache.last.v);
