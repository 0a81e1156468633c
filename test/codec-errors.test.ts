/**
 * Errors as data (store/error-values.ts): a task that returns an Error, or stores one in an object, gives the caller
 * an Error that prints, compares and answers as the one the task made.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inspect } from 'node:util';
import { decodeValue, encodeValue, frameProblem, UnsupportedValueError } from '../runtime/store/codec';
import { OutOfRange } from './fixtures/classes';

function roundTrip<T>(value: T): T {
  const { parts, byteLength } = encodeValue(value);
  const file = Buffer.allocUnsafeSlow(byteLength);
  let at = 0;
  for (const part of parts) { file.set(part, at); at += part.length; }
  // What another machine's bytes are checked with: an error's table must pass it.
  assert.is(frameProblem(file.length, (offset, length) => file.subarray(offset, offset + length)), undefined);
  return decodeValue(file) as T;
}

/** Everything a program can see of an error, as one text. */
function seen(e: Error): string {
  return JSON.stringify([String(e), e.name, e.message, e.stack, Object.keys(e), Object.getOwnPropertyNames(e).sort(),
    Object.getPrototypeOf(e).constructor.name, inspect(e)]);
}

test('every built-in error class comes back as itself, printing as the original', () => {
  for (const C of [Error, RangeError, TypeError, SyntaxError, ReferenceError, EvalError, URIError]) {
    const original = new C(`bad ${C.name}`);
    const back = roundTrip(original);
    assert.ok(back instanceof C, C.name);
    assert.ok(back instanceof Error);
    assert.is(seen(back), seen(original));
    assert.is(String(back), `${C.name}: bad ${C.name}`);
    assert.is(Object.prototype.toString.call(back), '[object Error]', 'a real error object, printed as one');
  }
});

test('an error without a message has none, one with an empty message keeps it', () => {
  for (const e of [new Error(), new Error('')]) assert.is(seen(roundTrip(e)), seen(e));
  assert.equal(Object.getOwnPropertyNames(roundTrip(new Error())), ['stack']);
});

test('own extra properties (code, a name set on the instance) stay enumerable, message and stack do not', () => {
  const e = Object.assign(new TypeError('no such file'), { code: 'ENOENT', errno: -2, name: 'FsError' });
  const back = roundTrip({ job: { error: e } }).job.error;
  assert.is(seen(back), seen(e));
  assert.equal(Object.keys(back), ['code', 'errno', 'name']);
  assert.is(String(back), 'FsError: no such file');
});

test('cause, an error or any value, and a cause that loops back', () => {
  const inner = new RangeError('inner');
  const outer = new Error('outer', { cause: inner });
  const back = roundTrip(outer);
  assert.ok(back.cause instanceof RangeError);
  assert.is((back.cause as Error).message, 'inner');
  assert.is(inspect(back), inspect(outer));
  assert.equal(roundTrip(new Error('x', { cause: { status: 404 } })).cause, { status: 404 });
  const loop = new Error('loop');
  loop.cause = loop;
  const loopBack = roundTrip(loop);
  assert.is(loopBack.cause, loopBack);
});

test('an AggregateError keeps its errors; one error met twice is one object', () => {
  const shared = new URIError('u');
  const all = new AggregateError([shared, new Error('e'), 7], 'several');
  const [back, again] = roundTrip([all, shared]);
  assert.ok(back instanceof AggregateError);
  assert.is(back.errors.length, 3);
  assert.ok(back.errors[0] instanceof URIError);
  assert.is(back.errors[0], again, 'the shared error is one object');
  assert.is(back.errors[2], 7);
  assert.is(inspect(back), inspect(all));
});

test('an exported Error subclass comes back as its class without running its constructor', () => {
  const e = new OutOfRange(12, 10);
  const back = roundTrip(e);
  assert.ok(back instanceof OutOfRange && back instanceof RangeError);
  assert.is(back.over, 2);
  assert.is(seen(back), seen(e));
});

test('an Error subclass no module exports is refused with its path, as any such class', () => {
  class Local extends Error {}
  try {
    encodeValue({ e: new Local('x') });
    assert.unreachable('refused');
  } catch (error) {
    assert.instance(error, UnsupportedValueError);
    assert.match((error as Error).message, /^an instance of class Local at \.e, which no loaded module exports/);
  }
});

test('a function inside an error is refused with its path', () => {
  const e = Object.assign(new Error('x'), { retry: () => 1 });
  assert.throws(() => encodeValue(e), (error: Error) => error.message === 'a function at .retry');
});

test.run();
