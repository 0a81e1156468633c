/**
 * Shapes an adversarial review found, each a regression test against the plain call: a cancelled task's data, an
 * object inside one datum changed through another, return values that must not write over the caller's objects,
 * bytes next to an unaligned view, a view stored into another argument, Futures inside results, subclasses of
 * built-ins, and an object passed on after its task's error was caught.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { barrier, defineTask, shutdown, submit, task, waitOn, waitOnAsync } from '../runtime';
import * as F from './fixtures/identity-tasks';
import { throwsMatching } from './helpers';

const mod = join(__dirname, 'fixtures', 'identity-tasks.js');
const throwAt = task<typeof F.throwAt>(mod, 'throwAt', ['inout', 'in']);
const incBoth = task<typeof F.incBoth>(mod, 'incBoth', ['inout', 'inout']);
const inc = task<typeof F.inc>(mod, 'inc', ['inout']);
const readN = task<typeof F.readN>(mod, 'readN', ['in']);
const readInnerN = task<typeof F.readInnerN>(mod, 'readInnerN', ['in']);
const incInnerN = task<typeof F.incInnerN>(mod, 'incInnerN', ['inout']);
const id = task<typeof F.id>(mod, 'id', ['in']);
const incBytes = task<typeof F.incBytes>(mod, 'incBytes', ['inout']);
const keep = task<typeof F.keep>(mod, 'keep', ['inout', 'in']);
const pair = task<typeof F.pair>(mod, 'pair', ['in', 'in']);
const makeObj = task<typeof F.makeObj>(mod, 'makeObj', []);
const scale = task<typeof F.scale>(mod, 'scale', ['inout', 'in']);
const scaleInner = task<typeof F.scaleInner>(mod, 'scaleInner', ['inout', 'in']);
const sum = task<typeof F.sum>(mod, 'sum', ['in']);
const incAll = task<typeof F.incAll>(mod, 'incAll', ['inout']);
const keepShared = defineTask(mod, 'keep', [{ name: 'o', direction: 'inout' }, { name: 'v', direction: 'in', rro: true }]);

test.after(() => shutdown());

test('a task cancelled by an earlier failure leaves its other argument as it was, and later tasks start from it', () => {
  const o = { n: 0 };
  const p = { n: 0 };
  throwAt(o, 1);
  incBoth(o, p); // never runs: its input failed
  let message = '';
  try { waitOn(o); } catch (error) { message = (error as Error).message; }
  assert.is(message, 'boom at 1', 'the first failure, as the plain program would have thrown it');
  inc(p);
  assert.equal([waitOn(o).n, waitOn(p).n], [1, 1]);
});

test('an object passed on after its task\'s error was caught carries what the task wrote before throwing', () => {
  const o = { n: 0 };
  try { throwAt(o, 1).wait(); } catch { /* caught, as the program may */ }
  throwAt(o, 99);
  assert.is(waitOn(o).n, 2);
  assert.is(readN(o).wait(), 2);
});

test('an object inside a datum, changed through its own datum, is read anew: readInnerN(o); inc(a); readInnerN(o)', () => {
  const a = { n: 0 };
  const o = { inner: a };
  readInnerN(o);
  inc(a);
  assert.is(readInnerN(o).wait(), 1);
  const b = { n: 0 };
  const q = { inner: b };
  readN(b);
  incInnerN(q);
  waitOn(q);
  assert.is(readN(b).wait(), 1, 'and the other way round: a write through the container reaches the part\'s datum');
});

test('a typed array inside an object and a range of its buffer are ordered: scaleInner({ v }); scale(v)', () => {
  const plain = new Float64Array([1, 2, 3]);
  F.scaleInner({ v: plain }, 2);
  F.scale(plain, 10);
  const v = new Float64Array([1, 2, 3]);
  const o = { v };
  scaleInner(o, 2);
  scale(v, 10);
  barrier();
  assert.equal(Array.from(v), Array.from(plain));
  assert.is(sum(v).wait(), F.sum(plain));
  scaleInner(o, 0.5);
  assert.equal(Array.from(waitOn(v)), Array.from(plain).map((x) => x * 0.5), 'waitOn(v) waits for the object\'s task too');
});

test('a return value never writes over the caller\'s object: id(a), then the program changes a', () => {
  const a = { n: 0 };
  const f = id(a);
  a.n = 5;
  assert.is(f.wait(), a);
  assert.is(a.n, 5);
  const v = new Float64Array([1, 2]);
  const g = id(v);
  scale(v, 3);
  waitOn(v);
  assert.is(g.wait(), v);
  assert.equal(Array.from(v), [3, 6]);
});

test('bytes beside an unaligned view are not the task\'s: the program may change them meanwhile', () => {
  const u = new Uint8Array(16);
  incBytes(u.subarray(3, 6));
  u[0] = 99;
  waitOn(u.subarray(3, 6));
  assert.equal(Array.from(u.subarray(0, 7)), [99, 0, 0, 1, 1, 1, 0]);
});

