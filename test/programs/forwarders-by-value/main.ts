// A function that only returns a task's result, handed whole to `map` (`rows.map(localMean)`, `rows.map(meanOf)`
// imported), after the program changed an element: each call reads the element as it is now (tester np36's fwd4,
// fwd5: the second map read the rows from before `rows[0].push(100)`).
import { mean } from './kernels';
import { meanOf } from './lib';

function localMean(xs: number[]) { return mean(xs); }
const byArrow = (xs: number[]) => mean(xs);

const rows = [[1, 2, 3], [10]];
console.log(rows.map(localMean), rows.map(meanOf), rows.map(byArrow));
rows[0].push(100);
console.log(rows.map(localMean));
rows[1][0] = 20;
console.log(rows.map(meanOf));
rows[0].length = 1;
console.log(rows.map(byArrow), rows.map((r) => meanOf(r)));
