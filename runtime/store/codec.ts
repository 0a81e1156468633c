/**
 * The codec of data files (d<id>v<ver>): a value in, the bytes of a file out, and back.
 *
 * Layout, Arrow-IPC-like so that typed arrays cross without copies in user space:
 *
 *   [u64 LE: B][body: B bytes][zeros to an 8-byte boundary][u32 LE: H][H bytes: FlatBuffer "TSKF" (value.fbs)]
 *
 * The body holds the bytes of every typed array, each starting 8-byte aligned, so that encoding hands the
 * caller's own arrays to writev and decoding returns views of the buffer the file was read into. Everything
 * else lives in the FlatBuffer, which trails the body in FlatBuffers' own size-prefixed form.
 *
 * Why the body comes first: a file whose value is one typed array is then [byte length][elements], which is
 * exactly a POSIX shared-memory object as shm-typed-array maps it. An @rro version's file is made a segment
 * by a hard link, with no copy (worker/rro-table.ts).
 */
import { Builder, ByteBuffer } from 'flatbuffers';
import {
  ArrayValue, BigIntValue, BoolValue, DateValue, MapValue, NullValue, NumberArrayValue, NumberValue, ObjectValue,
  Root, SetValue, StringValue, TypedArrayKind, TypedArrayValue, UndefinedValue, Value,
} from './generated/value_generated';

export interface EncodedValue {
  /** Chunks to write in order with fs.writevSync: the framed header first, then body chunks and padding.
   *  Body chunks are views on the caller's typed arrays: write them before the caller changes those arrays. */
  readonly parts: Uint8Array[];
  readonly byteLength: number;
}

/** A value the codec cannot carry. `path` is relative to the encoded value ("" for the value itself). */
export class UnsupportedValueError extends Error {
  constructor(readonly typeName: string, readonly path: string, description: string, detail = '') {
    super(`${description}${path ? ` at ${path}` : ''}${detail}`);
    this.name = 'UnsupportedValueError';
  }
}

type TypedArrayConstructor = {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): ArrayBufferView;
  readonly BYTES_PER_ELEMENT: number;
  readonly prototype: object;
};

/** Indexed by TypedArrayKind. Buffer, the kind after these, is a Uint8Array made by Buffer.from. */
const TYPED_ARRAYS: readonly TypedArrayConstructor[] = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
];
const KIND_OF_PROTOTYPE = new Map<object, TypedArrayKind>([
  ...TYPED_ARRAYS.map((C, kind) => [C.prototype, kind] as const),
  [Buffer.prototype, TypedArrayKind.Buffer],
]);
const NOT_SUPPORTED_YET = new Set<unknown>([ArrayBuffer, SharedArrayBuffer, DataView]);

const ZEROS = new Uint8Array(8);
// With the `u` flag a well-formed surrogate pair is one code point, so this matches unpaired surrogates only.
const UNPAIRED_SURROGATE = /\p{Surrogate}/u;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

const padTo8 = (n: number): number => (8 - (n % 8)) % 8;

export function encodeValue(value: unknown): EncodedValue {
  const encoder = new Encoder();
  const [type, offset] = encoder.value(value, '');
  const builder = encoder.builder;
  Root.finishSizePrefixedRootBuffer(builder, Root.createRoot(builder, type, offset));
  const header = builder.asUint8Array();
  const bodyBytes = new Uint8Array(BODY_START);
  new DataView(bodyBytes.buffer).setBigUint64(0, BigInt(encoder.bodyLength), true);
  const padding = ZEROS.subarray(0, padTo8(encoder.bodyLength));
  return {
    parts: [bodyBytes, ...encoder.body, padding, header],
    byteLength: BODY_START + encoder.bodyLength + padding.length + header.length,
  };
}

/** Where the body starts in every data file: after its u64 length. */
export const BODY_START = 8;

/** Where the framed header starts (8-aligned, after the body), given at least the first 8 bytes of a file. */
export function headerOffset(first8: Uint8Array): number {
  if (first8.length < BODY_START) throw new Error(`headerOffset needs the first 8 bytes of a data file, got ${first8.length}`);
  const body = Number(new DataView(first8.buffer, first8.byteOffset, BODY_START).getBigUint64(0, true));
  return BODY_START + body + padTo8(body);
}

/** bytes: the whole file, 8-aligned in its buffer. Typed arrays come back as views on bytes.buffer. */
export function decodeValue(bytes: Uint8Array): unknown {
  if (bytes.byteOffset % 8 !== 0) {
    throw new Error(
      `decodeValue needs bytes 8-aligned in their buffer (byteOffset ${bytes.byteOffset}) so that typed arrays ` +
        'can be views of it; read the file into Buffer.allocUnsafeSlow(size)',
    );
  }
  const at = headerOffset(bytes);
  if (at > bytes.length) throw new Error(`data file truncated: its header starts at ${at}, the file has ${bytes.length} bytes`);
  const root = readRoot(bytes.subarray(at));
  return new Decoder(bytes, BODY_START).value(root.valueType(), (obj) => root.value(obj));
}

