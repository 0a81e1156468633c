// A record parameter beside a followed one (the caller may make it hold that object): its function's calls are tasks
// when no task there writes a followed parameter and the function neither writes nor lets the record out; any
// write through it, a helper's or a task's, keeps them direct (tester #10's s01, sparse matrix-vector products).
import { sum, scale } from './kernels';
interface Box { v: Float64Array; n: number }
function reads(A: Box, x: Float64Array): number[] { const out: number[] = []; for (let i = 0; i < 3; i++) out.push(sum(x, i), sum(A.v, i)); return out; }
function writesThrough(A: Box, x: Float64Array): number[] { const r1 = sum(x, 0); A.v[0] = 100; const r2 = sum(x, 0); return [r1, r2]; }
function poke(b: Box) { b.v[1] = 50; }
function viaHelper(A: Box, x: Float64Array): number[] { const r1 = sum(x, 0); poke(A); const r2 = sum(x, 0); return [r1, r2]; }
function taskWrites(A: Box, x: Float64Array): number[] { const r1 = sum(x, 0); scale(x, 2); const r2 = A.v[0]; return [r1, r2, sum(A.v, 0)]; }
function partWritten(A: Box, x: Float64Array): number[] { const r1 = sum(x, 0); scale(A.v, 3); return [r1, x[0], sum(x, 0)]; }
const xs = new Float64Array([1, 2, 3, 4]);
console.log(reads({ v: xs, n: 1 }, xs).join(','));
console.log(writesThrough({ v: xs, n: 1 }, xs).join(','));
console.log(viaHelper({ v: xs, n: 1 }, xs).join(','));
console.log(taskWrites({ v: xs, n: 1 }, xs).join(','));
console.log(partWritten({ v: xs, n: 1 }, xs).join(','));
const ys = new Float64Array([5, 6]);
console.log(reads({ v: new Float64Array([9]), n: 1 }, ys).join(','), xs.join(','));
// A caller passing a record with a getter that writes the followed object: reading `cfg.n` runs it (helper-54's m02).
function withGetter(x: Float64Array, cfg: { n: number }): number[] { const a = sum(x, 0); const k = cfg.n; const b = sum(x, 0); return [a, b, k]; }
const zs = new Float64Array([1, 2]);
console.log(withGetter(zs, { get n() { zs[1] = 100; return 1; } }).join(','));
