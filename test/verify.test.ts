/**
 * The header verifier (runtime/store/verify.ts) that runs, through codec.frameProblem, on every data file that came
 * from another machine before anything decodes it. Fuzzed: random byte changes in valid encodings of many value
 * shapes must either be refused with a clear reason or decode without an error (to some value: a changed double is
 * another double; the checksum in front, tested in blob-link.test.ts, is what refuses those). Never an internal
 * error, a hang or a huge allocation. Hand-made headers show what the decoder alone would do with them.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isDeepStrictEqual } from 'node:util';
import { Builder } from 'flatbuffers';
import { decodeValue, encodeValue, frameProblem } from '../runtime/store/codec';
import { headerProblem } from '../runtime/store/verify';
import { ArrayValue, Lock, Root, Value } from '../runtime/store/generated/value_generated';

/** A value's data file, 8-aligned at offset 0 as a reader holds it. */
function file(value: unknown): Uint8Array {
  const encoded = encodeValue(value);
  const out = new Uint8Array(new ArrayBuffer(encoded.byteLength));
  let at = 0;
  for (const part of encoded.parts) { out.set(part, at); at += part.byteLength; }
  return out;
}

const problemOf = (bytes: Uint8Array) => frameProblem(bytes.length, (offset, length) => bytes.subarray(offset, offset + length));

function shapes(): unknown[] {
  const shared = { name: 'shared', n: 1 };
  const cyclic: Record<string, unknown> = { label: 'cycle' };
  cyclic.self = cyclic;
  const buffer = new ArrayBuffer(64);
  const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays
  const nested: unknown[] = [0];
  let inner = nested;
  for (let i = 0; i < 40; i++) { const next: unknown[] = [i]; inner.push(next); inner = next; }
  return [
    0, -0, 1.5, NaN, -Infinity, true, false, null, undefined, 12345678901234567890n, -0xffn, '', 'plain text',
    'ünïcödé ✓ 😀', 'lone \ud800 surrogate', new Date(0), new Date(NaN), [], [1, 2, 3], [1, 'two', [3, [4]]], sparse,
    { a: 1, b: 'x', c: [true, null] }, Object.assign(Object.create(null), { plain: false }), { __proto__: null, k: 1 },
    { '': 'empty key', 'a b': 2 }, [shared, shared, { again: shared }], cyclic,
    new Map<unknown, unknown>([['k', 1], [2, { v: [1] }], [shared, shared]]), new Set([1, 'a', shared]),
    new Float64Array([1, 2.5, -3]), new Int32Array([7, -8]), new Uint8Array([1, 2, 255]), new BigInt64Array([1n, -2n]),
    new Float32Array(300).map((_, i) => i / 7), Buffer.from('bytes'),
    { left: new Int16Array(buffer, 0, 8), right: new Uint32Array(buffer, 16, 4), whole: new Uint8Array(buffer) },
    { points: new Float64Array(1000).map((_, i) => i), labels: new Int32Array(1000), meta: { k: 3, names: ['a', 'b'] } },
    nested, Array.from({ length: 200 }, (_, i) => ({ id: i, tag: `t${i % 7}`, w: i / 3 })),
  ];
}

test('every shape decodes to the very value, its header verified', () => {
  for (const [i, value] of shapes().entries()) {
    const bytes = file(value);
    assert.is(problemOf(bytes), undefined, `verified: shape ${i}`);
    const back = decodeValue(bytes);
    // An invalid Date is never equal to another (NaN times): compared by its time being NaN too.
    const same = value instanceof Date && Number.isNaN(value.getTime()) ? back instanceof Date && Number.isNaN(back.getTime()) : isDeepStrictEqual(back, value);
    assert.ok(same, `same value: shape ${i}`);
  }
});

