import { readsThrough, viaFillLocal, viaFillNew, viaMapSet, viaSetAdd, type It } from './tasks';
const make = (): It[] => [{ k: 'a', seen: 0 }, { k: 'b', seen: 0 }, { k: 'c', seen: 0 }];
const a = make(), b = make(), c = make(), d = make(), e = make();
const counts = [viaFillLocal(a), viaFillNew(b), viaMapSet(c), viaSetAdd(d), readsThrough(e)];
console.log(counts.join(' '));
for (const xs of [a, b, c, d, e]) console.log(xs.map((it) => `${it.k}=${it.seen}`).join(' '));
