// An iteration that reads again, at every step, the object a task in it writes: the next step must see the write.
import { grow, more, negate, scale, upper } from './kernels';

const queue = [0];
for (const item of queue) more(item, queue);
console.log('worklist', queue.join(','));

const seen = new Set([0]);
for (const item of seen) grow(item, seen);
console.log('set', [...seen].join(','));

const ys = ['p', 'q'];
const out: string[] = [];
for (const y of ys) { upper(ys); out.push(y); }
for (const y of ys.values()) out.push(y);
console.log('for-of', out.join(''));

const vs = ['a', 'b'];
const seenValues: string[] = [];
for (const [i, v] of vs.entries()) { if (i === 0) upper(vs); seenValues.push(v); }
console.log('entries', seenValues.join(''));

const zs = ['m', 'n'];
console.log('from', Array.from(zs, (z, i) => { if (i === 0) upper(zs); return z; }).join(''));
const ws = ['m', 'n'];
console.log('map', ws.map((w, i) => { if (i === 0) upper(ws); return w; }).join(''));

const ns = [1, 2, 3, 4];
console.log('filter', ns.filter((n, i) => { if (i === 1) negate(ns); return n > 0; }).join(','));
const ms = [5, 1, 2];
console.log('reduce', ms.reduce((sum, m, i) => { if (i === 0) negate(ms); return sum + m; }, 0));

// Writing an element's contents changes nothing the loop yields: these run as tasks, side by side.
const rows = [new Float64Array([1, 2]), new Float64Array([3, 4]), new Float64Array([5, 6])];
for (const row of rows) scale(row, 2);
for (const row of rows) scale(rows[0], 10);
console.log('rows', rows.map((r) => Array.from(r).join(' ')).join(' | '));
