// Functions that only hand on a task's result (forwarders): their calls run as tasks, in parallel, where the plain
// program waited for each value at the function's return. Each section prints what the plain build prints.
import { fillWith, make, relax, root, scale, total } from './kernels';

const log = (...xs: unknown[]) => console.log(xs.map((x) => (typeof x === 'number' ? x.toFixed(3) : String(x))).join(' '));

// 1: a declaration, an arrow, a function expression; called from map, a loop and a statement's arguments.
function sumOf(a: Float64Array) { return total(a); }
const halfSum = (a: Float64Array) => total(a.subarray(0, a.length / 2));
const build = function (n: number, v: number) { return make(n, v * 2); };
const arrays = [1, 2, 3, 4].map((v) => build(1000 * v, v));
log('1 sums', ...arrays.map((a) => sumOf(a)));
let halves = 0;
for (const a of arrays) halves += halfSum(a);
log('1 halves', halves, sumOf(arrays[0]), sumOf(arrays[3]));

// 2: branches choose the task, or its arguments; a const computed from the parameters first.
function smoothed(a: Float64Array, round: number): number {
  const k = round * 2 + 1;
  if (round % 2 === 0) return relax(a, k);
  return relax(a.subarray(0, a.length / 2), k);
}
const blocks: Float64Array[] = [];
for (let i = 0; i < 4; i++) blocks.push(new Float64Array(500 * (i + 1)).fill(i));
const smooth: number[] = [];
for (let i = 0; i < blocks.length; i++) smooth.push(smoothed(blocks[i], i));
log('2 relaxed', ...smooth);
log('2 blocks', ...blocks.map((b) => b[0] + b[b.length - 1]));

// 3: the program reads and writes what a forwarded task wrote; the next call sees the change.
const grid = new Float64Array(64).fill(1);
const first = smoothed(grid, 0);
grid[0] = 100;
log('3 grid', first, grid[0], grid[1], smoothed(grid, 2));

// 4: a failing task behind a forwarder, in a try, and a value used at once.
const safeRoot = (x: number) => root(x);
try {
  log('4 root', safeRoot(16));
  const bad = safeRoot(-1);
  log('4 never', bad);
} catch (e) {
  log('4 caught', (e as Error).message);
}

// 5: not forwarders: a function that reads the task's value, one passed as a value, one that prints first.
function described(a: Float64Array) { const s = total(a); return { s }; }
function passed(a: Float64Array) { return total(a); }
function loud(a: Float64Array) { console.log('5 loud', a.length); return total(a); }
log('5', described(arrays[1]).s, [arrays[2]].map(passed)[0], loud(arrays[0]));
// Handed to an array's map (tester #26's r26b), each call is a planned one: every task submitted, then the array waited for.
log('5 mapped', ...arrays.map(passed));

// 6: a function that waits for its parameters on return (not a forwarder: it prints), called on objects the caller
// does not follow; the caller changes them between calls, and the next call's tasks must read the change.
function twice(a: Float64Array, rows: Float64Array[], round: number): number {
  console.log('6 round', round);
  const s = relax(a, round) + relax(a.subarray(0, 8), round);
  for (const row of rows) relax(row, round);
  return s;
}
const plate = new Float64Array(32).fill(1);
const rows = [new Float64Array(4).fill(2), new Float64Array(4).fill(3)];
log('6 first', twice(plate, rows, 1));
plate[0] = 50;
rows[1][3] = 70;
log('6 second', twice(plate, rows, 2), plate[0], rows[1][3], rows[0][0]);

// 7: forwarders whose tasks are statements (a procedure), or that return on some paths only.
function prepare(b: Float64Array, v: number) { fillWith(b, v); scale(b, 1.01); }
function pipeline(b: Float64Array, k: number) {
  if (k < 0) return;
  scale(b, k);
  return total(b);
}
const strips = [1, 2, 3].map((n) => new Float64Array(100 * n));
strips.forEach((b, i) => prepare(b, i + 1));
const totals = strips.map((b) => pipeline(b, 0.99));
log('7 totals', ...totals.map((t) => t!));
log('7 strips', ...strips.map((b) => b[0]), pipeline(strips[0], -1), strips[0][1]);

// 8: a forwarder reading a variable the loop sets first is not run ahead of the loop's body; one writing a part of
// a parameter that holds arrays is not a forwarder (the caller would wait for the holder, not the part).
let factor = 0;
const scaledTotal = (a: Float64Array) => relax(a, factor);
for (const f of [5, 6]) { factor = f; log('8 scaled', scaledTotal(new Float64Array(4).fill(1))); }
function bumpSecond(rows: Float64Array[]) { scale(rows[1], 3); }
const pair = [new Float64Array([1, 2]), new Float64Array([3, 4])];
bumpSecond(pair);
log('8 pair', ...pair[1]);

// 9: a forwarder given an instance of a class no worker can import: the forwarder runs here, only its task's
// argument (a typed array) travels.
class Strip { constructor(readonly cells: Float64Array) {} }
function stripTotal(s: Strip) { return total(s.cells); }
const stripObjects = [2, 3, 4].map((n) => new Strip(new Float64Array(10).fill(n)));
log('9 strips', ...stripObjects.map((s) => stripTotal(s)));
