// Shapes from programs written outside the repository, each once printed stale values or ran in this thread.
import { createBlock, inc, multiply, relax, step, upd } from './kernels';

// Sibling blocks of one container passed together: neither is a part of the other.
const M: number[][][][] = [];
for (let i = 0; i < 2; i++) { M.push([]); for (let j = 0; j < 2; j++) M[i].push([[i + j], [i * j]]); }
for (let i = 0; i < 2; i++) upd(M[i][0], M[i][1]);
console.log('siblings', JSON.stringify(M));

// An element chosen by a condition (`i > 0 ? H[i - 1] : null`): the value may be the element, read by the task.
const H: Int32Array[] = [new Int32Array(3), new Int32Array(3), new Int32Array(3)];
for (let i = 0; i < 3; i++) step(H[i], i > 0 ? H[i - 1] : null);
console.log('chosen', H.map((h) => h.join(' ')).join(' | '));
const first = H[0];
step(first, H.length > 5 ? null : H[2] ?? null);
console.log('chosen again', first.join(' '), H[0] === first);

// A task's new block, filled by a method that returns it, put in a container's slot.
const A: Float64Array[] = [], C: Float64Array[] = [];
for (let i = 0; i < 3; i++) { A[i] = createBlock(4, i); C[i] = createBlock(4, 9).fill(0); }
for (let i = 0; i < 3; i++) multiply(A[i], A[(i + 1) % 3], C[i]);
console.log('placed', C.map((c) => c.join(' ')).join(' | '));

// Made a string by the built-in toString: a read.
const a = [1, 2, 3];
inc(a);
console.log(`template ${a}`, 'concat ' + a);
inc(a);
console.log(`again ${a}`);

// Containers swapped as ping-pong buffers (`const t = cur; cur = nxt; nxt = t`): one family between the names.
let cur: Float64Array[] = [], nxt: Float64Array[] = [];
for (let s = 0; s < 3; s++) { cur.push(new Float64Array(4).fill(s === 1 ? 9 : 0)); nxt.push(new Float64Array(4)); }
for (let round = 0; round < 3; round++) {
  for (let s = 0; s < 3; s++) relax(nxt[s], cur[s], s > 0 ? cur[s - 1] : null, s < 2 ? cur[s + 1] : null);
  const t = cur; cur = nxt; nxt = t;
  console.log('round', round, cur.map((strip) => strip.reduce((a, b) => a + b, 0).toFixed(4)).join(' '));
}
