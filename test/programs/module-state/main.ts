import { NAMES, OPTIONS, RATES, SCALE } from './config';
import { describe, LIMITS, scaled, total } from './kernels';

const results: number[] = [];
results.push(total([1, 1, 1]));
RATES[0] = 10;
results.push(total([1, 1, 1]));
RATES.push(4);
RATES[3] = 100;
results.push(total([1, 1, 1, 1]));
console.log('total', results.join(','));

const v = new Float64Array([1, 2, 3]);
const before = scaled(v);
SCALE[1] = 5;
const after = scaled(v);
console.log('scaled', before.join(','), after.join(','));

const first = describe([1, 2]);
NAMES.set(2, 'two');
OPTIONS.label = 'changed';
OPTIONS.weights[0] = 7;
LIMITS.high = 99;
const second = describe([1, 2]);
NAMES.delete(1);
const third = describe([1, 2]);
console.log(first);
console.log(second);
console.log(third);
