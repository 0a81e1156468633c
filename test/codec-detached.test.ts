/**
 * Detached objects in a data file (value.fbs Root.detached): objects the value no longer reaches, carried after it for
 * copy-back (worker/detached.ts). Encoded only when the value does not reach them, numbered after its objects, decoded
 * only when asked, and checked by the header walk like the value.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ByteBuffer } from 'flatbuffers';
import { decodeValue, encodeValue, frameProblem, headerOffset } from '../runtime/store/codec';
import { Root } from '../runtime/store/generated/value_generated';

function fileOf(value: unknown, detached: object[], origins = new Map<object, { data: number; index: number }>()): Buffer {
  const { parts, byteLength } = encodeValue(value, { detached, originOf: (object) => origins.get(object) });
  const file = Buffer.allocUnsafeSlow(byteLength);
  let at = 0;
  for (const part of parts) { file.set(part, at); at += part.length; }
  return file;
}

test('objects the value reaches are not carried again; the others come after it, sharing what they shared', () => {
  const kept = { id: 'kept' };
  const gone = { id: 'gone', peer: kept, data: new Float64Array([1, 2]) };
  const alsoGone = { id: 'also', inner: { deep: true } };
  const file = fileOf({ kept }, [kept, gone, alsoGone, gone.data]);
  let handed: unknown[] = [];
  let first = -1;
  const numbered: object[] = [];
  const value = decodeValue(file, { onObject: (o) => numbered.push(o), onDetached: (values, index) => { handed = values; first = index; } }) as { kept: object };
  assert.is(first, 2, 'the value made two objects');
  assert.is(handed.length, 2, 'kept is reached, gone.data is inside gone');
  const [g, a] = handed as [typeof gone, typeof alsoGone];
  assert.is(g.peer, value.kept, 'a detached object refers to the value\'s object, not a copy');
  assert.equal([...g.data], [1, 2]);
  assert.equal(a, alsoGone);
  assert.is(numbered.indexOf(g), first, 'numbered after the value\'s objects');
});

test('without onDetached the value alone is decoded, locks on detached objects included', () => {
  const gone = Object.freeze({ id: 'gone' });
  const file = fileOf([1, 'a'], [gone]);
  const numbered: object[] = [];
  assert.equal(decodeValue(file, { onObject: (o) => numbered.push(o) }), [1, 'a']);
  assert.is(numbered.length, 1);
  let handed: unknown[] = [];
  decodeValue(file, { onDetached: (values) => { handed = values; } });
  assert.ok(Object.isFrozen(handed[0]), 'decoded, it is locked as it was');
});

test('origins of detached objects travel with them', () => {
  const gone = { id: 'gone' };
  const file = fileOf({ a: 1 }, [gone], new Map([[gone, { data: 4, index: 2 }]]));
  const origins = new Map<object, unknown>();
  decodeValue(file, { onObject: (o, _, origin) => origins.set(o, origin), onDetached: () => {} });
  assert.equal([...origins.values()], [undefined, { data: 4, index: 2 }]);
});

test('the header walk checks detached values: a file with them passes, one with an unknown detached type does not', () => {
  const file = fileOf({ a: [1] }, [{ b: 'x'.repeat(100) }, new Uint8Array(16)]);
  const problem = (bytes: Buffer) => frameProblem(bytes.length, (offset, length) => bytes.subarray(offset, offset + length));
  assert.is(problem(file), undefined);
  const bb = new ByteBuffer(file.subarray(headerOffset(file) + 4));
  const types = Root.getRootAsRoot(bb).detachedTypeArray()!; // a view on the file's own bytes
  assert.is(types.length, 2);
  types[1] = 200;
  assert.match(problem(file) ?? '', /unknown|type/);
});

test.run();
