// A function's parameter given to tasks that only read it, from a callback that runs the call many times: the calls
// are submitted together (np63's min-lambda-map-direct3 kept them all in this thread, "its one task would run alone").
import { look, bump } from './kernels';

// (a) mapped, joined by the caller.
function parts(v: Float64Array): number[] { return [1, 2, 3, 4].map((k) => look(v, k)); }
const a = new Float64Array(60000).fill(1);
console.log('a', parts(a).join(','));

// (b) mapped and reduced in the function.
function total(v: Float64Array): number { return [1, 2, 3].map((k) => look(v, k)).reduce((s, x) => s + x, 0); }
console.log('b', total(a));

// (c) the caller changes the array between calls: each call reads it as it is then.
a[0] = 100;
console.log('c', parts(a).join(','));

// (d) a callback whose task writes the parameter: the calls write one after another, and the caller sees every write.
function bumped(v: Float64Array): number[] { return [1, 2, 3].map((k) => bump(v, k)); }
console.log('e', bumped(a).join(','), a[1]);