test('a typed array stored into another argument is the caller\'s own: keep(o, v); o.v === v', () => {
  const o: { v?: Float64Array } = {};
  const v = new Float64Array([1]);
  keep(o, v);
  waitOn(o);
  assert.is(o.v, v);
});

test('a Future\'s value inside a result is that value: pair(f, f)[0] === f.wait()', () => {
  const f = makeObj();
  const both = pair(f, f);
  const value = f.wait();
  const [x, y] = both.wait();
  assert.is(x, value);
  assert.is(y, value);
});

test('subclasses of built-ins are refused at the call, not changed silently', () => {
  class MyArray extends Array<number> {}
  class MyMap extends Map<string, number> {}
  class MyBytes extends Uint8Array {}
  throwsMatching(() => readN(MyArray.from([1, 2]) as never), /task readN/, /MyArray, a subclass of Array/);
  throwsMatching(() => readN({ m: new MyMap() } as never), /MyMap, a subclass of Map at \.m/);
  throwsMatching(() => incBytes(new MyBytes(4)), /task incBytes/, /MyBytes, a subclass of a typed array/);
});

test('an object passed alone, then inside another argument, is current in that snapshot: inc(a); incAll([a, b])', () => {
  const plain = { a: { n: 0 }, b: { n: 0 } };
  F.inc(plain.a);
  F.incAll([plain.a, plain.b]);
  const a = { n: 0 };
  const b = { n: 0 };
  inc(a);
  incAll([a, b]);
  assert.equal([waitOn(a).n, b.n], [plain.a.n, plain.b.n]);
  assert.equal([plain.a.n, plain.b.n], [2, 1]);
  const c = { n: 0 };
  inc(c);
  assert.is(readInnerN({ inner: c }).wait(), 1);
});

test('an async wait that overlaps a later submission on the same object reads the later version', async () => {
  const o = { n: 0 };
  inc(o);
  const pending = waitOnAsync(o);
  inc(o);
  await pending;
  assert.is(o.n, 2);
  assert.is((await waitOnAsync(o)).n, 2);
});

test('an @rro typed array stored into another argument is the caller\'s own, with and without shared memory', () => {
  const o: { v?: Float64Array } = {};
  const v = new Float64Array([7, 8]);
  submit(keepShared, [o, v]);
  waitOn(o);
  assert.is(o.v, v);
});

test('a returned argument stays the caller\'s datum: later tasks on it, and a wait on the result, see their writes', () => {
  const v = new Float64Array([1, 2]);
  const same = id(v);
  scale(v, 2);
  assert.is(same.wait(), v);
  assert.equal(Array.from(same.wait() as Float64Array), [2, 4], 'the wait on the result includes the later write to the same object');
  scale(v, 10);
  assert.is(sum(v.subarray(1)).wait(), 40, 'the array is still data by its buffer (a view of it sees the write)');
  const o = { n: 1 };
  const r = id(o);
  inc(o);
  assert.is((r.wait() as { n: number }).n, 2);
});

test('a task that returns an argument on every path gives back that argument: its Future, or its own datum', () => {
  const mergeInto = defineTask(mod, 'mergeInto', [{ name: 'a', direction: 'inout', returned: true }, { name: 'b', direction: 'in' }]);
  const makeN = task<typeof F.makeN>(mod, 'makeN', ['in']);
  const p = makeN(1);
  const m = submit(mergeInto, [p, makeN(2)]);
  assert.is(m, p, 'the same Future');
  const level = [makeN(1), makeN(2), makeN(3), makeN(4)];
  const next = [submit(mergeInto, [level[0], level[1]]), submit(mergeInto, [level[2], level[3]])];
  const top = submit(mergeInto, [next[0], next[1]]);
  assert.equal((top.wait() as { n: number }).n, 10);
  assert.is(top.wait(), level[0]!.wait(), 'the reduction\'s result is the first leaf\'s value');
  const x = { n: 1 };
  const r = submit(mergeInto, [x, { n: 2 }]);
  inc(x);
  assert.is(r.wait(), x);
  assert.is(x.n, 4, 'a wait on the result includes later writes to the same object');
});

test('an argument a task stores into another, then changed through it, is the caller\'s object with the change', () => {
  const link = defineTask(mod, 'move', [{ name: 'from', direction: 'in' }, { name: 'to', direction: 'inout' }]);
  const incAllTo = task<typeof F.incAll>(mod, 'incAll', ['inout']);
  const from = [{ n: 1 }];
  const to: { n: number }[] = [];
  submit(link, [from, to]);
  incAllTo(to);
  waitOn(to);
  assert.is(to[0], from[0]);
  assert.is(from[0]!.n, 2);
});

test.run();
