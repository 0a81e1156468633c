// Objects spread into a rest parameter a task only reads: each copied at the call, as one named there would be.
import { bumpAll, maxOf, smoothed } from './kernels';

const parts = [1, 2, 3].map((k) => new Float64Array(60000).fill(k));
const first = maxOf(...parts);
parts[0]!.fill(9); // after the call: the task saw 3 as the largest
console.log('first', first, 'again', maxOf(...parts), 'two', maxOf(parts[1]!, parts[2]!));

// Task results, still running, spread into the next call: it depends on them without waiting here.
const made = [3, 5, 7].map((k) => smoothed(40000, k));
console.log('made', maxOf(...made).toFixed(4));

// A Set and a slice spread in; and a task writing its rest parameter stays a direct call.
console.log('set', maxOf(...new Set(parts)), 'slice', maxOf(...parts.slice(1)));
bumpAll(1, ...parts);
console.log('bumped', parts.map((p) => p[0]).join(' '), maxOf(...parts));
