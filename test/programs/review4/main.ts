/**
 * Setting `length` between tasks, an argument stored into another and changed through it, class instances passed
 * through an interface type (not exported; exported by a module with top-level code), and the buffers of typed
 * arrays a task returned.
 */
import { area, bumpAll, ints, link, ramp, sum } from './kernels';
import { Rect } from './shapes';

const a = [1, 2, 3, 4];
const s1 = sum(a);
a.length = 2;
const s2 = sum(a);
a.length--;
console.log('length', s1, s2, sum(a), a.length);

const holder = { items: [] as number[][] };
const it = [1];
link(holder, it);
bumpAll(holder);
console.log('link', holder.items[0][0], it[0]);

class Local { constructor(public w: number, public h: number) {} }
console.log('classes', area(new Local(4, 5)), area(new Rect(2, 3)), area({ w: 1, h: 7 }));

const r = ramp(5);
console.log('buffer', r.byteOffset, r.buffer.byteLength, new Float64Array(r.buffer).length);
const xs = ints(3);
console.log('buffers', xs[0].buffer === xs[2].buffer, xs.map((x) => x.byteOffset).join(','));
new Int32Array(xs[0].buffer).fill(7);
console.log('separate', xs[1].join(','), xs[2].join(','));
