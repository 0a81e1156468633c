/**
 * Task calls keep object identity exactly like plain calls. Each test builds fresh inputs, runs the plain program
 * (the functions called directly) and the task program (the same functions as tasks), and requires the task program
 * to print what the plain program prints. Expected literals are checked against the plain program only.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { barrier, defineTask, shutdown, submit, task, waitAll, waitOn } from '../runtime';
import * as F from './fixtures/identity-tasks';
import { both, throwsMatching } from './helpers';

const mod = join(__dirname, 'fixtures', 'identity-tasks.js');
const addInto = task<typeof F.addInto>(mod, 'addInto', ['inout', 'in', 'in']);
const sum = task<typeof F.sum>(mod, 'sum', ['in']);
const scale = task<typeof F.scale>(mod, 'scale', ['inout', 'in']);
const firstIs = task<typeof F.firstIs>(mod, 'firstIs', ['in', 'in']);
const bump = task<typeof F.bump>(mod, 'bump', ['inout', 'inout']);
const bumpBoth = task<typeof F.bumpBoth>(mod, 'bumpBoth', ['inout', 'inout']);
const sameView = task<typeof F.sameView>(mod, 'sameView', ['in', 'in']);
const pairSame = task<typeof F.pairSame>(mod, 'pairSame', ['in']);
const mapSame = task<typeof F.mapSame>(mod, 'mapSame', ['in']);
const selfIs = task<typeof F.selfIs>(mod, 'selfIs', ['in']);
const tagCycle = task<typeof F.tagCycle>(mod, 'tagCycle', ['inout']);
const copy = task<typeof F.copy>(mod, 'copy', ['inout', 'in']);
const setDeep = task<typeof F.setDeep>(mod, 'setDeep', ['inout']);
const failAfter = task<typeof F.failAfter>(mod, 'failAfter', ['inout']);
const keysAndLength = task<typeof F.keysAndLength>(mod, 'keysAndLength', ['in']);
const readX = task<typeof F.readX>(mod, 'readX', ['in']);
const addId = task<typeof F.addId>(mod, 'addId', ['inout', 'in']);
const packed = task<typeof F.packed>(mod, 'packed', ['in']);

/** The same tasks with named parameters, called through submit (the form the compiler plugin emits). */
const named = {
  addInto: defineTask(mod, 'addInto', [{ name: 'out', direction: 'inout' }, { name: 'a', direction: 'in' }, { name: 'b', direction: 'in' }]),
  sum: defineTask(mod, 'sum', [{ name: 'values', direction: 'in' }]),
  bump: defineTask(mod, 'bump', [{ name: 'arr', direction: 'inout' }, { name: 'a', direction: 'inout' }]),
  setDeep: defineTask(mod, 'setDeep', [{ name: 'o', direction: 'inout' }]),
  copy: defineTask(mod, 'copy', [{ name: 'dst', direction: 'inout' }, { name: 'src', direction: 'in' }]),
  readX: defineTask(mod, 'readX', [{ name: 'o', direction: 'in' }]),
};

test.after(() => shutdown());


const floats = (...xs: number[]) => () => new Float64Array(xs);

test('overlapping views: addInto(v.subarray(1), v.subarray(0, 4), ones), then sum(v)', () => {
  const make = () => ({ v: new Float64Array([1, 2, 3, 4, 5]), ones: new Float64Array(4).fill(1) });
  both(make,
    ({ v, ones }) => { F.addInto(v.subarray(1), v.subarray(0, 4), ones); return [Array.from(v), F.sum(v)]; },
    ({ v, ones }) => { addInto(v.subarray(1), v.subarray(0, 4), ones); return [Array.from(waitOn(v)), sum(v).wait()]; },
    [[1, 2, 3, 4, 5], 15]);
});

test('overlapping views where the order of reads and writes shows: each element sees the one written before it', () => {
  const make = () => ({ v: new Float64Array([1, 1, 1, 1, 1]), ones: new Float64Array(4).fill(1) });
  both(make,
    ({ v, ones }) => { F.addInto(v.subarray(1), v.subarray(0, 4), ones); return v; },
    ({ v, ones }) => { addInto(v.subarray(1), v.subarray(0, 4), ones); return waitOn(v); },
    [1, 2, 3, 4, 5]);
});

