/** The runtime on a real piscina pool: directions, snapshots, copy-back, waits, errors, retries. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  barrier, barrierAsync, defineTask, deleteObject, Future, markWritten, shutdown, stats, submit, task, TaskifyError, waitOn, waitOnAsync,
} from '../runtime';
import type * as T from './fixtures/tasks';
import { tasksModule, throwsMatching, versionFiles } from './helpers';
import { realSetInterval } from '../runtime/real-timers';

const add = task<typeof T.add>(tasksModule, 'add', ['in', 'in']);
const scale = task<typeof T.scale>(tasksModule, 'scale', ['inout', 'in']);
const sum = task<typeof T.sum>(tasksModule, 'sum', ['in']);
const fill = task<typeof T.fill>(tasksModule, 'fill', ['out', 'in']);
const range = task<typeof T.range>(tasksModule, 'range', ['in']);
const sumAll = task<typeof T.sumAll>(tasksModule, 'sumAll', ['in']);
const identity = task<typeof T.identity>(tasksModule, 'identity', ['in']);
const failWith = defineTask(tasksModule, 'failWith', [{ name: 'message', direction: 'in' }]);
const failNotFound = defineTask(tasksModule, 'failNotFound', [{ name: 'key', direction: 'in' }]);

test.after(() => shutdown());

test('inout chains run in order and the caller\'s array receives the result in place', () => {
  const values = new Float64Array([1, 2, 3]);
  const alias = values;
  scale(values, 2);
  scale(values, 10);
  const total = sum(values);
  scale(values, -1);
  assert.is(total.wait(), 120, 'sum read the version between the two writes');
  assert.is(waitOn(values), values);
  assert.equal(Array.from(alias), [-20, -40, -60]);
});

test('an in argument is a snapshot at the call; markWritten publishes main-thread changes', () => {
  const values = new Float64Array([1, 1, 1]);
  const before = sum(values);
  values.fill(5);
  markWritten(values);
  const after = sum(values);
  assert.is(before.wait(), 3);
  assert.is(after.wait(), 15);
});

test('out parameters are filled without sending the old contents', () => {
  const out = new Float64Array(4).fill(-1);
  const written = stats()!.bytes.written;
  fill(out, 7);
  assert.equal(Array.from(waitOn(out)), [7, 7, 7, 7]);
  assert.ok(stats()!.bytes.written - written < 200, 'only the task\'s output (a header and 32 bytes) was written');
});

test('futures as arguments create dependencies without waiting; collections of futures gather', () => {
  const three = add(1, 2);
  const six = add(three, 3);
  const total = sumAll([three, six, 10]);
  assert.ok(six instanceof Future);
  assert.is(total.wait(), 19);
  const big = range(1000);
  assert.is(sum(big).wait(), 499500);
  assert.is((big.wait() as Float64Array)[999], 999);
});

test('copy-back into arrays, plain objects, Maps and Sets keeps the caller\'s identity', () => {
  const push = task<typeof T.pushItem>(tasksModule, 'pushItem', ['inout', 'in']);
  const tag = task<typeof T.tagObject>(tasksModule, 'tagObject', ['inout', 'in', 'in']);
  const toMap = task<typeof T.addToMap>(tasksModule, 'addToMap', ['inout', 'in', 'in']);
  const toSet = task<typeof T.addToSet>(tasksModule, 'addToSet', ['inout', 'in']);
  const list: unknown[] = [1, 'two'];
  const object: Record<string, unknown> = { a: 1 };
  const map = new Map([['x', 1]]);
  const set = new Set([1]);
  const holder = { list, object, map, set };
  push(list, { three: 3 });
  tag(object, 'b', [2n, null]);
  toMap(map, 'y', 2);
  toSet(set, 2);
  barrier();
  assert.equal(holder.list, [1, 'two', { three: 3 }]);
  assert.equal(holder.object, { a: 1, b: [2n, null] });
  assert.equal([...holder.map], [['x', 1], ['y', 2]]);
  assert.equal([...holder.set], [1, 2]);
});

test('values of every supported kind survive the trip to a worker and back', () => {
  const values: unknown[] = [
    0, -0, NaN, Infinity, -Infinity, 5e-324, 'héllo\u0000', true, null, undefined, 12345678901234567890n,
    new Date(0), [1, [2, [3]]], { nested: { deep: new Int32Array([1, -2]) } }, new Map<unknown, unknown>([[1, 'a'], ['k', { v: 2 }]]),
    new Set(['a', 1]), new Uint8Array([1, 2, 255]), new BigInt64Array([-1n, 2n]), new Float32Array([0.5]),
  ];
  for (const value of values) {
    const back = identity(value).wait();
    if (typeof value === 'number' && Number.isNaN(value)) assert.ok(Number.isNaN(back as number));
    else if (Object.is(value, -0)) assert.ok(Object.is(back, -0), 'negative zero stays negative');
    else assert.equal(back, value);
  }
});

test('async waits do not block the event loop', async () => {
  let ticks = 0;
  // (Node's own interval: the program's keeps the plain program's time, in which a task call's run is no tick's.)
  const timer = realSetInterval(() => ticks++, 1);
  const slow = task<typeof T.sleepThenAdd>(tasksModule, 'sleepThenAdd', ['in', 'in', 'in']);
  assert.is(await slow(60, 1, 2), 3);
  const values = new Float64Array([2]);
  scale(values, 4);
  assert.is((await waitOnAsync(values))[0], 8);
  slow(30, 0, 0);
  await barrierAsync();
  clearInterval(timer);
  assert.ok(ticks >= 5, `the event loop ran while waiting (${ticks} ticks)`);
});

test('blocking waits work in synchronous code with many tasks in flight', () => {
  const partials = Array.from({ length: 300 }, (_, i) => add(i, 1));
  assert.is(sumAll(partials).wait(), 300 * 301 / 2);
});

test('a task\'s exception reaches the waiter with its name, message, properties and stack', () => {
  const failed = submit<number>(failWith, ['too big'], 'main.ts:42');
  const error = throwsMatching(() => failed.wait(), /^too big$/) as T.ValidationError;
  assert.is(error.name, 'ValidationError');
  assert.is(error.field, 'size');
  assert.is(error.limit, 42);
  assert.match(error.stack!, /failWith/);
  assert.match(error.stack!, /task failWith \(main\.ts:42\) \[taskify\]/);
});

test('an error of a class its module does not export comes back under that class\'s name, printing as the original', () => {
  const failed = submit<number>(failNotFound, ['zz'], 'main.ts:7');
  const error = throwsMatching(() => failed.wait(), /^no entry for zz$/);
  assert.is(error.constructor.name, 'NotFound');
  assert.ok(error instanceof RangeError, 'it extends the built-in its class extends');
  assert.match(inspect(error), /^NotFound \[RangeError\]: no entry for zz/);
  const again = throwsMatching(() => submit<number>(failNotFound, ['yy'], 'main.ts:8').wait(), /yy/);
  assert.is(again.constructor, error.constructor, 'one stand-in class per name');
});

test('dependents of a failure the program met fail with an error that names the first failure', async () => {
  const failed = submit<number>(failWith, ['boom'], 'main.ts:1');
  const dependent = add(failed, 1);
  const further = add(dependent, 1);
  throwsMatching(() => failed.wait(), /^boom$/);
  const error = throwsMatching(() => further.wait(), /depends on d\d+v1/, /task failWith \(main\.ts:1\)/, /ValidationError: boom/);
  assert.is((error as TaskifyError).code, 'TASKIFY_DEPENDENCY_FAILED');
  await dependent.then(() => assert.unreachable(), (e: unknown) => assert.match((e as Error).message, /boom/));
  assert.is(add(40, 2).wait(), 42, 'the runtime goes on after failures');
});

test('a wait on a dependent of a failure nothing met throws that failure itself: the plain program died at its call', () => {
  const failed = submit<number>(failWith, ['first'], 'main.ts:1');
  const dependent = add(add(failed, 1), 1);
  const error = throwsMatching(() => dependent.wait(), /^first$/);
  assert.is(error.name, 'ValidationError');
  throwsMatching(() => failed.wait(), /^first$/);
  assert.is(add(40, 2).wait(), 42, 'the runtime goes on after failures');
});

test('unsupported arguments are refused at submission, naming task and parameter, and leave no file', () => {
  const before = versionFiles();
  class Point { constructor(readonly x: number) {} norm() { return Math.abs(this.x); } }
  const id = defineTask(tasksModule, 'identity', [{ name: 'value', direction: 'in' }]);
  throwsMatching(() => submit(id, [() => 1]), /task identity/, /parameter value/, /function/);
  throwsMatching(() => submit(id, [{ ok: new Float64Array(8), bad: [new Point(1)] }]), /parameter value/, /Point/, /\.bad\[0\]/);
  throwsMatching(() => submit(id, [{ get broken() { throw new Error('nope'); } }]), /parameter value/, /\.broken/, /an accessor property/);
  throwsMatching(() => submit(id, [new WeakMap()]), /WeakMap/);
  throwsMatching(() => submit(id, [Symbol('s')]), /symbol/);
  assert.equal(versionFiles(), before);
});

test('a value a task returns that cannot be stored fails that task clearly', () => {
  const bad = task<typeof T.returnsFunction>(tasksModule, 'returnsFunction', []);
  throwsMatching(() => bad().wait(), /task returnsFunction/, /return value/, /function/);
});

test('a worker that dies is replaced and its task retried once; a second death fails clearly', () => {
  const markerDir = mkdtempSync(join(tmpdir(), 'taskify-test-'));
  const marker = join(markerDir, 'died');
  const dieOnce = task<typeof T.dieOnce>(tasksModule, 'dieOnce', ['in']);
  const retriedBefore = stats()!.tasks.retried;
  assert.is(dieOnce(marker).wait(), 'survived');
  assert.ok(existsSync(marker));
  assert.is(stats()!.tasks.retried, retriedBefore + 1);
  const alwaysDie = task<typeof T.alwaysDie>(tasksModule, 'alwaysDie', []);
  const error = throwsMatching(() => alwaysDie().wait(), /died 2 time/, /not retried again/);
  assert.is((error as TaskifyError).code, 'TASKIFY_WORKER_DIED');
  assert.is(add(2, 2).wait(), 4, 'the pool still works');
  rmSync(markerDir, { recursive: true, force: true });
});

test('dead versions are released: superseded, deleted, and collected objects leave no files', () => {
  const start = versionFiles().length;
  const values = new Float64Array(1024).fill(1);
  for (let i = 0; i < 5; i++) scale(values, 2);
  waitOn(values);
  assert.is(values[0], 32);
  assert.is(versionFiles().length - start, 1, 'only the latest version of values is kept');
  deleteObject(values);
  barrier();
  add(0, 0).wait(); // a round trip so the delete has been processed
  assert.is(versionFiles().length, start);
});

test('a Future passed as inout: waiting on it gives the written data, and a loaded value is updated in place', async () => {
  const f = range(4);
  scale(f, 10);
  assert.equal(Array.from(f.wait() as Float64Array), [0, 10, 20, 30]);
  const loaded = f.wait() as Float64Array;
  scale(f, 2);
  barrier();
  assert.equal(Array.from(loaded), [0, 20, 40, 60], 'the value already loaded received the new contents');
  scale(f, -1);
  assert.equal(Array.from(await f), [-0, -20, -40, -60]);
});

test('a Future of a primitive passed as inout fails clearly instead of losing the write', () => {
  const n = add(1, 2);
  n.wait();
  throwsMatching(() => scale(n as never, 2).wait(), /primitive/, /passed by value/);
});

test('a task depending on two running producers, one failing first, is cancelled and the engine goes on', () => {
  const lateFail = task<typeof T.failAfter>(tasksModule, 'failAfter', ['in']);
  const slow = task<typeof T.sleepThenAdd>(tasksModule, 'sleepThenAdd', ['in', 'in', 'in']);
  const both = add(lateFail(0), slow(200, 1, 0));
  throwsMatching(() => both.wait(), /late failure/);
  assert.is(add(1, 1).wait(), 2, 'the engine survived the other producer finishing');
});

test('a task submitted after its input\'s producer was cancelled names the first failure', () => {
  const root = submit<number>(failWith, ['root cause'], 'main.ts:7');
  const middle = add(root, 1);
  throwsMatching(() => middle.wait(), /root cause/);
  const late = add(middle, 1);
  const error = throwsMatching(() => late.wait(), /task failWith \(main\.ts:7\)/, /root cause/) as TaskifyError;
  assert.is(error.code, 'TASKIFY_DEPENDENCY_FAILED');
  assert.instance(error.cause, Error);
});

test('a worker never lets a task modify a cached version (a returned or wrapped argument)', () => {
  const first = task<typeof T.first>(tasksModule, 'first', ['in']);
  const bump = task<typeof T.bump>(tasksModule, 'bump', ['inout']);
  const wrap = task<typeof T.wrap>(tasksModule, 'wrap', ['in']);
  const bumpWrapped = task<typeof T.bumpWrapped>(tasksModule, 'bumpWrapped', ['inout']);
  for (let round = 0; round < 4; round++) { // tasks land on either worker: repeat so both caches are exercised
    const x = new Float64Array([1, 2, 3]);
    first(x).wait();
    bump(identity(x) as Future<Float64Array>);
    barrier();
    assert.is(first(x).wait(), 1);
    const z = new Float64Array([7]);
    first(z).wait();
    bumpWrapped(wrap(z) as Future<Float64Array[]>);
    barrier();
    assert.is(first(z).wait(), 7);
  }
});

test('a worker hands a cached version to a task that modifies it only when no other version shares its memory', () => {
  const first = task<typeof T.first>(tasksModule, 'first', ['in']);
  const bump = task<typeof T.bump>(tasksModule, 'bump', ['inout']);
  const firstBlock = task<typeof T.firstBlock>(tasksModule, 'firstBlock', ['in']);
  const tail = task<typeof T.tail>(tasksModule, 'tail', ['in']);
  for (let round = 0; round < 4; round++) {
    const blocks = [new Float64Array([5]), new Float64Array([6])];
    const picked = firstBlock(blocks); // a part of a cached input: the caller's own blocks[0], as in the plain call
    assert.is(picked.wait(), blocks[0]);
    bump(picked);
    barrier();
    assert.is(firstBlock(blocks).wait()[0], 105, 'the bump of the picked block is a bump of blocks[0], and the worker read it anew');
    const x = new Float64Array([1, 2, 3]);
    first(x).wait();
    const view = tail(x); // a view on a cached input's memory: the caller's own view of x, as in the plain call
    assert.is(view.wait().buffer, x.buffer);
    bump(view);
    barrier();
    assert.equal(Array.from(x), [1, 102, 3], 'the bump through the view is a bump of x');
    assert.is(first(x).wait(), 1, 'the cached input under the view is unchanged');
    assert.is(tail(x).wait()[0], 102, 'and x is read anew');
    const chain = new Float64Array([0]);
    for (let i = 0; i < 5; i++) bump(chain); // takes its own outputs along the chain
    assert.is(first(chain).wait(), 500);
  }
});

test('barrier raises a task failure once and still brings back every other object', () => {
  const bumpThenFail = task<typeof T.bumpThenFail>(tasksModule, 'bumpThenFail', ['inout']);
  const a = new Float64Array([1]);
  const b = new Float64Array([1, 2]);
  bumpThenFail(a);
  scale(b, 10);
  throwsMatching(() => barrier(), /bad/);
  assert.equal(Array.from(b), [10, 20]);
  barrier(); // the failure was reported; nothing left to raise
});

test('the output a failed task had already written is released', () => {
  add(0, 0).wait(); // the engine has handled every earlier message (releases included): the count below is settled
  const start = versionFiles().length;
  const bumpBad = task<typeof T.bumpThenReturnFunction>(tasksModule, 'bumpThenReturnFunction', ['inout']);
  const v = new Float64Array([1]);
  throwsMatching(() => bumpBad(v).wait(), /return value/);
  deleteObject(v);
  add(0, 0).wait();
  assert.is(versionFiles().length, start);
});

test('workers keep what they read: data read again and again is not read from its file again', () => {
  const fragments = Array.from({ length: 4 }, () => range(131072)); // 1 MiB each, produced by tasks
  for (const f of fragments) f.wait(); // main loads them too: that is the program's read, not the workers'
  const before = stats()!.bytes.read;
  for (let round = 0; round < 6; round++) for (const f of fragments) sum(f).wait();
  const workerReads = stats()!.bytes.read - before;
  // 24 tasks each need 1 MiB; with no cache that is 24 MiB of reads. Each worker reads each fragment at most once.
  assert.ok(workerReads <= 2 * 4 * (1 << 20) + 4096, `workers read ${workerReads} bytes`);
});

test('shutdown finishes pending work and a later submission starts a fresh runtime', async () => {
  const pending = add(20, 22);
  await shutdown();
  assert.is(pending.wait(), 42);
  assert.is(add(1, 1).wait(), 2);
});

test.run();
