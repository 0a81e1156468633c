// Task output inside the program's console.group: indented as the plain call's lines were.
import { analyze, closes, opens, rawWrites } from './kernels';

const sets: Record<string, number[]> = { alpha: [1, 2, 3], beta: [10, 20], gamma: [7] };
console.group('Analysis');
const means = Object.keys(sets).map((k) => analyze(k, sets[k]));
console.group('Nested');
console.log('count', means.length);
analyze('extra', [4, 4]);
console.groupEnd();
analyze('after nested', [1]);
console.groupEnd();
analyze('outside', [2]);
console.log('overall', means.reduce((a, b) => a + b, 0).toFixed(3));

console.group('Raw');
const r = rawWrites('a', 1);
console.group('Deeper');
console.log('raw results', r, rawWrites('b', 2));
console.groupEnd();
console.groupEnd();
rawWrites('outside', 3);

console.log(opens(1));
console.log('main after open');
console.log(analyze('in the task\'s group', [5]));
console.log(closes(2));
console.log('main after close');
