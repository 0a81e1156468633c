// Shapes from the second outside-style review: iterations through functions, names the plan must know of.
import doubled, { bump, bumpRet, createBlock, negate, scale } from './kernels';
import { shared } from './data';

// A named callback, and a callback handed to a helper with the array it writes.
const xs = [1, 2];
let s = 0;
const visit = (x: number) => { bump(xs, 1); s += x; };
xs.forEach(visit);
function each(arr: number[], fn: (x: number) => void) { for (const x of arr) fn(x); }
const ys = [1, 2];
let t = 0;
each(ys, (y) => { bump(ys, 2); t += y; });
console.log('callbacks', s, t);

// A helper writing its parameter, called in a loop over the same array; two parameters that are one array.
function helper(p: number[]) { bump(p, 1); }
const zs = [1, 2];
let u = 0;
for (const z of zs) { helper(zs); u += z; }
function walk2(p: number[], q: number[]): number { let sum = 0; for (const x of q) { bump(p, 2); sum += x; } return sum; }
const b = [1, 2, 3];
console.log('helpers', u, zs.join(','), walk2(b, b));

// An element walked under another name than the one the task writes.
const grid = [new Float64Array([1, 2, 3])];
const row = grid[0];
let w = 0;
for (const v of row) { scale(grid[0], -1); w += v; }
console.log('element alias', w);

// What a task returns is its argument: iterating it while a task writes the argument.
const ws = [1, 2];
const same = bumpRet(ws, 1);
let r = 0;
for (const v of same) { bump(ws, 1); r += v; }
console.log('returned', r);

// A Future's value under another name, made by a method returning it.
const f = createBlock(2, 1);
const g = f.fill(2);
negate(f);
console.log('filled', g[0], f[1]);

// A type query names no object; a default-exported task; a variable another module imports.
const a = new Float64Array([1, 2, 3]);
let typed: typeof a = a;
doubled(a);
scale(typed, 2);
console.log('typed', a.join(' '), 'shared', shared[0]);
