// `return out` of a function's own local, after tasks wrote it (through views too): the return waits for them, and the
// calls before it run as tasks (tester #25's r19: every fill ran in place, "`out` escapes"). A local a returned closure
// still names (`kept`) is returned after its last call too: the return waits, and the closure's read waits when called.
/** @task */
export function fill(v: Float64Array, p: number): void {
  let x = 0; for (let r = 0; r < 2e6; r++) x = (x + r * p) % 7;
  for (let i = 0; i < v.length; i++) v[i] += p + x * 0;
}
/** @task */
export function total(v: Float64Array): number { let s = 0; for (const x of v) s += x; return s; }

function make(n: number): Float64Array {
  const out = new Float64Array(4 * n);
  for (let p = 0; p < 4; p++) fill(out.subarray(p * n, (p + 1) * n), p + 1);
  const head = out.subarray(0, 2);
  fill(head, 10);
  return out;
}
function early(n: number, flag: boolean): Float64Array {
  const a = new Float64Array(n);
  fill(a, 1);
  if (flag) return a;
  fill(a, 2);
  [0, 1].forEach((k) => { a[k] += 100; });
  return a;
}
function kept(n: number): [Float64Array, () => number] {
  const b = new Float64Array(n);
  fill(b, 3);
  const peek = () => b[0];
  return [b, peek];
}
const m = make(3);
console.log(Array.from(m).join(','), total(m));
m[0] = -1;
console.log(total(m));
const e1 = early(3, true), e2 = early(3, false);
console.log(Array.from(e1).join(','), Array.from(e2).join(','));
const [b, peek] = kept(2);
fill(b, 1);
console.log(peek(), b[1]);
