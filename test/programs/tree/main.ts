/** Results of a task that returns its first argument: the same Future, the caller's own object, a tree of merges. */
import { make, merge, scale } from './kernels';
const p0 = make(1);
const p1 = make(2);
const m = merge(p0, p1);
console.log('same future value', m === p0 ? 'same' : 'other', JSON.stringify(m));
const x = [1, 1];
const y = [2, 3];
const r = merge(x, y);
scale(x, 10);
console.log('alias', r === x, r.join(','), x.join(','));
const parts = [make(1), make(2), make(3), make(4)];
const next: number[][] = [];
for (let i = 0; i < parts.length; i += 2) next.push(merge(parts[i], parts[i + 1]));
const top = merge(next[0], next[1]);
console.log('tree', top.join(','));
// The result of a task handing back its argument, kept in a record: the record sees later tasks' writes to it.
const kept = merge(x, [1, 1]);
const holder = { kept };
scale(x, -1);
console.log('held', holder.kept.join(','), JSON.stringify(holder));
const viaHolder = { r: merge(y, [0, 1]) };
scale(y, 2);
console.log('held inline', viaHolder.r.join(','));
