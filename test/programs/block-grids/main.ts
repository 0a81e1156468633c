/**
 * Grids of blocks that are arrays of rows (`number[][]`), as PyCOMPSs matmul and Cholesky ports write them: each block
 * handed whole to a task is a datum of its own, so calls on different blocks run side by side and calls on one block
 * run in order, without the main thread waiting for the whole grid at each call.
 */
import { accumulate, blockSum, flipBlocks, flipRows, makeBlock, multiplyAdd, rowOf, scaleRow } from './kernels';

const N = 3, B = 8;
const block = (seed: number): number[][] =>
  Array.from({ length: B }, (_, i) => Array.from({ length: B }, (_, j) => ((seed * 31 + i * 7 + j * 3) % 11) - 5));
const zeros = (): number[][] => Array.from({ length: B }, () => new Array<number>(B).fill(0));

// Blocked matmul: C[i][j] += A[i][k] * B[k][j], the k calls of one block in order, the blocks side by side.
const A = Array.from({ length: N }, (_, i) => Array.from({ length: N }, (_, j) => block(i * N + j)));
const Bm = Array.from({ length: N }, (_, i) => Array.from({ length: N }, (_, j) => block(100 + i * N + j)));
const C: number[][][][] = [];
for (let i = 0; i < N; i++) {
  C.push([]);
  for (let j = 0; j < N; j++) C[i].push(zeros());
}
for (let i = 0; i < N; i++)
  for (let j = 0; j < N; j++)
    for (let k = 0; k < N; k++) multiplyAdd(C[i][j], A[i][k], Bm[k][j]);
let trace = 0;
for (let i = 0; i < N; i++) for (let d = 0; d < B; d++) trace += C[i][i][d][d];
console.log('trace', trace, 'C[2][1][3][4]', C[2][1][3][4]);

// Independent blocks accumulated, then one block changed by the main thread between two tasks on it.
const acc = [[zeros(), zeros()], [zeros(), zeros()]];
const src = [[block(1), block(2)], [block(3), block(4)]];
for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) accumulate(acc[i][j], src[i][j]);
acc[0][1][2][3] = 999;                  // the main thread writes a row of a block a task is writing
accumulate(acc[0][1], src[0][1]);       // the next task on that block reads that write
console.log('acc', acc.map((row) => row.map((b) => b[2][3]).join(' ')).join(' | '));

// A row handed to its own task, then its block handed whole: the block's task reads the scaled row.
scaleRow(acc[1][0][0], 2);
console.log('sum after row', blockSum(acc[1][0]));

// The main thread adds a row to a block: the next task reading the block sees it.
acc[1][1].push(new Array<number>(B).fill(1));
console.log('rows', acc[1][1].length, 'sum', blockSum(acc[1][1]));

// A task that reorders a block's rows, then the program reads a row of it.
const before = acc[0][0][0];
flipRows(acc[0][0]);
console.log('flipped', acc[0][0][B - 1] === before, acc[0][0][0][0], blockSum(acc[0][0]));

// Blocks made by tasks and pushed into the grid's rows: each cell waited for where it is read, the grid whole after
// the sweep (np71's matmul-grid made its blocks one at a time).
const G: number[][][][] = [], P: number[][][][] = [];
for (let i = 0; i < N; i++) {
  G.push([]); P.push([]);
  for (let j = 0; j < N; j++) { G[i].push(makeBlock(B, 1 + i * N + j)); P[i].push(zeros()); }
}
for (let i = 0; i < N; i++)
  for (let j = 0; j < N; j++)
    for (let k = 0; k < N; k++) multiplyAdd(P[i][j], G[i][k], G[k][j]);
console.log('G cell', G[1][2][3][4], 'P cell', P[2][1][3][4], 'rows', G[2].length);
let total = 0;
for (const row of G) for (const b of row) total += b[0][0];
console.log('G corners', total);

// A helper puts a task's row into a block, then the block goes whole to a task: it holds the row, not its Future
// (rv76's r-helper-push).
function addRow(b: number[][]): void { b.push(rowOf(B, 7)); }
addRow(acc[1][0]);
console.log('with helper row', acc[1][0].length, blockSum(acc[1][0]));

// A task that reorders a level of blocks, then a block picked out of it goes to another task: the pick waits for the
// reordering (rv76's r-restructure-pick).
const L = [[block(5), block(6)], [block(7), block(8)]];
flipBlocks(L[0]);
console.log('picked after flip', blockSum(L[0][0]), blockSum(L[1][1]));
flipBlocks(L[1]);
const picked = L[1][0];                 // a name picked after the reordering: the block it put first
console.log('named after flip', blockSum(picked));
