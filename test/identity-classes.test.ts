/**
 * Class instances keep their class across a task call, as in a plain call: exported classes travel (the worker
 * imports them), errors keep their class; instances that cannot be rebuilt in a worker are refused at the call.
 * Each comparison runs the plain program and the task program on fresh inputs and requires the same printout.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { defineTask, Future, shutdown, submit, task, TaskifyError, waitOn } from '../runtime';
import * as F from './fixtures/identity-tasks';
import { BadInput, Point, Secret, Vec } from './fixtures/identity-classes';
import { both, throwsMatching } from './helpers';

const mod = join(__dirname, 'fixtures', 'identity-tasks.js');
const describeVec = task<typeof F.describeVec>(mod, 'describeVec', ['in']);
const moveVec = task<typeof F.moveVec>(mod, 'moveVec', ['inout']);
const makeVec = task<typeof F.makeVec>(mod, 'makeVec', []);
const describePoint = task<typeof F.describePoint>(mod, 'describePoint', ['in']);
const throwBadInput = task<typeof F.throwBadInput>(mod, 'throwBadInput', ['in']);
const readA = task<typeof F.readA>(mod, 'readA', ['in']);
const readV = task<typeof F.readV>(mod, 'readV', ['in']);
const named = {
  readA: defineTask(mod, 'readA', [{ name: 'thing', direction: 'in' }]),
  readV: defineTask(mod, 'readV', [{ name: 's', direction: 'in' }]),
  keysAndLength: defineTask(mod, 'keysAndLength', [{ name: 'a', direction: 'in' }]),
  moveVec: defineTask(mod, 'moveVec', [{ name: 'v', direction: 'inout' }]),
};

/** A class no module exports: a worker has no way to rebuild its instances. */
class Local { constructor(public a: number) {} }

test.after(() => shutdown());


/** An error as a program would print it. */
function describeError(error: unknown): unknown[] {
  const e = error as BadInput;
  return [e instanceof BadInput, e instanceof Error, e.name, e.message, e.field];
}

test('an exported class instance [in]: the task sees a Vec with its method and getter', () => {
  both(() => new Vec(3, 4), (v) => F.describeVec(v), (v) => describeVec(v).wait(), 'true 5 7');
});

test('an exported class instance [inout]: the caller\'s object is still the same Vec, moved', () => {
  both(() => new Vec(4, 4),
    (v) => { F.moveVec(v); const back = v; return [v instanceof Vec, back === v, v.x, v.length(), v.sum]; },
    (v) => { moveVec(v); const back = waitOn(v); return [v instanceof Vec, back === v, v.x, v.length(), v.sum]; },
    [true, true, 5, Math.hypot(5, 4), 9]);
});

test('an exported class instance [inout] through defineTask + submit', () => {
  both(() => new Vec(4, 4),
    (v) => { F.moveVec(v); return [v instanceof Vec, v.x, v.length()]; },
    (v) => { submit(named.moveVec, [v]); waitOn(v); return [v instanceof Vec, v.x, v.length()]; },
    [true, 5, Math.hypot(5, 4)]);
});

test('a task returning new Vec(3, 4): the result is a Vec here', () => {
  both(() => undefined,
    () => { const r = F.makeVec(); return [r instanceof Vec, r.length(), r.sum]; },
    () => { const r = makeVec().wait(); return [r instanceof Vec, r.length(), r.sum]; },
    [true, 5, 7]);
});

test('a data-only class instance [in]: p instanceof Point inside the task', () => {
  both(() => new Point(1, 2), (p) => F.describePoint(p), (p) => describePoint(p).wait(), 'true 3');
});

test('a task throwing an exported error class: the waiter catches a BadInput with its name, message and field', () => {
  both(() => 'size',
    (field) => { try { F.throwBadInput(field); return 'no error'; } catch (error) { return describeError(error); } },
    (field) => {
      const future = throwBadInput(field);
      assert.instance(future, Future, 'the call itself does not throw');
      try { future.wait(); return 'no error'; } catch (error) { return describeError(error); }
    },
    [true, true, 'BadInput', 'size is out of range', 'size']);
});

test('an instance of a class no module exports is refused at the call, naming task, parameter and class', () => {
  assert.is(F.readA(new Local(1)), 1, 'the plain call works');
  let error = throwsMatching(() => submit(named.readA, [new Local(1)]), /task readA\b/, /parameter thing\b/, /Local/);
  assert.instance(error, Error);
  if (error instanceof TaskifyError) assert.is(error.code, 'TASKIFY_UNSUPPORTED_ARGUMENT');
  error = throwsMatching(() => readA(new Local(1)), /task readA\b/, /Local/);
  assert.instance(error, Error);
  // deeper in a value: the message says where
  assert.is(F.keysAndLength([1, new Local(2)]), '["0","1"]2');
  throwsMatching(() => submit(named.keysAndLength, [[1, new Local(2)]]), /task keysAndLength\b/, /parameter a\b/, /Local/, /\[1\]/);
});

test('an instance of a class with a private #field is refused at the call, naming task, parameter and class', () => {
  assert.is(F.readV(new Secret(5)), 5, 'the plain call works');
  let error = throwsMatching(() => submit(named.readV, [new Secret(5)]), /task readV\b/, /parameter s\b/, /Secret/);
  assert.instance(error, Error);
  if (error instanceof TaskifyError) assert.is(error.code, 'TASKIFY_UNSUPPORTED_ARGUMENT');
  error = throwsMatching(() => readV(new Secret(5)), /task readV\b/, /Secret/);
  assert.instance(error, Error);
});

test('what a task throws arrives as thrown: a cause that loops, an AggregateError, a string, a plain object', () => {
  const caught = (f: () => unknown): unknown => { try { f(); } catch (error) { return error; } return undefined; };
  const cycle = caught(() => task<typeof F.throwCycle>(mod, 'throwCycle', [])().wait()) as Error;
  assert.is(cycle.message, 'self');
  assert.is(cycle.cause, cycle, 'the cause is the error itself, as thrown');
  const many = caught(() => task<typeof F.throwAggregate>(mod, 'throwAggregate', [])().wait()) as AggregateError;
  assert.ok(many instanceof AggregateError);
  assert.equal(many.errors.map((e: Error) => `${e.name}: ${e.message}`), ['Error: one', 'RangeError: two']);
  const throwValue = task<typeof F.throwValue>(mod, 'throwValue', ['in']);
  assert.is(caught(() => throwValue('string').wait()), 'just a string');
  assert.equal(caught(() => throwValue('object').wait()), { code: 42 });
});

test.run();
