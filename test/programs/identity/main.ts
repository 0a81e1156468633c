/**
 * Object identity and shared storage as ordinary code uses them: views of one buffer, an array next to its element,
 * a returned inout argument, aliases of nested objects, shared and cyclic objects, class instances, an error class
 * thrown after a partial write, holes. Each case prints a line; the plugin's build must print the same.
 */
import {
  addInto, BadInput, bump, copyInto, describePoint, fillThenThrow, keysAndLength, pairSame, partial, Point, ramp,
  scale, selfIs, setDeep, smooth, sum, type Cyclic, type Deep,
} from './kernels';

const show = (label: string, xs: ArrayLike<number>) => console.log(label, Array.from(xs).join(','));

function views(): void {
  // Overlapping views of one buffer in one call: each element sees the one written before it.
  const v = new Float64Array([1, 1, 1, 1, 1]);
  const ones = new Float64Array([1, 1, 1, 1]);
  addInto(v.subarray(1), v.subarray(0, 4), ones);
  show('overlapping views', v);
  console.log('overlapping views sum', sum(v));

  // A task writes a view of part of a buffer; the program reads the whole buffer.
  const w = new Float64Array([1, 2, 3, 4]);
  scale(w.subarray(2), 5);
  console.log('part written, whole read', sum(w));
  show('whole buffer', w);
}

function strips(): void {
  // Disjoint strips of one buffer, relaxed by tasks round after round.
  const n = 8;
  const count = 4;
  const grid = new Float64Array(n * count);
  for (let i = 0; i < grid.length; i++) grid[i] = (i * 7) % 11;
  for (let round = 0; round < 3; round++) {
    for (let s = 0; s < count; s++) smooth(grid.subarray(s * n, (s + 1) * n));
  }
  let checksum = 0;
  for (let i = 0; i < grid.length; i++) checksum += grid[i] * (i + 1);
  console.log('strips checksum', checksum.toFixed(6));
  console.log('strip edges', grid[0], grid[n - 1], grid[n], grid[grid.length - 1]);
}

function shared(): void {
  // An array and its element in one call.
  const arr = [new Float64Array([1, 2]), new Float64Array([3])];
  const seen = bump(arr, arr[0]);
  console.log('array and element', seen, arr[0][0]);

  // A task that returns its inout argument.
  const dst = new Float64Array(3);
  const src = new Float64Array([7, 8, 9]);
  const r = copyInto(dst, src);
  console.log('returned inout', r === dst, r[0]);
  show('destination', dst);

  // A nested object updated by a task while the caller holds an alias of it.
  const o: Deep = { inner: { values: new Float64Array([1, 2]) } };
  const inner = o.inner;
  setDeep(o);
  console.log('nested alias', inner.values[0], o.inner === inner, o.inner.values[0]);

  // One object twice, and a cycle.
  const a = { n: 1 };
  console.log('pair of one object', pairSame([a, a]));
  const pair: [object, object] = [a, a];
  console.log('pair variable', pairSame(pair));
  const c: Cyclic = { n: 2 };
  c.self = c;
  console.log('cycle', selfIs(c));
}

function classes(): void {
  const p = new Point(3, 4);
  console.log('point', describePoint(p));
  console.log('point after', p instanceof Point, p.norm());

  const bad = new Float64Array(4);
  try {
    fillThenThrow(bad, 2);
    console.log('not printed');
  } catch (e) {
    console.log('caught', e instanceof BadInput, (e as Error).message);
  }
  show('after catch', bad);

  // eslint-disable-next-line no-sparse-arrays
  const holes = [1, , 3];
  console.log('holes', keysAndLength(holes));
}

function parallel(): void {
  // Fresh local arrays, each updated by a task.
  const left = new Float64Array([1, 2, 3]);
  const right = new Float64Array([4, 5, 6]);
  scale(left, 2);
  scale(right, 3);
  console.log('locals', sum(left), sum(right));

  // Blocks filled and reduced by tasks, the partial results summed by the program.
  const chunks: Float64Array[] = [];
  for (let i = 0; i < 8; i++) chunks.push(new Float64Array(64));
  for (let i = 0; i < chunks.length; i++) ramp(chunks[i], i);
  const partials: number[] = [];
  for (let i = 0; i < chunks.length; i++) partials.push(partial(chunks[i]));
  console.log('partials', partials.join(','));
  console.log('total', partials.reduce((s, x) => s + x, 0));
}

views();
strips();
shared();
classes();
parallel();
