/**
 * Rows gathered whole into an array of rows: `row.push(cell(…))` in an inner loop, then `grid.push(row)` (or the row
 * pushed first and filled after). The rows' Futures move into the grid, whose uses after the sweep wait for every
 * row; so every row's calls are submitted before any is waited for (np71's min-row-pushed-first ran a row at a time).
 */
import { bumpList, cell, flipPair, gridSum, listOf, pairOf, probe } from './kernels';

// Filled, then pushed.
const grid: number[][] = [];
for (let i = 0; i < 3; i++) {
  const row: number[] = [];
  for (let j = 0; j < 3; j++) row.push(cell(i * 3 + j));
  grid.push(row);
}
console.log('grid', JSON.stringify(grid), grid.length, 'sum', gridSum(grid));

// Pushed, then filled; records.
const table: { n: number; odd: boolean }[][] = [];
for (let i = 0; i < 3; i++) {
  const row: { n: number; odd: boolean }[] = [];
  table.push(row);
  for (let j = 0; j < 2; j++) row.push(probe(i * 2 + j));
}
console.log('odd', table.map((r) => r.filter((p) => p.odd).map((p) => p.n).join('+')).join(' | '));

// A whole use inside the sweep: each row's values are needed there, as in the plain program.
const seen: number[][] = [];
for (let i = 0; i < 2; i++) {
  const row: number[] = [];
  for (let j = 0; j < 2; j++) row.push(cell(100 + i + j));
  seen.push(row);
  console.log('so far', JSON.stringify(seen));
}

// Read by a function made before the sweep: it may run at any time, so the rows hold values.
const rowsOf: number[][] = [];
const show = () => rowsOf.map((r) => r.join(',')).join(' / ');
for (let i = 0; i < 2; i++) {
  const row: number[] = [];
  for (let j = 0; j < 2; j++) row.push(cell(200 + i * 2 + j));
  rowsOf.push(row);
}
console.log('shown', show());

// A failing call in the sweep: the plain sweep stops there, and the catch sees the rows made until then.
const partial: { n: number; odd: boolean }[][] = [];
try {
  for (let i = 0; i < 3; i++) {
    const row: { n: number; odd: boolean }[] = [];
    for (let j = 0; j < 2; j++) row.push(probe(i === 1 && j === 1 ? -1 : i * 2 + j));
    partial.push(row);
  }
} catch (e) {
  console.log('failed', (e as Error).message, 'rows', partial.length, JSON.stringify(partial));
}

// A record filled in nested loops, read whole by `Object.entries` (np71's min-record-nested ran two at a time).
const byKey: Record<string, number> = {};
for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) byKey[`${i}-${j}`] = cell(300 + i * 2 + j);
console.log('keys', Object.entries(byKey).map(([k, v]) => `${k}=${v}`).join(' '), Object.keys(byKey).length);

// Rows made by a map of task calls, pushed into a row of a grid: a task given that row gets the values (rv76's
// r-map-rows-nest: "a Future at [0][0]").
const nested: number[][][] = [];
for (let i = 0; i < 2; i++) {
  nested.push([]);
  for (let j = 0; j < 2; j++) {
    const cells = [0, 1].map((k) => cell(400 + i + j + k));
    nested[i].push(cells);
  }
}
console.log('nested sum', gridSum(nested[0]), gridSum(nested[1]));

// Read by a closure made after the sweep: nothing can call it before it exists, so the rows gather (np73's
// min-grid-rows-closure ran a row at a time).
const later: number[][] = [];
for (let i = 0; i < 2; i++) {
  const row: number[] = [];
  for (let j = 0; j < 2; j++) row.push(cell(500 + i * 2 + j));
  later.push(row);
}
const peek = () => later[1][0];
console.log('peek', peek(), later.length);

// Rows of lists made by tasks, then each list bumped by a task: each part handed on as it is, Futures included, so
// the lists' calls run side by side (np73's min-row-push-serial waited for the whole grid at each call).
const lists: number[][][] = [];
for (let i = 0; i < 2; i++) {
  const row: number[][] = [];
  for (let j = 0; j < 3; j++) row.push(listOf(i * 3 + j));
  lists.push(row);
}
for (let r = 0; r < 2; r++) for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) bumpList(lists[i][j]);
console.log('lists', JSON.stringify(lists));

// A task that reorders a part (run in place), then a list picked out of it bumped by a task: after the reordering.
const pairs: number[][][][] = [];
for (let i = 0; i < 2; i++) {
  const row: number[][][] = [];
  for (let j = 0; j < 2; j++) row.push(pairOf(10 * i + j));
  pairs.push(row);
}
flipPair(pairs[0][1]);
bumpList(pairs[0][1][0]);
console.log('pairs', JSON.stringify(pairs));

// A record read by `for…in` and an `in` test: its keys only, so it gathers too (np73's min-record-forin-serial).
const byName: Record<string, number> = {};
for (const a of ['p', 'q']) for (const b of [0, 1]) byName[a + b] = cell(600 + a.charCodeAt(0) + b);
let named = 0;
for (const key in byName) named += byName[key] % 7;
console.log('for-in', named, 'p1' in byName, 'z9' in byName);
