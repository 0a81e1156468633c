import { spread } from './kernels';
// A level of a container next to one of its own rows: the worker would get two copies of one object.
const grid = [new Float64Array(2), new Float64Array(2)];
spread(grid, grid[0], 1);
// Rows of two containers, and a row next to a sibling's level: nothing of one inside the other.
const other = [new Float64Array(2), new Float64Array(2)];
spread(other, grid[1], 2);
console.log(grid[0][0], grid[1][0], other[0][0]);
