/**
 * Arguments holding what a worker cannot be faithful to, run in place as the plain calls did: accessors (the
 * program's code, with its closures), symbol keys, a Map's own property. Calls beside them still run in workers, and
 * nothing walking the arguments runs a getter the plain program did not.
 */
import { area, bump, label, P, Rect, tagOf, total } from './kernels';

function makePoint(v: number): P {
  let inner = v;
  const log: number[] = [];
  return { get x() { return inner; }, set x(n: number) { inner = n; log.push(n); }, log };
}
const p = makePoint(1);
console.log('bump', bump(p), p.x, p.log.join(','));

let reads = 0;
const shape = { w: 2, h: 3, get area() { reads++; return this.w * this.h; } };
console.log('area', area(shape), reads);
const r = new Rect(4, 5);
console.log('rect', area(r as never));

const tagged = { name: 'n', [Symbol.for('tag')]: 'hello' };
console.log('tag', tagOf(tagged));

const m = Object.assign(new Map([['a', 1]]), { label: 'mine' });
console.log('label', label(m));

const xs = [new Float64Array([1, 2]), new Float64Array([3, 4])];
console.log('totals', xs.map((x) => total(x)).join(','));
