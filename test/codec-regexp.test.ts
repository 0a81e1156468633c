/**
 * RegExps travel (value.fbs RegExpValue): source, flags and their own properties, lastIndex among them, so that a
 * global or sticky RegExp a task was given, returned or holds in module state resumes where the caller left it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeValue, encodeValue, UnsupportedValueError } from '../runtime/store/codec';
import { headerProblem } from '../runtime/store/verify';

function fileOf(value: unknown, programObjects = false): Buffer {
  const { parts, byteLength } = encodeValue(value, { programObjects });
  const file = Buffer.allocUnsafeSlow(byteLength);
  let at = 0;
  for (const part of parts) { file.set(part, at); at += part.length; }
  return file;
}
const roundTrip = <T>(value: T, programObjects = false): T => decodeValue(fileOf(value, programObjects)) as T;

test('a RegExp comes back with its source, flags and lastIndex, as a real RegExp', () => {
  const word = /^(\w+)=(\d+)$/;
  const back = roundTrip(word);
  assert.instance(back, RegExp);
  assert.is(back.source, word.source);
  assert.is(back.flags, '');
  assert.is(back.exec('a=1')?.[2], '1');
  const g = /o/gy;
  g.lastIndex = 5;
  const moved = roundTrip(g);
  assert.is(moved.flags, 'gy');
  assert.is(moved.lastIndex, 5);
  assert.is(moved.exec('foo boo')?.index, 5, 'a sticky RegExp resumes at its lastIndex');
  const stuck = roundTrip(Object.defineProperty(/s/g, 'lastIndex', { value: 2, writable: false }));
  assert.is(stuck.lastIndex, 2);
  assert.is(Object.getOwnPropertyDescriptor(stuck, 'lastIndex')?.writable, false);
  const all = roundTrip(/\p{L}+[\/]/dgimsu);
  assert.is(all.flags, 'dgimsu');
  assert.is(all.source, '\\p{L}+[\\/]');
  assert.equal(Object.getOwnPropertyNames(roundTrip(/x/)), ['lastIndex']);
  const empty = roundTrip(new RegExp(''));
  assert.is(empty.source, '(?:)');
});

test('a RegExp inside data, shared and with own properties, keeps identity and properties', () => {
  const re = Object.assign(/a|b/i, { label: 'ab' });
  Object.defineProperty(re, 'hidden', { value: 3, enumerable: false });
  const back = roundTrip({ one: re, two: [re], self: undefined as unknown });
  assert.is(back.one, back.two[0], 'one RegExp object, as in the caller');
  assert.is((back.one as typeof re).label, 'ab');
  assert.is(Object.getOwnPropertyDescriptor(back.one, 'hidden')?.enumerable, false);
  assert.is((back.one as unknown as { hidden: number }).hidden, 3);
  const frozen = roundTrip(Object.freeze(/z/g));
  assert.ok(Object.isFrozen(frozen));
  const odd = /q/;
  (odd as unknown as { lastIndex: unknown }).lastIndex = 'not a number';
  assert.is(roundTrip(odd).lastIndex as unknown, 'not a number');
});

test('the program\'s RegExp with an accessor or a symbol key is refused for its kind; the header of one is checked', () => {
  const re = /a/;
  Object.defineProperty(re, 'size', { get: () => 1, enumerable: true });
  assert.throws(() => encodeValue(re, { programObjects: true }), (e: unknown) => e instanceof UnsupportedValueError && /accessor/.test(e.message));
  assert.is(roundTrip(re).source, 'a', 'a task\'s own RegExp leaves an accessor behind, as for other objects');
  const file = fileOf({ r: /x/g });
  const at = 8 + Number(file.readBigUInt64LE(0));
  assert.is(headerProblem(Uint8Array.from(file.subarray(at + ((8 - (at % 8)) % 8))), 0), undefined);
});

test('a task\'s match array keeps its named properties; a call\'s own one is refused for its kind (it runs in place)', () => {
  const m = 'mail joe@example'.match(/(?<user>\w+)@(?<host>\w+)/d)!;
  const back = roundTrip(m);
  assert.equal([...back], [...m]);
  assert.is(back.index, 5);
  assert.is(back.input, 'mail joe@example');
  assert.is(back.groups?.host, 'example');
  assert.is(Object.getPrototypeOf(back.groups), null);
  assert.equal(back.indices?.groups?.user, [5, 8]);
  assert.equal(Object.keys(back), Object.keys(m));
  const sparse = Object.assign(['a', , 'c'], { note: 'x' });
  const again = roundTrip(sparse);
  assert.ok(!(1 in again), 'a hole stays a hole');
  assert.is(again.note, 'x');
  assert.throws(() => encodeValue(m, { programObjects: true }), (e: unknown) => e instanceof UnsupportedValueError && /an array with a property of its own/.test(e.message));
});

test.run();
