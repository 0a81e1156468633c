/**
 * Objects tasks write, read back through the library's generic shapes (`Record`, `Partial`, `Pick`, `ArrayLike`,
 * `Readonly`): those hold what they are given, so the reads wait (tester #12's m05).
 */
import { Acc, bump } from './kernels';

const m = new Map<string, Acc>([['a', { total: 0, name: 'a' }], ['b', { total: 10, name: 'b' }]]);
const byName: Record<string, Acc> = { a: m.get('a')!, b: m.get('b')! };
for (const acc of m.values()) bump(acc);
const record = JSON.stringify(byName);
console.log('record', record);

const partial: Partial<Record<string, Acc>> = { a: m.get('a') };
for (const acc of m.values()) bump(acc);
const partialTotal = partial.a?.total;
console.log('partial', partialTotal);

const picked: Pick<{ first: Acc; n: number }, 'first'> = { first: m.get('b')! };
for (const acc of m.values()) bump(acc);
const pickedTotal = picked.first.total;
console.log('pick', pickedTotal);

const list: ArrayLike<Acc> = [...m.values()];
for (const acc of m.values()) bump(acc);
const totals = [list[0].total, list[1].total];
console.log('arraylike', totals.join(','));

const frozen: Readonly<Record<string, Acc>> = byName;
for (const acc of m.values()) bump(acc);
const all = Object.values(frozen).map((a) => a.total).join(',');
console.log('readonly', all);