test('an element passed beside its array: firstIs(arr, arr[0])', () => {
  const run = (arr: object[]) => F.firstIs(arr, arr[0]);
  const viaTask = (arr: object[]) => firstIs(arr, arr[0]).wait();
  both(() => [new Float64Array(2), new Float64Array(2)], run, viaTask, true);
  both(() => [{ k: 1 }, { k: 1 }], run, viaTask, true);
});

test('an inout element beside its inout array: bump(arr, arr[0]) reads its own write through arr', () => {
  both(() => [new Float64Array([1, 2])],
    (arr) => { const a = arr[0]; const r = F.bump(arr, a); return [r, arr[0][0], arr[0] === a, a[0]]; },
    (arr) => { const a = arr[0]; const r = bump(arr, a).wait(); waitOn(arr); return [r, arr[0][0], arr[0] === a, a[0]]; },
    [101, 101, true, 101]);
});

test('two equal views of one buffer, both inout: bumpBoth(v.subarray(0, 2), v.subarray(0, 2))', () => {
  both(floats(0, 0, 0),
    (v) => { F.bumpBoth(v.subarray(0, 2), v.subarray(0, 2)); return v; },
    (v) => { bumpBoth(v.subarray(0, 2), v.subarray(0, 2)); return waitOn(v); },
    [11, 0, 0]);
});

test('one view object passed twice, inout: bumpBoth(s, s)', () => {
  both(floats(0, 0, 0),
    (v) => { const s = v.subarray(0, 2); F.bumpBoth(s, s); return [v, s]; },
    (v) => { const s = v.subarray(0, 2); bumpBoth(s, s); return [waitOn(v), waitOn(s)]; },
    [[11, 0, 0], [11, 0]]);
});

test('sameView(s, s) is true; two distinct views of the same elements are not the same object', () => {
  both(floats(1, 2, 3),
    (v) => { const s = v.subarray(0, 2); return [F.sameView(s, s), F.sameView(v.subarray(0, 2), v.subarray(0, 2))]; },
    (v) => { const s = v.subarray(0, 2); return [sameView(s, s).wait(), sameView(v.subarray(0, 2), v.subarray(0, 2)).wait()]; },
    [true, false]);
});

test('one object twice in an array: pairSame([a, a])', () => {
  both(() => { const a = { k: 1 }; return [a, a] as const; }, (pair) => F.pairSame(pair), (pair) => pairSame(pair).wait(), true);
  both(() => { const t = new Float64Array(2); return [t, t] as const; }, (pair) => F.pairSame(pair), (pair) => pairSame(pair).wait(), true);
  both(() => [{ k: 1 }, { k: 1 }] as const, (pair) => F.pairSame(pair), (pair) => pairSame(pair).wait(), false);
});

test('one object under two keys of a Map: mapSame(m)', () => {
  both(() => { const o = { k: 1 }; return new Map([['x', o], ['y', o]]); }, (m) => F.mapSame(m), (m) => mapSame(m).wait(), true);
  both(() => new Map([['x', { k: 1 }], ['y', { k: 1 }]]), (m) => F.mapSame(m), (m) => mapSame(m).wait(), false);
});

test('a cycle: o.self === o in the task ([in]), and in the caller after an [inout] task adds a field', () => {
  const make = () => { const o: F.Cyclic = { n: 1 }; o.self = o; return o; };
  both(make, (o) => F.selfIs(o), (o) => selfIs(o).wait(), true);
  both(make,
    (o) => { F.tagCycle(o); return [o.self === o, o.tag, o.n]; },
    (o) => { tagCycle(o); waitOn(o); return [o.self === o, o.tag, o.n]; },
    [true, 'tagged true', 1]);
});

test('a task returning its inout argument gives the caller its own object: copy(p, p) and copy(q, p)', () => {
  both(floats(1, 2, 3),
    (p) => { const r = F.copy(p, p); return [r === p, p]; },
    (p) => { const r = copy(p, p).wait(); return [r === p, waitOn(p)]; },
    [true, [1, 2, 3]]);
  both(() => ({ p: new Float64Array([1, 2, 3]), q: new Float64Array(3) }),
    ({ p, q }) => { const r = F.copy(q, p); return [r === q, r === p, q]; },
    ({ p, q }) => { const r = copy(q, p).wait(); return [r === q, r === p, waitOn(q)]; },
    [true, false, [1, 2, 3]]);
});

