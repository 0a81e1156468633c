/**
 * Arrays whose elements are task data (containers): elements passed as inout, Futures gathered in nested slots,
 * aliases of elements read after later tasks wrote them, and the cases that must stay direct calls.
 */
import { bump, fillRow, fma, makeBlock, sum, total } from './kernels';

const show = (label: string, xs: ArrayLike<number>) => console.log(label, Array.from(xs).join(','));

/** Nested gathering, inout elements, and the container returned whole. */
function grid(n: number): Float64Array[][] {
  const a: Float64Array[][] = [];
  const c: Float64Array[][] = [];
  for (let i = 0; i < n; i++) {
    a.push([]);
    c.push([]);
    for (let j = 0; j < n; j++) {
      a[i].push(makeBlock(i * n + j, 3));
      c[i].push(new Float64Array(3));
    }
  }
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < c[i].length; j++) {
      for (let k = 0; k < n; k++) fma(c[i][j], a[i][k], a[k][j]);
    }
  }
  return c;
}

function aliases(): void {
  const blocks: Float64Array[] = [new Float64Array([1, 2]), new Float64Array([3, 4]), new Float64Array([5, 6])];
  const first = blocks[0];
  bump(blocks[0], 10); // written after the alias was taken
  show('alias sees the task', first);
  for (const block of blocks) bump(block, 1);
  blocks.forEach((block, i) => show(`forEach ${i}`, block));
  blocks[1][0] = 100; // the program writes an element a task wrote before
  bump(blocks[1], 1); // and the next task sees the program's write
  show('program write then task', blocks[1]);
  blocks[2][1] = sum(blocks[2]); // written and submitted in one statement
  bump(blocks[2], 1);
  show('same statement', blocks[2]);
  console.log('level read whole', total(blocks));
  const rows = [[new Float64Array(2)], [new Float64Array(2)]];
  for (const row of rows) bump(row[0], 5);
  console.log('level length', rows.length, rows[0].length);
}

function gatheredThenUpdated(): void {
  const parts: Float64Array[] = [];
  for (let i = 0; i < 3; i++) parts.push(makeBlock(i, 2));
  bump(parts[1], 1000); // a gathered Future updated in place
  show('gathered then updated', parts[1]);
  bump(parts[1], 1); // now a plain value in its slot, written again by a task
  show('updated after a wait', parts[1]);
  parts[0][0] = 99; // the program writes into a task's result, then a task reads it
  console.log('program write into a result', sum(parts[0]));
  parts.push(makeBlock(9, 2));
  for (const p of parts) bump(p, 1);
  show('all parts', parts.map((p) => sum(p)));
}

// Cases that were direct calls, now fenced or submitted (the test checks that `taskify explain` keeps none direct).
const kept: Float64Array[][] = [];
function stayDirect(external: Float64Array[]): void {
  const escapes: Float64Array[] = [new Float64Array([1])];
  kept.push(escapes); // stored where the transformer cannot follow it
  bump(escapes[0], 1); // fenced: its container escaped
  show('escaped', escapes[0]);
  bump(external[0], 1); // fenced: a parameter's element
  const level: Float64Array[][] = [[new Float64Array([2])]];
  fillRow(level[0], 7); // submitted: a level passed whole to a task that writes what it holds (snapshotted fresh)
  show('level inout', level[0][0]);
}

function returnedWhileAClosureSubmits(): Float64Array[] {
  const held: Float64Array[] = [new Float64Array([5])];
  bump(held[0], 1); // fenced: the container is returned while a closure submits on it
  setTimeout(() => { bump(held[0], 1); show('closure submitted', held[0]); }, 0); // fenced, in the closure
  return held;
}

function readLaterByAClosure(): void {
  const later: Float64Array[] = [new Float64Array([3])];
  bump(later[0], 1);
  setTimeout(() => show('closure reads later', later[0]), 0);
}

const c = grid(3);
for (const row of c) show('grid row', row.map((b) => b[0] + b[1] + b[2]));
aliases();
gatheredThenUpdated();
stayDirect([new Float64Array([4])]);
show('returned', returnedWhileAClosureSubmits()[0]);
readLaterByAClosure();
