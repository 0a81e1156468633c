/**
 * Names for one element or part of an array a task writes (`const first = xs[0]`, `const c0 = grid.cells[0]`): one
 * more name of the array's group, so a read of it waits for the tasks writing the array and a write through it
 * reaches the next task, while the task calls on the array run in workers.
 */
import { bump, Cell, scale, swapFirst, total } from './kernels';

const xs: Cell[] = [{ v: 1 }, { v: 2 }];
const first = xs[0];
bump(xs, 10);
console.log('a', first.v);
first.v = 100;
bump(xs, 1);
console.log('b', first.v, xs[0].v, total(xs));

// An element a task moves: the name keeps the object, wherever the task put it.
const i = 1;
const second = xs[i];
swapFirst(xs);
console.log('c', second.v, xs[0] === second, first === xs[1]);
second.v += 5;
bump(xs, 1);
console.log('d', JSON.stringify(xs), total(xs));

// Typed arrays in an array, a part of a record.
const rows = [new Float64Array([1, 2]), new Float64Array([3, 4])];
const r0 = rows[0];
for (const r of rows) scale(r, 2);
console.log('e', r0[0], rows[1][1]);
r0[1] = 50;
scale(rows[0], 3);
console.log('f', Array.from(r0).join(','), Array.from(rows[0]).join(','));
const grid = { cells: [{ v: 7 }] as Cell[] };
const c0 = grid.cells[0];
bump(grid.cells, 3);
console.log('g', c0.v);

// A name given another element later, and one read after the program goes on (a timer, an await).
let cur = xs[0];
bump(xs, 1);
console.log('h', cur.v);
cur = xs[1];
bump(xs, 1);
console.log('i', cur.v);
const last = xs[1];
bump(xs, 1000);
setTimeout(() => console.log('j', last.v), 0);
async function later(): Promise<void> {
  const head = xs[0];
  await Promise.resolve();
  bump(xs, 1);
  await Promise.resolve();
  console.log('k', head.v, total(xs));
}
void later();