test('a write through a view is a dependency of a read of its base: scale(v.subarray(2), 5); sum(v)', () => {
  both(floats(1, 1, 1, 1),
    (v) => { const tail = v.subarray(2); F.scale(tail, 5); return [F.sum(v), v]; },
    (v) => { const tail = v.subarray(2); scale(tail, 5); return [sum(v).wait(), waitOn(v)]; },
    [12, [1, 1, 5, 5]]);
  // the same with the view a temporary that the program keeps no reference to
  both(floats(1, 1, 1, 1),
    (v) => { F.scale(v.subarray(2), 5); return [F.sum(v), v]; },
    (v) => { scale(v.subarray(2), 5); return [sum(v).wait(), waitOn(v)]; },
    [12, [1, 1, 5, 5]]);
});

test('a write of the base is a dependency of a read through a view: scale(v, 2); sum(v.subarray(2))', () => {
  both(floats(1, 2, 3, 4),
    (v) => { F.scale(v, 2); return F.sum(v.subarray(2)); },
    (v) => { scale(v, 2); return sum(v.subarray(2)).wait(); },
    14);
});

test('disjoint views of one buffer: both writes apply', () => {
  both(floats(1, 1, 1, 1),
    (v) => { F.scale(v.subarray(0, 2), 2); F.scale(v.subarray(2), 3); return v; },
    (v) => { scale(v.subarray(0, 2), 2); scale(v.subarray(2), 3); return waitOn(v); },
    [2, 2, 3, 3]);
});

test('waitOn(base) and barrier() wait for tasks writing a view of base', () => {
  both(floats(1, 2, 3, 4),
    (v) => { F.scale(v.subarray(1, 3), 10); return v; },
    (v) => { scale(v.subarray(1, 3), 10); return Array.from(waitOn(v)); },
    [1, 20, 30, 4]);
  both(floats(1, 2, 3, 4),
    (v) => { F.scale(v.subarray(1, 3), 10); return v; },
    (v) => { scale(v.subarray(1, 3), 10); barrier(); return Array.from(v); },
    [1, 20, 30, 4]);
});

test('a nested write reaches the caller\'s inner objects: setDeep(o) with o.inner kept', () => {
  const make = () => ({ inner: { values: new Float64Array(2) } });
  both(make,
    (o) => { const inner = o.inner; const values = inner.values; F.setDeep(o); return [inner.values[0], o.inner === inner, inner.values === values]; },
    (o) => { const inner = o.inner; const values = inner.values; setDeep(o); waitOn(o); return [inner.values[0], o.inner === inner, inner.values === values]; },
    [42, true, true]);
});

test('a task that throws after writing part of an inout array: the caller sees the write, and the error once', () => {
  both(floats(1, 2, 3),
    (a) => {
      let caught = 'no error';
      try { F.failAfter(a); } catch (error) { caught = (error as Error).message; }
      return [caught, Array.from(a), Array.from(a)];
    },
    (a) => {
      let caught = 'no error';
      try { failAfter(a).wait(); } catch (error) { caught = (error as Error).message; }
      const read = () => { try { return Array.from(waitOn(a)); } catch (error) { return `waitOn threw: ${(error as Error).message}`; } };
      return [caught, read(), read()];
    },
    ['boom', [7, 2, 3], [7, 2, 3]]);
});

test('arrays with holes keep their holes and length', () => {
  const plain = (a: unknown[]) => F.keysAndLength(a);
  const viaTask = (a: unknown[]) => keysAndLength(a).wait();
  // eslint-disable-next-line no-sparse-arrays
  both(() => [1, , 3], plain, viaTask, '["0","2"]3');
  both(() => { const b = [1, 2, 3]; delete b[1]; return b; }, plain, viaTask, '["0","2"]3');
  // eslint-disable-next-line no-sparse-arrays
  both(() => [1, , ], plain, viaTask, '["0"]2');
});

test('Futures gathered in an array with holes (`half[2] = sum(v)`, nothing at 1; an id-indexed sparse one) reach the task with the holes and length (rev58\'s F8: the engine stopped)', () => {
  const plain = (a: unknown[]) => F.keysAndLength(a);
  const viaTask = (a: unknown[]) => keysAndLength(a).wait();
  const gathered = (sumOf: (v: Float64Array) => unknown) => () => { const half: unknown[] = []; half[0] = 1; half[2] = sumOf(new Float64Array([2, 3])); return half; };
  assert.is(plain(gathered(F.sum)()), '["0","2"]3');
  assert.is(viaTask(gathered((v) => sum(v))()), '["0","2"]3');
  const byId = (sumOf: (v: Float64Array) => unknown) => { const ids: unknown[] = []; ids[5] = sumOf(new Float64Array([1])); ids[2_000_000] = 'x'; return ids; };
  assert.is(viaTask(byId((v) => sum(v))), plain(byId(F.sum)));
});

