/**
 * `maybeWritten`: an `in` object the program may have changed (the plugin could not follow it) is encoded again at each
 * call, but written as a new version only when its encoding differs from its last snapshot's; otherwise tasks read that
 * version again. Every case also checks what the task read against the plain call.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { maybeWritten, observe, shutdown, stats, task, waitOn } from '../runtime';
import * as F from './fixtures/snapshot-tasks';

const mod = join(__dirname, 'fixtures', 'snapshot-tasks.js');
const sum = task<typeof F.sum>(mod, 'sum', ['in']);
const scale = task<typeof F.scale>(mod, 'scale', ['inout', 'in']);
const describe = task<typeof F.describe>(mod, 'describe', ['in']);
const sumDeep = task<typeof F.sumDeep>(mod, 'sumDeep', ['in']);
const setDeep = task<typeof F.setDeep>(mod, 'setDeep', ['inout']);
const sumHeld = task<typeof F.sumHeld>(mod, 'sumHeld', ['in']);
const firstIs = task<typeof F.firstIs>(mod, 'firstIs', ['in', 'in']);
const failAfter = task<typeof F.failAfter>(mod, 'failAfter', ['inout']);

test.after(() => shutdown());

/** Snapshots written and kept by what `body` submits. */
function counting(body: () => void): { written: number; kept: number } {
  const before = stats()?.snapshots ?? { written: 0, kept: 0 };
  body();
  const after = stats()!.snapshots;
  return { written: after.written - before.written, kept: after.kept - before.kept };
}

test('an unchanged typed array passed to 24 tasks is one snapshot, read by all', () => {
  const image = Float64Array.from({ length: 4096 }, (_, i) => i % 5);
  let sums: number[] = [];
  // The first call starts the runtime: the mark made just before it still counts, so that snapshot is fingerprinted.
  const counted = counting(() => { sums = Array.from({ length: 24 }, () => sum(maybeWritten(image))).map((f) => f.wait()); });
  assert.equal(counted, { written: 1, kept: 23 });
  assert.equal(new Set(sums), new Set([F.sum(image)]));
});

test('a change between calls that nothing announced reaches the task; changed back, the old version is read again', () => {
  const values = new Float64Array([1, 2, 3, 4]);
  const read: number[] = [];
  const versions: string[] = [];
  const detach = observe({ submit: (event) => versions.push(...event.reads) });
  const counted = counting(() => {
    read.push(sum(maybeWritten(values)).wait());
    values[0] = 100; // code the plugin cannot follow
    read.push(sum(maybeWritten(values)).wait());
    read.push(sum(maybeWritten(values)).wait());
    values[0] = 1;
    values[0] = 100; // changed and changed back before the call
    read.push(sum(maybeWritten(values)).wait());
  });
  detach();
  assert.equal(read, [10, 109, 109, 109]);
  assert.equal(counted, { written: 2, kept: 2 });
  const [first, second] = versions;
  assert.match(first, /^d\d+v1$/);
  assert.equal(versions, [first, second, second, second], 'one datum, a second version only for the real change');
  assert.is(second, first.replace(/v1$/, 'v2'));
});

test('a plain object: kept while equal, a new version when a nested value changes or a nested object is replaced', () => {
  const o = { x: 1, tags: ['a'] };
  const read: string[] = [];
  const counted = counting(() => {
    read.push(describe(maybeWritten(o)).wait());
    read.push(describe(maybeWritten(o)).wait()); // kept
    o.tags.push('b');
    read.push(describe(maybeWritten(o)).wait()); // a new version
    o.tags = ['a', 'b']; // the same contents in another object: which object is where is part of the snapshot
    read.push(describe(maybeWritten(o)).wait()); // a new version
    o.x = 2;
    read.push(describe(maybeWritten(o)).wait());
    read.push(describe(maybeWritten(o)).wait()); // kept
  });
  assert.equal(read, ['1:a', '1:a', '1:ab', '1:ab', '2:ab', '2:ab']);
  assert.equal(counted, { written: 4, kept: 2 });
});

test('a kept version keeps copy-back identity: a later inout task updates the caller\'s own objects in place', () => {
  const o = { inner: { values: new Float64Array([1, 2]) } };
  const inner = o.inner;
  const counted = counting(() => { for (let i = 0; i < 3; i++) sumDeep(maybeWritten(o)); });
  assert.equal(counted, { written: 1, kept: 2 });
  setDeep(o);
  waitOn(o);
  assert.ok(o.inner === inner);
  assert.equal(Array.from(inner.values), [42, 2]);

  // The nested object replaced by an equal one: a new version, whose numbering gives the task's write to the new one.
  o.inner = { values: new Float64Array([42, 2]) };
  assert.equal(counting(() => sumDeep(maybeWritten(o)).wait()), { written: 1, kept: 0 });
  const replaced = o.inner;
  setDeep(maybeWritten(o));
  waitOn(o);
  assert.ok(o.inner === replaced);
  assert.equal(Array.from(replaced.values), [42, 2]);
  assert.equal(Array.from(inner.values), [42, 2], 'the object the program dropped keeps what it had');
});

test('a task still writing the object: the mark waits for it, and the next call reads what it wrote', () => {
  const values = new Float64Array([1, 1, 1]);
  sum(maybeWritten(values));
  scale(values, 3);
  const read: number[] = [];
  const counted = counting(() => {
    read.push(sum(maybeWritten(values)).wait()); // the task's version came home: snapshotted as the main thread's
    read.push(sum(maybeWritten(values)).wait());
  });
  assert.equal(read, [9, 9]);
  assert.equal(counted, { written: 1, kept: 1 });
});

test('a typed array inside an object whose buffer a task wrote meanwhile: the object is snapshotted anew', () => {
  const v = new Float64Array([1, 2, 3]);
  const holder = { v };
  const read: number[] = [];
  read.push(sumHeld(maybeWritten(holder)).wait());
  read.push(sumHeld(maybeWritten(holder)).wait());
  scale(v, 2); // through another datum: the range of v's buffer
  read.push(sumHeld(maybeWritten(holder)).wait());
  assert.equal(read, [6, 6, 12]);
});

test('objects of one call that share parts (a group) are kept while the group is unchanged', () => {
  const arr = [{ k: 1 }, { k: 2 }];
  const read: boolean[] = [];
  const counted = counting(() => {
    for (let i = 0; i < 3; i++) read.push(firstIs(maybeWritten(arr), maybeWritten(arr[0])).wait());
    arr[0].k = 5;
    read.push(firstIs(maybeWritten(arr), maybeWritten(arr[0])).wait());
  });
  assert.equal(read, [true, true, true, true]);
  assert.equal(counted, { written: 2, kept: 2 });
});

test('after a failed task, the mark restores what sequential code would show and snapshots it', () => {
  const values = new Float64Array([1, 2]);
  sum(maybeWritten(values)).wait();
  failAfter(values);
  let caught = '';
  try { maybeWritten(values); } catch (error) { caught = (error as Error).message; }
  assert.is(caught, 'boom');
  assert.is(sum(maybeWritten(values)).wait(), 9, 'the task wrote 7 before it threw, as the plain call would have');
});

test.run();
