/**
 * Calls made after a failing task inside a try never happened in the plain program: when the failure is caught,
 * what those calls wrote is taken back, whether the data was the program's own, written by a task before the try,
 * read by another call that was never made, or a level of a container.
 */
import { bump, check, copyInto, fill, scaleRows, step } from './kernels';

const show = (xs: Float64Array) => Array.from(xs).join(',');

// The program's own data, written by the call after the failing one.
const a = new Float64Array([30]), b = new Float64Array([3]);
try {
  bump(a, 10);
  bump(b, 10);
} catch (e) {
  console.log('1 caught', (e as Error).message);
}
console.log('1', show(a), show(b));

// Data a task wrote before the try (its version was not brought home yet), written again inside it.
const c = new Float64Array([1]);
bump(c, 10);
try {
  bump(a, 10);
  bump(c, 10);
  bump(c, 10);
} catch (e) {
  console.log('2 caught', (e as Error).message);
}
console.log('2', show(a), show(c));

// A chain of calls never made: one reads what another wrote.
const d = new Float64Array([7, 7]), e2 = new Float64Array([0, 0]);
try {
  bump(a, 10);
  bump(d, 10);
  copyInto(e2, d);
  fill(d, 5);
} catch (e) {
  console.log('3 caught', (e as Error).message);
}
console.log('3', show(d), show(e2));

// Levels of a container, in a loop: the third check fails, so only the first two steps were made.
const groups = [{ name: 'g0', xs: [1] }, { name: 'g1', xs: [2] }, { name: 'g2', xs: [50] }, { name: 'g3', xs: [3] }];
try {
  for (const g of groups) {
    check(g, 40);
    step(g);
  }
} catch (e) {
  console.log('4 caught', (e as Error).message);
}
console.log('4', JSON.stringify(groups));

// A whole container written by a call never made.
const rows = [new Float64Array([1, 2]), new Float64Array([3])];
scaleRows(rows, 10);
try {
  bump(a, 10);
  scaleRows(rows, 10);
} catch (e) {
  console.log('5 caught', (e as Error).message);
}
console.log('5', rows.map(show).join(' | '));

// The calls are in a function the program calls inside the try.
function both(x: Float64Array, y: Float64Array): void {
  bump(x, 10);
  bump(y, 10);
}
const f = new Float64Array([0]);
try {
  both(a, f);
} catch (e) {
  console.log('6 caught', (e as Error).message);
}
console.log('6', show(f));

// After a caught failure the program goes on: later calls write as usual, and a second failure is taken back too.
const g = new Float64Array([0]);
for (let round = 0; round < 3; round++) {
  try {
    bump(g, 1);
    bump(f, 100);
  } catch (e) {
    console.log('7 caught', round, (e as Error).message);
  }
}
console.log('7', show(g), show(f));

// An async function: the failure is met at an await.
async function later(): Promise<void> {
  const h = new Float64Array([4]);
  try {
    bump(a, 10);
    bump(h, 10);
    await Promise.resolve();
  } catch (e) {
    console.log('8 caught', (e as Error).message);
  }
  console.log('8', show(h));
}
void later();
