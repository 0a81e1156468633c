// Records made of followed objects (aliases.ts's holders): a use of the record waits for what its fields hold.
import { scale, scaleHolder, sum, total } from './kernels';
const a = new Float64Array([1, 2, 3]);
const b = new Float64Array([4, 5]);
const holder = { a, second: b, label: 'pair', n: 2 };
for (let i = 0; i < 3; i++) { scale(a, 2); scale(b, 3); }
console.log('holder', holder.a[0], holder.second[1], holder.label, holder.n);
console.log('json', JSON.stringify(holder));
scale(a, 10);
holder.a[1] = -1;
scale(a, 2);
console.log('after', Array.from(a).join(','), sum(a));
const view = holder.a;
console.log('view', view[2]);
function show(h: { a: Float64Array }) { return h.a.join('|'); }
scale(b, 0.5);
console.log(show(holder), holder.second.join('|'));
// The record passed whole to tasks, next to tasks on its fields.
const c = new Float64Array([1, 1]);
const d = new Float64Array([2, 2]);
const pair = { a: c, second: d };
scale(c, 5);
scaleHolder(pair, 2);
console.log('pair', c[0], d[1], total(pair));
// A record of records, and a field given another object.
const outer = { inner: pair, extra: 7 };
scale(d, 3);
console.log('outer', outer.inner.second[0], outer.extra);
const e = new Float64Array([9]);
pair.a = e;
scale(e, 2);
console.log('moved', pair.a[0], outer.inner.a[0], c[0]);
async function later(): Promise<void> {
  await Promise.resolve();
  console.log('later', holder.a[0], JSON.stringify(outer));
}
scale(a, 1.5);
later().then(() => console.log('done'));
