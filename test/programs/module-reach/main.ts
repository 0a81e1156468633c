// Module state a task reads only through the code it calls, through a default value or through a namespace import,
// and process.env: the program's changes before a call reach the task, as they did the plain call (tester's m01,
// m02, m03, m06).
import * as K from './kernels';
import { counted, scaled, mode, derived, ACC, FROZEN } from './kernels';
import { LIMITS } from './config';

console.log('before', counted(), scaled(3), mode());
K.WEIGHTS.push(3);
K.CONFIG.scale = 3;
LIMITS.high = 100;
process.env.TASKIFY_FIXTURE_MODE = 'fast';
console.log('after', counted(), scaled(3), scaled(30), scaled(30, 1), mode());
// A loop that changes module state before each call: the calls are not submitted ahead of the changes.
for (let i = 0; i < 3; i++) { K.CONFIG.scale = i; console.log('loop', scaled(5)); }
ACC.base = 50;
FROZEN.inner.k = 5;
console.log('derived', derived(1), ACC.doubled);