test('a long array mostly of holes (epoch-like ids as indices) a task changes, and one gathering Futures, are copied back and waited for by the indices they hold (rev58\'s F7: every hole was visited)', () => {
  const make = () => { const byId: unknown[] = []; byId[5] = { id: 5 }; byId[1_700_000_123] = { id: 1_700_000_123 }; return byId; };
  const plain = make();
  const plainCount = F.addId(plain, 1_700_000_200);
  const viaTask = make();
  const count = addId(viaTask, 1_700_000_200).wait();
  waitOn(viaTask);
  assert.equal([count, viaTask.length, Object.keys(viaTask)], [plainCount, plain.length, Object.keys(plain)]);
  assert.equal(viaTask[1_700_000_200], { id: 1_700_000_200 });
  const gathered: unknown[] = [];
  gathered[3] = sum(new Float64Array([1, 2]));
  gathered[1_700_000_000] = sum(new Float64Array([4]));
  const values = waitAll(gathered);
  assert.equal([values[3], values[1_700_000_000], Object.keys(values).length], [3, 4, 2]);
});

test('a Node Buffer a task returns comes back as a Buffer with the same bytes (np44\'s F5)', () => {
  const value = packed('ab').wait();
  assert.ok(Buffer.isBuffer(value), 'a Buffer');
  assert.is(value.toString(), F.packed('ab').toString());
});

test('a detached typed array is refused at the call, naming the task, the parameter and "detached"', () => {
  const make = () => {
    const buf = new ArrayBuffer(8);
    const f = new Float64Array(buf);
    structuredClone(buf, { transfer: [buf] });
    return f;
  };
  assert.is(F.sum(make()), 0, 'the plain call sees an empty array');
  const error = throwsMatching(() => submit(named.sum, [make()]), /task sum\b/, /parameter values\b/, /detached/);
  assert.instance(error, Error);
  throwsMatching(() => sum(make()), /task sum\b/, /detached/);
});

test('a getter that throws is refused at the call, naming the task, the parameter and .x', () => {
  const make = () => ({ get x(): number { throw new Error('nope'); } });
  assert.throws(() => F.readX(make()), /nope/, 'the plain call throws the getter\'s error');
  const error = throwsMatching(() => submit(named.readX, [make()]), /task readX\b/, /parameter o\b/, /\.x\b/);
  assert.instance(error, Error);
  throwsMatching(() => readX(make()), /task readX\b/, /\.x\b/);
});

test('defineTask + submit: overlapping views', () => {
  const make = () => ({ v: new Float64Array([1, 1, 1, 1, 1]), ones: new Float64Array(4).fill(1) });
  both(make,
    ({ v, ones }) => { F.addInto(v.subarray(1), v.subarray(0, 4), ones); return [Array.from(v), F.sum(v)]; },
    ({ v, ones }) => {
      submit(named.addInto, [v.subarray(1), v.subarray(0, 4), ones]);
      return [Array.from(waitOn(v)), submit<number>(named.sum, [v]).wait()];
    },
    [[1, 2, 3, 4, 5], 15]);
});

test('defineTask + submit: bump(arr, arr[0])', () => {
  both(() => [new Float64Array([1, 2])],
    (arr) => { const a = arr[0]; const r = F.bump(arr, a); return [r, arr[0][0], arr[0] === a]; },
    (arr) => { const a = arr[0]; const r = submit<number>(named.bump, [arr, a]).wait(); waitOn(arr); return [r, arr[0][0], arr[0] === a]; },
    [101, 101, true]);
});

test('defineTask + submit: setDeep(o)', () => {
  both(() => ({ inner: { values: new Float64Array(2) } }),
    (o) => { const inner = o.inner; F.setDeep(o); return [inner.values[0], o.inner === inner]; },
    (o) => { const inner = o.inner; submit(named.setDeep, [o]); waitOn(o); return [inner.values[0], o.inner === inner]; },
    [42, true]);
});

test('defineTask + submit: copy(p, p) returns the caller\'s own object', () => {
  both(floats(4, 5),
    (p) => { const r = F.copy(p, p); return [r === p, p]; },
    (p) => { const r = submit<Float64Array>(named.copy, [p, p]).wait(); return [r === p, waitOn(p)]; },
    [true, [4, 5]]);
});

test.run();
