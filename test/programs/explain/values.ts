// @ts-nocheck: a caller of tasks.js, for explain only
import { scale } from './tasks.js';

const arrays = [new Float64Array(2), new Float64Array(2)];
arrays.forEach(scale);
console.log(arrays.length);
