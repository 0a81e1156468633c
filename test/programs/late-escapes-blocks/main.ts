// An object made anew by each run of a block, escaping after the last task call on it in that run (wrapped in the
// next generation's record, pushed to a list kept outside): each run's calls run in workers, and the escape sees
// what they wrote (np49's P1: a Game of Life's 40 band calls were direct).
import { Board, fill, stepBand } from './kernels';

const width = 32;
let board = new Board(Uint8Array.from({ length: width }, (_, i) => (i * 7) % 3 === 0 ? 1 : 0));
for (let g = 0; g < 5; g++) {
  const next = new Uint8Array(width);
  const alive = [0, 8, 16, 24].map((from) => stepBand(board, next.subarray(from, from + 8), from));
  board = new Board(next);
  console.log('gen', g, alive.join('+'), Array.from(board.cells).join(''));
}

// In a function called twice: each call's rows are its own.
const kept: number[][][] = [];
function round(v: number): void {
  const rows = [[1, 2], [3, 4]];
  for (const row of rows) fill(row, v);
  kept.push(rows);
}
round(10); round(20);
console.log('kept', JSON.stringify(kept));

// Not late: a name from outside the block shares the object, and the next pass's call reaches it again.
const stash: number[][] = [];
function keep(row: number[]): void { stash.push(row); }
let previous: number[] = [0];
for (let i = 0; i < 3; i++) {
  const row = i === 0 ? [1, 1] : previous;
  fill(row, i);
  keep(row);
  previous = row;
  stash[stash.length - 1][0] += 100;
  console.log('previous', previous.join(','));
}

// Not late: a loop inside the block calls again after the escape.
for (let i = 0; i < 2; i++) {
  const row = [i, i];
  for (let j = 0; j < 2; j++) { fill(row, 1); keep(row); stash[stash.length - 1][1] += 1000; }
}
console.log('stash', JSON.stringify(stash));
