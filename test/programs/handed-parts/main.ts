// Methods that hand out a part of a followed object, or a live view of it: the part is a second name the plan cannot
// wait on, so the object is not followed there (each case printed a stale value when the method counted as a write).
import { bump, bumpFirst, pushTo, scale, tally, total } from './kernels';

// A Map's value, taken out before a task writes it.
const m = new Map<string, Float64Array>();
m.set('a', new Float64Array([1, 2]));
const inner = m.get('a')!;
bumpFirst(m);
console.log('map part', inner[0]);

// An iterator is a live view of its array.
const a = new Float64Array([1, 2, 3]);
const it = a.values();
scale(a, 10);
console.log('iterator', it.next().value);

// A container's leaf viewed through subarray, then written by a task.
const grid = [new Float64Array([1, 2]), new Float64Array([3, 4])];
const head = grid[0].subarray(0, 1);
for (const row of grid) scale(row, 2);
console.log('leaf view', head[0], grid[1][1]);

// Reading methods that share nothing stay reads, and the calls stay tasks.
const b = new Float64Array([4, 5, 6]);
const sums: number[] = [];
for (let i = 0; i < 4; i++) { scale(b, 2); sums.push(total(b)); }
console.log('reads', b.indexOf(32), b.slice(0, 2).join(','), Array.from(b.subarray(1)).join(','), sums.join(' '));

// An iterator of numbers or strings used up where it is made is a read: the calls stay tasks.
const counts = new Map<string, number>([['k0', 1]]);
for (let k = 0; k < 3; k++) tally(counts, k);
console.log('counts', [...counts.values()].join(','), Array.from(counts.keys()).join(','));
for (const [key, n] of counts.entries()) console.log(key, n);

// A method of a part: a view of it kept is a second name; a copy, a number, or a use on in the chain is not.
const g = { data: new Float64Array([1, 2, 3]) };
const v = g.data.subarray(1);
bump(g);
console.log('part view', v[0]);
const lists = new Map<string, number[]>();
lists.set('a', [1]);
pushTo(lists, 'a', 2);
lists.get('a')!.push(99);
pushTo(lists, 'a', 4);
console.log('lists', lists.get('a')![0], lists.get('a')!.length);
const kept = lists.get('a')!.slice();
pushTo(lists, 'a', 5);
console.log(kept.join(','), [...lists.keys()].join(','));
