// A task returning a view of its typed-array argument: the caller's view shares the argument's buffer, as in the
// plain program (tester #14's F1), whether the program or a later task writes through it or through the argument.
import { firstHalf, tail, headOf, scale, total, whole } from './kernels';

const v = new Float64Array([1, 2, 3, 4]);
const h = firstHalf(v);
h[0] = 100;
console.log('view', v[0], h.buffer === v.buffer, h.length, h.byteOffset);
console.log('task reads the change', total(v));

const w = new Float64Array([1, 2, 3, 4]);
const hw = firstHalf(w);
scale(w, 2);
console.log('task wrote the argument', hw[0], hw[1]);

const t = tail(v);
t[1] = -3;
console.log('buffer view', t.byteOffset, t[0], v[2], t.buffer === v.buffer);

const big = new Float64Array([0, 1, 2, 3, 4, 5]);
const part = big.subarray(2, 6);
const r = firstHalf(part);
r[0] = -1;
console.log('view of a view', big[2], r.byteOffset, r.buffer === big.buffer);

const ints = new Int32Array([7, 8]);
const held = headOf(ints, 3);
held.head[0] = 70;
console.log('held view', ints[0], held.n, held.head.buffer === ints.buffer);

// A task reaching `.buffer` of a view into a larger buffer sees that buffer (it runs in place); a whole array travels.
console.log('buffer of a part', whole(new Float64Array([0, 1, 2, 3, 4, 5]).subarray(2, 4)));
console.log('buffer of a whole', whole(new Float64Array([7, 8])));
