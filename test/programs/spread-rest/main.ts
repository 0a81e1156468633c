// Arrays of numbers or strings spread into a task's rest parameter: each call is a task (it stayed direct as "a spread
// argument"), and an array a task wrote is waited for before it is spread.
import { sum, label, mean, double } from './kernels';
const rows = [[1, 2, 3], [4, 5], [], [6]];
const sums = rows.map((r) => sum(...r));
const names = ['x', 'y'];
console.log(sums.join(','), label('p', ...names), label('q'), mean(2, ...rows[0], 10), mean(1));
const tuple: [number, number] = [3, 4];
const buf = new Float64Array([1.5, 2.5]);
console.log(sum(...tuple, 5), sum(1, ...buf));
const r = [1, 2, 3];
double(r);
const s = sum(...r);
double(r);
console.log(s, sum(...r), r.join(','));
const parts = [[5, 6], [7]];
for (const p of parts) double(p);
console.log(parts.map((p) => sum(...p)).join(','), sum(...parts[0], ...parts[1]));