test('fuzz: changed bytes are refused with a reason, or decode without an error; never an internal error or a hang', () => {
  let seed = 0x2545f491;
  const random = () => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return (seed >>> 0) / 2 ** 32; };
  const files = shapes().map(file);
  let refused = 0;
  let decoded = 0;
  let slowest = 0;
  for (let round = 0; round < 20_000; round++) {
    const original = files[round % files.length]!;
    const bytes = original.slice();
    const header = bytes.length - new DataView(bytes.buffer).getUint32(bytes.length - 4, true); // near the end: mostly header
    for (let n = 1 + Math.floor(random() * 4); n > 0; n--) {
      // Mostly in the header (where structure is), sometimes anywhere (length fields, body).
      const at = random() < 0.8 ? bytes.length - 1 - Math.floor(random() * Math.min(bytes.length, Math.max(64, bytes.length - header))) : Math.floor(random() * bytes.length);
      bytes[at] = random() < 0.5 ? bytes[at]! ^ (1 << Math.floor(random() * 8)) : Math.floor(random() * 256);
    }
    const started = performance.now();
    const problem = problemOf(bytes);
    if (problem !== undefined) {
      assert.type(problem, 'string');
      refused++;
    } else {
      try {
        decodeValue(bytes);
      } catch (error) {
        assert.unreachable(`round ${round}: verified bytes failed to decode: ${(error as Error).stack}\n${Buffer.from(bytes).toString('base64')}`);
      }
      decoded++;
    }
    slowest = Math.max(slowest, performance.now() - started);
  }
  assert.ok(refused > 5000, `${refused} refused`);
  assert.ok(decoded > 1000, `${decoded} decoded`);
  if (process.env.VERIFY_FUZZ_REPORT) console.log({ refused, decoded, slowest });
  assert.ok(slowest < 1000, `the slowest case took ${slowest.toFixed(0)} ms`);
});

/** A data file with an empty body around a header made by `build`. */
function handMade(build: (b: Builder) => [Value, number], lockedObjects: number[] = []): Uint8Array {
  const b = new Builder(256);
  b.forceDefaults(true);
  const [type, value] = build(b);
  const regions = Root.createRegionsVector(b, []);
  Root.startOriginsVector(b, 0);
  const origins = b.endVector();
  Root.startLocksVector(b, lockedObjects.length);
  for (const index of [...lockedObjects].reverse()) Lock.createLock(b, index, 3);
  const locks = b.endVector();
  // (An offset of 0 would not mean "absent" here: with forced defaults it is written as a pointer to itself.)
  Root.finishSizePrefixedRootBuffer(b, Root.createRoot(b, type, value, regions, origins, Root.createClassesVector(b, []), locks, Root.createWholeBuffersVector(b, [])));
  const header = b.asUint8Array();
  const out = new Uint8Array(8 + header.length); // body length 0, then the header at 8
  out.set(header, 8);
  return out;
}

const array = (b: Builder, items: number[]) => arrayOf(b, items.map(() => Value.ArrayValue), items);

/** An ArrayValue of elements only (under forceDefaults, an absent field given as 0 would point at itself). */
function arrayOf(b: Builder, types: Value[], items: number[]): number {
  const typesVector = ArrayValue.createItemsTypeVector(b, types);
  const itemsVector = ArrayValue.createItemsVector(b, items);
  ArrayValue.startArrayValue(b);
  ArrayValue.addItemsType(b, typesVector);
  ArrayValue.addItems(b, itemsVector);
  return ArrayValue.endArrayValue(b);
}

test('a header whose tables are shared (a value exponentially larger than its bytes) is refused', () => {
  const bytes = handMade((b) => {
    let inner = array(b, []);
    for (let level = 0; level < 60; level++) inner = array(b, [inner, inner]); // 2^60 arrays when decoded
    return [Value.ArrayValue, inner];
  });
  assert.ok(bytes.length < 4096);
  assert.match(problemOf(bytes)!, /its header is malformed: more values than its \d+ bytes can hold/);
});

test('a lock must name an object the value makes', () => {
  const locking = (index: number) => handMade((b) => [Value.ArrayValue, array(b, [array(b, [])])], [index]);
  assert.is(problemOf(locking(1)), undefined);
  assert.match(problemOf(locking(2))!, /a lock on object 2, which is not one of its 2/);
});

test('an offset outside the header, a union type out of range, nesting past the cap: refused, naming why', () => {
  const broken = file([[1, 2], 'x']);
  const framedAt = 8 + (new DataView(broken.buffer).getUint32(0, true) + 7 & ~7);
  new DataView(broken.buffer).setUint32(framedAt + 4, 0x7fffff00, true); // the root offset
  assert.match(problemOf(broken)!, /root offset|outside the header/);
  const deep = file(shapes().find((v) => Array.isArray(v) && v.length === 2 && Array.isArray(v[1]))!);
  const framed = deep.subarray(8 + (new DataView(deep.buffer).getUint32(0, true) + 7 & ~7));
  assert.is(headerProblem(Uint8Array.from(framed), 0), undefined);
  assert.match(headerProblem(Uint8Array.from(framed), 0, 10)!, /values nested deeper than 10/);
  const unknown = handMade((b) => [Value.ArrayValue, arrayOf(b, [99 as Value], [array(b, [])])]);
  assert.match(problemOf(unknown)!, /a value of unknown type 99/);
});

test.run();