/**
 * Where the payload of a file whose root value is a typed array sits, from its framed header alone (the
 * bytes from headerOffset on); else null.
 */
export function typedArrayPayload(header: Uint8Array): { type: string; length: number; fileOffset: number } | null {
  const root = readRoot(header);
  if (root.valueType() !== Value.TypedArrayValue) return null;
  const array: TypedArrayValue = root.value(new TypedArrayValue());
  return {
    type: TypedArrayKind[array.kind()],
    length: Number(array.byteLength()) / bytesPerElement(array.kind()),
    fileOffset: BODY_START + Number(array.offset()),
  };
}

/** header: the framed FlatBuffer, u32 length first. */
function readRoot(header: Uint8Array): Root {
  const needed = header.length >= 4 ? 4 + new DataView(header.buffer, header.byteOffset, 4).getUint32(0, true) : 4;
  if (header.length < needed) throw new Error(`data file header truncated: needs ${needed} bytes, got ${header.length}`);
  const bb = new ByteBuffer(header);
  bb.setPosition(4);
  if (!Root.bufferHasIdentifier(bb)) throw new Error('not a taskify data file (no "TSKF" file identifier)');
  return Root.getRootAsRoot(bb);
}

const bytesPerElement = (kind: TypedArrayKind): number =>
  kind === TypedArrayKind.Buffer ? 1 : TYPED_ARRAYS[kind]!.BYTES_PER_ELEMENT;

const keyPath = (key: string): string => (IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);

const mapValuePath = (path: string, key: unknown, i: number): string =>
  typeof key === 'string' || Number.isFinite(key) ? `${path}.get(${JSON.stringify(key)})` : `${path}.values()[${i}]`;

