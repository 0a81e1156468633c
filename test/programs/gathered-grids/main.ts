// Grids filled cell by cell with task values (`grid[i][j] = block(…)`): each cell is waited for where it is read, so
// the blocks of one anti-diagonal run side by side.
import { block, cell, checked, type Edge } from './kernels';

// (a) Numbers, rows pushed empty, walked by anti-diagonals.
const NB = 4;
const grid: number[][] = [];
for (let i = 0; i < NB; i++) grid.push([]);
for (let d = 0; d < 2 * NB - 1; d++) {
  for (let i = 0; i < NB; i++) {
    const j = d - i;
    if (j < 0 || j >= NB) continue;
    const top = i === 0 ? 0 : grid[i - 1][j];
    const left = j === 0 ? 0 : grid[i][j - 1];
    grid[i][j] = cell(top, left, d);
  }
}
const at = (i: number, j: number) => grid[i][j];
console.log('corner', grid[NB - 1][NB - 1], 'first row', at(0, 0), at(0, 1), 'rows', grid.length, grid[2].length);

// (b) Objects, rows made with `new Array(n)`; the program changes a block's edge before a later round reads it.
const S = 'ACGTTGCA'.repeat(40), T = 'TGCAACGT'.repeat(40), BS = 80, NE = 4;
const edges: Edge[][] = Array.from({ length: NE }, () => new Array<Edge>(NE));
for (let d = 0; d < 2 * NE - 1; d++) {
  for (let i = 0; i < NE; i++) {
    const j = d - i;
    if (j < 0 || j >= NE) continue;
    const top = i === 0 ? new Int32Array(BS) : edges[i - 1][j].bottom;
    const left = j === 0 ? new Int32Array(BS) : edges[i][j - 1].right;
    const corner = i === 0 || j === 0 ? 0 : edges[i - 1][j - 1].corner;
    edges[i][j] = block(S.slice(i * BS, (i + 1) * BS), T.slice(j * BS, (j + 1) * BS), top, left, corner);
  }
}
console.log('LCS', edges[NE - 1][NE - 1].corner, 'sample', Array.from(edges[NE - 1][0].bottom.slice(0, 5)).join(','));
edges[0][0].bottom.fill(0);
edges[0][1] = block(S.slice(0, BS), T.slice(BS, 2 * BS), edges[0][0].bottom, new Int32Array(BS), 0);
console.log('again', edges[0][1].corner);

// (e) Rows written in the literal.
const pair: number[][] = [[], []];
for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) pair[i][j] = cell(i, j, 2);
console.log('pair', pair[1][1] - pair[0][0]);

// (c) A grid printed whole after the sweep: every cell waited for at the print.
const shown: number[][] = [[], []];
for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) shown[i][j] = cell(i, j, 1);
console.log(JSON.stringify(shown));

// (f) Printed whole inside the sweep, after each diagonal: the next diagonal's stores follow the print, so each call
// is waited for where it stands.
const rounds: number[][] = [[], []];
for (let d = 0; d < 3; d++) {
  for (let i = 0; i < 2; i++) {
    const j = d - i;
    if (j >= 0 && j < 2) rounds[i][j] = cell(i, j, d);
  }
  console.log('round', d, JSON.stringify(rounds));
}

// (g) A grid local to a function, read row by row after the sweep and returned whole (Smith-Waterman's ending).
function score(n: number): { best: number; table: number[][] } {
  const table: number[][] = Array.from({ length: n }, () => []);
  for (let d = 0; d < 2 * n - 1; d++) {
    for (let i = 0; i < n; i++) {
      const j = d - i;
      if (j < 0 || j >= n) continue;
      table[i][j] = cell(i ? table[i - 1][j] : 0, j ? table[i][j - 1] : 0, 3);
    }
  }
  let best = 0;
  for (const row of table) best = Math.max(best, ...row);
  const firstRow = table[0];
  return { best, table: [firstRow, ...table.slice(1)] };
}
const scored = score(3);
console.log('best', scored.best, scored.table.map((r) => r.join(' ')).join(' / '));

// (h) Used whole by a closure: it could run before a later store, so each call is waited for where it stands.
const late: number[][] = [[]];
const showLate = () => console.log('late', late[0].join(','));
late[0][0] = cell(0, 0, 4);
showLate();
late[0][1] = cell(0, 1, 4);
showLate();

// (i) Object cells changed through a row after the sweep; a later task takes the changed block.
const blocks: Edge[][] = [[], []];
for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) blocks[i][j] = block('ACGT', 'TGCA', new Int32Array(4), new Int32Array(4), i + j);
for (const row of blocks) for (const b of row) b.bottom[0] += 100;
const again = block('ACGT', 'ACGT', blocks[1][1].bottom, blocks[0][1].right, blocks[1][0].corner);
console.log('changed', Array.from(blocks[1][1].bottom).join(','), again.corner, Array.from(again.bottom).join(','));

// (j) A failing cell, the grid printed whole in the catch: as in the plain program, the cells before the failure.
try {
  const partial: number[][] = [[], []];
  try {
    partial[0][0] = checked(1);
    partial[0][1] = checked(-2);
    partial[1][0] = checked(5);
  } catch (e) {
    console.log('caught', (e as Error).message, JSON.stringify(partial));
  }
  console.log('after', JSON.stringify(partial));
} catch (e) {
  console.log('outer', (e as Error).message);
}

// (d) A cell whose task fails: the plain call threw at once, out of the inner try.
try {
  const marks: number[][] = [[], []];
  marks[0][0] = checked(2);
  marks[0][1] = checked(-1);
  marks[1][0] = checked(3);
  try {
    console.log('inner', marks[0][0], marks[0][1]);
  } catch (e) {
    console.log('inner catch', (e as Error).message);
  }
} catch (e) {
  console.log('outer catch', (e as Error).message);
}

// (k) Row by row, each cell given straight to the next block's call: the calls take the cells' Futures, so every block
// is submitted at once and the task graph runs the wavefront (np70's min-wavefront-num waited for each cell).
const rows: number[][] = [];
for (let i = 0; i < 3; i++) {
  rows.push([]);
  for (let j = 0; j < 3; j++) rows[i][j] = cell(i > 0 ? rows[i - 1][j] : 1, j > 0 ? rows[i][j - 1] : 1, 5);
}
console.log('rows', JSON.stringify(rows));

// (l) Cells updated after the sweep (`g[1][1] += 100`): uses of the grid whole, not stores: it still gathers (rv73's
// r-grid-misc took the update for a store after itself).
const upd: number[][] = [[], []];
for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) upd[i][j] = cell(i, j, 6);
upd[1][1] += 100;
upd[0][0]++;
console.log('updated', JSON.stringify(upd));
