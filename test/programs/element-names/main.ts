/**
 * An element's name beside tasks on the element itself, on the whole array, on a part of the element
 * (`e1.tags.push(…)`), a record holding the name, and a task replacing the element the name holds.
 */
import { bump, bumpOne, Cell, replaceFirst, tagAll } from './kernels';
const xs: Cell[] = [{ v: 1, tags: [] }, { v: 2, tags: ['x'] }];
const f0 = xs[0];
bumpOne(f0, 5);
bump(xs, 10);
bumpOne(f0, 1);
console.log('a', f0.v, xs[0].v, f0.tags.join(','));
const e1 = xs[1];
tagAll(xs, 'all');
e1.tags.push('main');
tagAll(xs, 'again');
console.log('b', e1.tags.join(','), xs[1].tags.join(','));
const holder = { p: f0 };
bump(xs, 1);
console.log('c', holder.p.v);
const keep = xs[0];
replaceFirst(xs);
console.log('d', keep.v, xs[0].v, keep === xs[0]);
bumpOne(keep, 2);
bump(xs, 1);
console.log('e', keep.v, JSON.stringify(xs));