const withArticle = (name: string): string => `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;

/** Own properties other than constructor anywhere below Object.prototype: behaviour a plain object would lose. */
function definesMethods(proto: object): boolean {
  for (let p: object | null = proto; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    if (Reflect.ownKeys(p).some((key) => key !== 'constructor')) return true;
  }
  return false;
}

function unsupportedObject(proto: object, path: string): UnsupportedValueError {
  const ctor: unknown = (proto as { constructor?: unknown }).constructor;
  const name = (typeof ctor === 'function' && ctor.name) || 'anonymous';
  if (NOT_SUPPORTED_YET.has(ctor)) {
    return new UnsupportedValueError(name, path, withArticle(name), ' (not supported yet; pass a typed array)');
  }
  if (typeof ctor === 'function' && Function.prototype.toString.call(ctor).endsWith('{ [native code] }')) {
    return new UnsupportedValueError(name, path, withArticle(name));
  }
  return new UnsupportedValueError(name, path, `a class instance (${name}) with methods`);
}

type Encoded = [Value, number];

class Encoder {
  readonly builder = new Builder(1024);
  /** Body chunks with their padding, in file order. */
  readonly body: Uint8Array[] = [];
  bodyLength = 0;
  /** Objects on the path from the root to the value being encoded, with their paths: a cycle, unlike a shared
   *  reference, meets one of them again. */
  private readonly ancestors = new Map<object, string>();

  constructor() {
    // Scalars equal to their default are otherwise left out, and -0 (=== 0) would come back as 0.
    // So no field may be added with offset 0 ("absent"): it would be written as a pointer to itself.
    this.builder.forceDefaults(true);
  }

  value(v: unknown, path: string): Encoded {
    const b = this.builder;
    switch (typeof v) {
      case 'undefined':
        return [Value.UndefinedValue, UndefinedValue.createUndefinedValue(b)];
      case 'boolean':
        return [Value.BoolValue, BoolValue.createBoolValue(b, v)];
      case 'number':
        return [Value.NumberValue, NumberValue.createNumberValue(b, v)];
      case 'bigint':
        return [Value.BigIntValue, BigIntValue.createBigIntValue(b, b.createString(v.toString(16)))];
      case 'string':
        return [Value.StringValue, this.string(v)];
      case 'function':
        throw new UnsupportedValueError('function', path, 'a function');
      case 'symbol':
        throw new UnsupportedValueError('symbol', path, 'a symbol');
    }
    if (v === null) return [Value.NullValue, NullValue.createNullValue(b)];
    return this.object(v as object, path);
  }

  private object(v: object, path: string): Encoded {
    const cycleStart = this.ancestors.get(v);
    if (cycleStart !== undefined) {
      throw new UnsupportedValueError('cycle', path, 'a cycle', ` (refers back to ${cycleStart || '.'})`);
    }
    this.ancestors.set(v, path);
    const encoded = this.objectByPrototype(v, path);
    this.ancestors.delete(v);
    return encoded;
  }

  private objectByPrototype(v: object, path: string): Encoded {
    const proto: object | null = Object.getPrototypeOf(v);
    switch (proto) {
      case Object.prototype:
      case null:
        return this.record(v, proto === null, path);
      case Array.prototype:
        return this.array(v as unknown[], path);
      case Map.prototype:
        return this.map(v as Map<unknown, unknown>, path);
      case Set.prototype:
        return this.set(v as Set<unknown>, path);
      case Date.prototype:
        return [Value.DateValue, DateValue.createDateValue(this.builder, (v as Date).getTime())];
    }
    const kind = KIND_OF_PROTOTYPE.get(proto);
    if (kind !== undefined) return this.typedArray(v as ArrayBufferView, kind);
    if (!definesMethods(proto)) return this.record(v, false, path);
    throw unsupportedObject(proto, path);
  }

  private string(s: string): number {
    const b = this.builder;
    const wellFormed = !UNPAIRED_SURROGATE.test(s);
    const data = wellFormed ? b.createString(s) : StringValue.createUtf16Vector(b, codeUnits(s));
    StringValue.startStringValue(b);
    if (wellFormed) StringValue.addText(b, data);
    else StringValue.addUtf16(b, data);
    return StringValue.endStringValue(b);
  }

  private array(v: unknown[], path: string): Encoded {
    const b = this.builder;
    if (isNumberArray(v)) {
      return [Value.NumberArrayValue, NumberArrayValue.createNumberArrayValue(b, NumberArrayValue.createItemsVector(b, v))];
    }
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) throw new UnsupportedValueError('Array', path, `a sparse array (hole at index ${i})`);
    }
    const [types, offsets] = this.items(v, (i) => `${path}[${i}]`);
    return [
      Value.ArrayValue,
      ArrayValue.createArrayValue(b, ArrayValue.createItemsTypeVector(b, types), ArrayValue.createItemsVector(b, offsets)),
    ];
  }

  private record(v: object, nullPrototype: boolean, path: string): Encoded {
    const b = this.builder;
    const keys = Object.keys(v);
    const [types, offsets] = this.items(
      keys.map((key) => (v as Record<string, unknown>)[key]),
      (i) => path + keyPath(keys[i]!),
    );
    const keyOffsets = keys.map((key) => {
      // Keys are plain FlatBuffers strings (UTF-8, shared between records), so unlike values they cannot fall back to UTF-16.
      if (UNPAIRED_SURROGATE.test(key)) {
        throw new UnsupportedValueError('string', path + keyPath(key), 'a key with an unpaired surrogate');
      }
      // createSharedString returns 0, "absent", for '': in a vector that is a pointer past the header.
      return key === '' ? b.createString(key) : b.createSharedString(key);
    });
    return [
      Value.ObjectValue,
      ObjectValue.createObjectValue(
        b,
        nullPrototype,
        ObjectValue.createKeysVector(b, keyOffsets),
        ObjectValue.createValuesTypeVector(b, types),
        ObjectValue.createValuesVector(b, offsets),
      ),
    ];
  }

  private map(m: Map<unknown, unknown>, path: string): Encoded {
    const b = this.builder;
    const keys = [...m.keys()];
    const [keyTypes, keyOffsets] = this.items(keys, (i) => `${path}.keys()[${i}]`);
    const [valueTypes, valueOffsets] = this.items([...m.values()], (i) => mapValuePath(path, keys[i], i));
    return [
      Value.MapValue,
      MapValue.createMapValue(
        b,
        MapValue.createKeysTypeVector(b, keyTypes),
        MapValue.createKeysVector(b, keyOffsets),
        MapValue.createValuesTypeVector(b, valueTypes),
        MapValue.createValuesVector(b, valueOffsets),
      ),
    ];
  }

  private set(s: Set<unknown>, path: string): Encoded {
    const b = this.builder;
    const [types, offsets] = this.items([...s], (i) => `${path}.values()[${i}]`);
    return [
      Value.SetValue,
      SetValue.createSetValue(b, SetValue.createItemsTypeVector(b, types), SetValue.createItemsVector(b, offsets)),
    ];
  }

  /** Encodes each value; a FlatBuffers vector can only be built once its elements are. */
  private items(values: readonly unknown[], pathOf: (i: number) => string): [Value[], number[]] {
    const types: Value[] = [];
    const offsets: number[] = [];
    for (let i = 0; i < values.length; i++) {
      const [type, offset] = this.value(values[i], pathOf(i));
      types.push(type);
      offsets.push(offset);
    }
    return [types, offsets];
  }

  private typedArray(v: ArrayBufferView, kind: TypedArrayKind): Encoded {
    const padding = padTo8(this.bodyLength);
    const offset = this.bodyLength + padding;
    this.body.push(ZEROS.subarray(0, padding), new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    this.bodyLength = offset + v.byteLength;
    return [
      Value.TypedArrayValue,
      TypedArrayValue.createTypedArrayValue(this.builder, kind, BigInt(offset), BigInt(v.byteLength)),
    ];
  }
}

function codeUnits(s: string): Uint16Array {
  const units = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) units[i] = s.charCodeAt(i);
  return units;
}

/** Holes read as undefined, so a sparse array never passes. */
function isNumberArray(v: unknown[]): v is number[] {
  if (v.length === 0) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number') return false;
  return true;
}

/** The accessor of a union field: fills obj with the field's table. */
type Read = (obj: any) => any;

class Decoder {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly bodyStart: number,
  ) {}

  value(type: Value, read: Read): unknown {
    switch (type) {
      case Value.UndefinedValue:
        return undefined;
      case Value.NullValue:
        return null;
      case Value.BoolValue:
        return (read(new BoolValue()) as BoolValue).value();
      case Value.NumberValue:
        return (read(new NumberValue()) as NumberValue).value();
      case Value.BigIntValue: {
        const hex = (read(new BigIntValue()) as BigIntValue).hex() as string;
        return hex.startsWith('-') ? -BigInt(`0x${hex.slice(1)}`) : BigInt(`0x${hex}`);
      }
      case Value.StringValue:
        return decodeString(read(new StringValue()));
      case Value.DateValue:
        return new Date((read(new DateValue()) as DateValue).time());
      case Value.ArrayValue: {
        const a: ArrayValue = read(new ArrayValue());
        return this.items(a.itemsLength(), (i) => a.itemsType(i), (i, obj) => a.items(i, obj));
      }
      case Value.NumberArrayValue:
        return numberArray((read(new NumberArrayValue()) as NumberArrayValue).itemsArray() ?? new Float64Array(0));
      case Value.ObjectValue:
        return this.record(read(new ObjectValue()));
      case Value.MapValue: {
        const m: MapValue = read(new MapValue());
        const keys = this.items(m.keysLength(), (i) => m.keysType(i), (i, obj) => m.keys(i, obj));
        const values = this.items(m.valuesLength(), (i) => m.valuesType(i), (i, obj) => m.values(i, obj));
        return new Map(keys.map((key, i) => [key, values[i]]));
      }
      case Value.SetValue: {
        const s: SetValue = read(new SetValue());
        return new Set(this.items(s.itemsLength(), (i) => s.itemsType(i), (i, obj) => s.items(i, obj)));
      }
      case Value.TypedArrayValue:
        return this.typedArray(read(new TypedArrayValue()));
    }
    throw new Error(`data file holds an unknown value type ${type} (written by another version of taskify?)`);
  }

  private items(n: number, typeAt: (i: number) => Value | null, itemAt: (i: number, obj: any) => any): unknown[] {
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) out.push(this.value(typeAt(i) ?? Value.NONE, (obj) => itemAt(i, obj)));
    return out;
  }

  private record(o: ObjectValue): object {
    const out: Record<string, unknown> = o.nullPrototype() ? Object.create(null) : {};
    const values = this.items(o.valuesLength(), (i) => o.valuesType(i), (i, obj) => o.values(i, obj));
    values.forEach((value, i) => {
      const key = o.keys(i) as string;
      // Assigning "__proto__" would set the prototype instead of creating the own property the value had.
      if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
    });
    return out;
  }

  private typedArray(t: TypedArrayValue): ArrayBufferView {
    const start = this.bodyStart + Number(t.offset());
    const byteLength = Number(t.byteLength());
    if (start + byteLength > this.bytes.length) {
      throw new Error(`data file truncated: a typed array ends at byte ${start + byteLength}, the file has ${this.bytes.length}`);
    }
    const kind = t.kind();
    const byteOffset = this.bytes.byteOffset + start;
    if (kind === TypedArrayKind.Buffer) return Buffer.from(this.bytes.buffer, byteOffset, byteLength);
    const C = TYPED_ARRAYS[kind]!;
    return new C(this.bytes.buffer, byteOffset, byteLength / C.BYTES_PER_ELEMENT);
  }
}

/** A preallocated array filled by a loop: about 3x faster than Array.from on a Float64Array. */
function numberArray(items: Float64Array): number[] {
  const out = new Array<number>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = items[i]!;
  return out;
}

function decodeString(s: StringValue): string {
  const units = s.utf16Array();
  if (units === null) return s.text() as string;
  let out = '';
  // In slices: spreading a long string's code units as arguments would overflow the stack.
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.subarray(i, i + 8192));
  return out;
}
