/**
 * Shapes that printed something else than the plain build (issue 15): for…of over a task's result, a view taken after
 * a submission, shorthand properties, a view next to its base in one call, an async function reading its parameter
 * after an await, reading an object after catching its task's error.
 */
import { ranges, scale, transpose, weighted, fail, sum, add, smooth, type Grid } from './kernels';

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
function nine(): void {
  // A second name made in plain sight: its uses wait like the object's own.
  const a = new Float64Array([1, 2, 3]);
  const view = a;
  scale(a, 2);
  scale(view, 3);
  console.log('view', view[0], a[1]);
}
function ten(): void {
  // A loop over a literal of objects: the loop variable is each of them.
  const A = new Float64Array([1, 2]), B = new Float64Array([3, 4]), C = new Float64Array([5, 6]);
  for (const m of [A, B, C]) scale(m, 2);
  console.log('literal', A[0], B[1], C[0]);
}
function eleven(): void {
  // A copy is a read of its source, and a fresh object of its own.
  const s = new Float64Array([1, 2, 3]);
  const c = new Float64Array(s);
  scale(s, 2);
  scale(c, 5);
  console.log('copy', c[0], s[0]);
}
function twelve(): void {
  // A view passed as inout, then its base: the view's writes land in the base's bytes.
  const m = new Float64Array([1, 2, 3, 4]);
  const top = m.subarray(0, 2);
  scale(top, 10);
  scale(m, 2);
  scale(m.subarray(2), 3);
  console.log('strip', top[0], top[1], m[0], m[2], m[3]);
  // A buffer's second view: not followed (the buffer has other names), the call stays direct and prints the same.
  const buffer = new ArrayBuffer(32);
  const whole = new Float64Array(buffer);
  whole.set([1, 2, 3, 4]);
  const half = new Float64Array(buffer, 16, 2);
  scale(whole, 2);
  console.log('buffer', half[0], whole[3]);
}
function thirteen(): void {
  // Bands of one image written through inline views, then read through a kept view and views used at once.
  const width = 4, bands = 4;
  const image = new Float64Array(width * bands).fill(1);
  for (let b = 0; b < bands; b++) scale(image.subarray(b * width, (b + 1) * width), b + 2);
  const sums: number[] = [];
  for (let b = 0; b < bands; b++) sums.push(sum(image.subarray(b * width, (b + 1) * width)));
  const middle = image.subarray(width, 3 * width);
  scale(middle, 10);
  console.log('bands', sums.join(','), Array.from(middle.subarray(0, 3)).join(','), image.subarray(4 * width - 2)[1], image[width]);
  image.subarray(0, 2).fill(-1);
  console.log('image', sum(image), image.join(' '));
}
function fourteen(): void {
  // Ping-pong buffers: names rebound to one another, through a temporary, a destructuring swap, and `x = next`.
  const a = new Float64Array([1, 2, 3]);
  const b = new Float64Array(3);
  let cur = a, next = b;
  for (let step = 0; step < 4; step++) {
    add(next, cur, cur);
    const t = cur; cur = next; next = t;
  }
  console.log('ping-pong', Array.from(cur).join(','), a === cur, a[0], b[0]);
  let p = new Float64Array([1, 1]), q = new Float64Array(2);
  for (let step = 0; step < 3; step++) {
    add(q, p, p);
    [p, q] = [q, p];
  }
  p[0] = 100;
  add(q, p, p);
  console.log('swap', p.join(','), q.join(','));
  let x = new Float64Array([2, 4]);
  for (let step = 0; step < 3; step++) {
    const fresh = new Float64Array(2);
    add(fresh, x, x);
    x = fresh;
  }
  console.log('rebind', x.join(','), sum(x));
}
function fifteen(): void {
  // Parts taken by property: a second name for the grid's data, and for its meta, read and written after tasks.
  const grid: Grid = { width: 6, data: new Float64Array([0, 0, 6, 0, 0, 0]), meta: { passes: 0 } };
  const data = grid.data;
  const meta = grid.meta;
  smooth(grid);
  console.log('part', data[1].toFixed(3), data === grid.data, meta.passes);
  meta.passes += 10;
  smooth(grid);
  console.log('parts', Array.from(grid.data).map((x) => x.toFixed(3)).join(','), grid.meta.passes, grid.data.join(' ').length);
}
one(); two(); three(); four(); five(); eight(); nine(); ten(); eleven(); twelve(); thirteen(); fourteen(); fifteen();
six(new Float64Array([1])).then(() => seven());

function sixteen(flag: boolean): void {
  // A choice between names: the variable is one of them, and its uses wait like theirs.
  const a = new Float64Array([1, 2]);
  const b = new Float64Array([3, 4]);
  const x = flag ? a : b;
  const y = (flag ? undefined : a) ?? b;
  scale(a, 10);
  scale(b, 10);
  console.log('choice', flag, x[0], y[1]);
}
sixteen(true);
sixteen(false);

function seventeen(): void {
  // A number taken from the object (its length) is no second name: the call on the object stays a task.
  const a = new Float64Array([1, 2, 3]);
  const n = a.length;
  scale(a, 2);
  console.log('length', n * 0.5, a[0], n + 1);
}
seventeen();
