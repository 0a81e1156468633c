// Grids mapped row by row to task calls (`grid.map((row) => row.map((c) => weigh(c)))`): each inner array is an
// element the outer map makes, so the whole nest is waited for where the outermost map stands, once every call is
// submitted (tester np42's P1: waited for as each row's callback returned, the rows ran one after another).
import { checked, hit, score, weigh, type Cell } from './kernels';

const grid = [[1, 2], [3], [4, 5, 6]];
const weights = grid.map((row) => row.map((c) => weigh(c)));
console.log(JSON.stringify(weights));

// Straight into a print, three levels deep, and by Array.from.
console.log(JSON.stringify(grid.map((row) => row.map((c) => weigh(c + 1)))));
const cube = [[[1, 2], [3]], [[4]]];
console.log(JSON.stringify(cube.map((plane) => plane.map((row) => row.map((c) => weigh(c * 2))))));
console.log(JSON.stringify(Array.from({ length: 2 }, (_, i) => Array.from({ length: 3 }, (_, j) => weigh(i * 3 + j)))));

// Cells an inout task changes: the values, then the cells themselves, as the plain program left them.
const cells: Cell[][] = [[{ v: 1, hits: 0 }, { v: 2, hits: 0 }], [{ v: 3, hits: 0 }]];
const counts = cells.map((row) => row.map((c) => hit(c)));
const again = cells.map((row) => row.map((c) => hit(c)));
console.log(JSON.stringify(counts), JSON.stringify(again), JSON.stringify(cells));
const scores = cells.map((row) => row.map((c) => score(c)));
console.log(scores.map((row) => row.join('+')).join(' | '));

// One cell in two rows, read by the inner callback before its call: the second row sees the first row's task (the
// fence planner never looked inside an inner callback of a concise arrow: it printed [[1,2],[2]] 2).
const shared: Cell = { v: 1, hits: 0 };
const twice: Cell[][] = [[shared, { v: 2, hits: 0 }], [shared]];
const once = twice.map((row) => row.map((c) => (c.hits > 0 ? -1 : hit(c))));
console.log(JSON.stringify(once), shared.hits);

// A block body computes before its inner map: kept waiting per row, still the plain values.
console.log(JSON.stringify(grid.map((row) => { const k = row.length; return row.map((c) => weigh(c * k)); })));

// A failing call in the nest: the error the plain program meets, and nothing printed of the nest.
try {
  console.log(JSON.stringify([[1, 2], [-3, 4]].map((row) => row.map((c) => checked(c)))));
} catch (e) {
  console.log('caught', (e as Error).name, (e as Error).message);
}

function table(rows: number[][]) { return rows.map((row) => row.map((c) => weigh(c + 7))); }
console.log(table(grid).flat().join(','));
