/**
 * Shapes that printed something else than the plain build (issue 15): for…of over a task's result, a view taken after
 * a submission, shorthand properties, a view next to its base in one call, an async function reading its parameter
 * after an await, reading an object after catching its task's error.
 */
import { ranges, scale, transpose, weighted, fail, sum, add } from './kernels';

function one(): void {
  for (const [lo, hi] of ranges(3)) console.log('range', lo, hi);
}
function two(): void {
  const v = new Float64Array([1, 2, 3, 4]);
  scale(v, 2);
  const w = v.subarray(0, 2);
  scale(v, 3);
  console.log('view', w[0], w[1]);
}
function three(): void {
  const a = new Float64Array([1, 2]);
  const holder = { a };
  scale(a, 5);
  console.log('holder', holder.a[0]);
  const r = sum(a);
  console.log(JSON.stringify({ r }));
}
function four(): void {
  const m = new Float64Array([1, 2, 3, 4]);
  transpose(m, m.subarray(0));
  console.log('transpose', Array.from(m).join(','));
}
function five(): void {
  console.log('weighted', weighted([1, 1, 1]));
}
async function six(v: Float64Array): Promise<void> {
  scale(v, 2);
  await Promise.resolve();
  console.log('async', v[0]);
  scale(v, 3);
  await new Promise((r) => setTimeout(r, 10));
  console.log('async2', v[0]);
}
function seven(): void {
  const v = new Float64Array([1, 2]);
  try { fail(v); } catch (e) { console.log('caught', (e as Error).message); }
  console.log('after', v[0], v[1]);
}
function eight(): void {
  // The result is dropped: each call is a task, and the caller's `outs[i]` receives the sum.
  const a = new Float64Array([1, 2, 3]);
  const b = new Float64Array([10, 20, 30]);
  const sum1 = new Float64Array(3);
  const sum2 = new Float64Array(3);
  add(sum1, a, b);
  add(sum2, b, b);
  console.log('sums', sum1.join(','), sum2.join(','));
  // The result is kept: a second name for `c`, so the call stays direct.
  const c = new Float64Array(3);
  const same = add(c, a, a);
  scale(c, 2);
  console.log('same', same === c, same.join(','));
}
one(); two(); three(); four(); five(); eight();
six(new Float64Array([1])).then(() => seven());
