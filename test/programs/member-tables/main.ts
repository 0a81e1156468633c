// Tasks called through an object literal of functions (tester #13's s07): a table nothing changes names its tasks,
// so its calls are task calls; a table the program changes, here or in another module, keeps plain calls (explain says so).
import { square, cube, fill } from './kernels';

const ops = { square } as const;
console.log('shorthand', [1, 2, 3].map((x) => ops.square(x)));
const named = { sq: square, cb: cube, fill };
console.log('renamed', named.sq(4), named.cb(2));
const data = [0, 0, 0];
named.fill(data, 7);
console.log('written', data.join(','));

// Changed by the program: the call must run cube, as the plain program does.
const swapped = { square };
swapped.square = cube;
console.log('swapped', swapped.square(3));
const mutable: { f: (x: number) => number } = { f: square };
mutable.f = cube;
console.log('typed slot', mutable.f(3));
const table: Record<string, (x: number) => number> = { square, cube };
for (const k of ['square', 'cube']) console.log('by key', k, table[k](5));
// Exported: a task call while no module of the program changes it.
export const shared = { square };
console.log('exported', shared.square(6));
