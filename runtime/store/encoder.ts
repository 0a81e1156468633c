/**
 * Value → FlatBuffer header + body chunks (layout in codec.ts). One pass over the value graph:
 * - objects are numbered as they are entered; one met again (shared, or on a cycle) becomes a RefValue;
 * - typed arrays are views on regions: all views of one ArrayBuffer share one region of the body, which covers
 *   them all, so views that overlap in the caller overlap again when decoded;
 * - instances of exported classes carry a reference to their class; anything the other side could not rebuild
 *   faithfully is refused with its path.
 */
import { Builder } from 'flatbuffers';
import { constants } from 'node:buffer';
import {
  ArrayValue, BigIntValue, BoolValue, ClassRef as ClassRefTable, DateValue, HoleValue, MapValue, NullValue,
  NumberArrayValue, NumberValue, ObjectValue, Origin, RefValue, Root, SetValue, StringValue, TypedArrayKind,
  TypedArrayValue, UndefinedValue, Value,
} from './generated/value_generated';
import { classRefOf, hasPrivateFields, type ClassRef } from './classes';

/** A value the codec cannot carry. `path` is relative to the encoded value ("" for the value itself). */
export class UnsupportedValueError extends Error {
  constructor(readonly typeName: string, readonly path: string, private readonly description: string, private readonly detail = '') {
    super(`${description}${path ? ` at ${path}` : ''}${detail}`);
    this.name = 'UnsupportedValueError';
  }

  /** The message with another path: the value that was encoded is part of a larger one (a group's root). */
  at(path: string): string { return `${this.description}${path ? ` at ${path}` : ''}${this.detail}`; }
}

export interface EncodedValue {
  /** Chunks to write in order with fs.writevSync: the body's length, body chunks and padding, then the header.
   *  Body chunks are views on the caller's buffers: write them before the caller changes those arrays. */
  readonly parts: Uint8Array[];
  readonly byteLength: number;
}

/** Where an object came from, for copy-back (see value.fbs, Origin). */
export interface ObjectOrigin { readonly data: number; readonly index: number }

export interface EncodeOptions {
  /** The origin to record for the object numbered `index`; undefined for a new object. */
  originOf?(object: object, index: number): ObjectOrigin | undefined;
  /** Called for each object before its contents are read (the main thread brings pending writes to it home). */
  beforeObject?(object: object): void;
  /** The largest file to produce (default MAX_FILE_BYTES: what a reader can take in one buffer). */
  maxBytes?: number;
}

type TypedArrayConstructor = {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): ArrayBufferView;
  readonly BYTES_PER_ELEMENT: number;
  readonly prototype: object;
};

/** Indexed by TypedArrayKind. Buffer, the kind after these, is a Uint8Array made by Buffer.from. */
export const TYPED_ARRAYS: readonly TypedArrayConstructor[] = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
];
const KIND_OF_PROTOTYPE = new Map<object, TypedArrayKind>([
  ...TYPED_ARRAYS.map((C, kind) => [C.prototype, kind] as const),
  [Buffer.prototype, TypedArrayKind.Buffer],
]);
const NOT_SUPPORTED_YET = new Set<unknown>([ArrayBuffer, SharedArrayBuffer, DataView]);
/** Set on the API's Future.prototype. */
const FUTURE = Symbol.for('taskify.future');
const BUILTIN_PROTOTYPES = new Set<unknown>([Array.prototype, Map.prototype, Set.prototype, Date.prototype]);
const ZEROS = new Uint8Array(8);
// With the `u` flag a well-formed surrogate pair is one code point, so this matches unpaired surrogates only.
const UNPAIRED_SURROGATE = /\p{Surrogate}/u;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** The largest file a reader can take in one buffer. */
export const MAX_FILE_BYTES = constants.MAX_LENGTH;
export const BODY_START = 8;

export const padTo8 = (n: number): number => (8 - (n % 8)) % 8;

export function encodeValue(value: unknown, options: EncodeOptions = {}): EncodedValue {
  const encoder = new Encoder(options);
  const [type, offset] = encoder.value(value, '');
  return encoder.finish(type, offset);
}

const keyPath = (key: string): string => (IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);
const mapValuePath = (path: string, key: unknown, i: number): string =>
  typeof key === 'string' || Number.isFinite(key) ? `${path}.get(${JSON.stringify(key)})` : `${path}.values()[${i}]`;
const withArticle = (name: string): string => `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;

/** `path`, `type`: the view that made the region, to name the largest part of a value over the size limit. */
interface Region { readonly index: number; start: number; end: number; align: number; readonly buffer: ArrayBufferLike; readonly path: string; readonly type: string }
type Encoded = [Value, number];

class Encoder {
  private readonly builder = new Builder(1024);
  private readonly numbers = new Map<object, number>();
  private readonly origins: (ObjectOrigin | undefined)[] = [];
  private anyOrigin = false;
  private readonly regions = new Map<ArrayBufferLike, Region>();
  private readonly classes: ClassRef[] = [];
  private readonly classIndex = new Map<Function, number>();

  constructor(private readonly options: EncodeOptions) {
    // Scalars equal to their default are otherwise left out, and -0 (=== 0) would come back as 0.
    // So no field may be added with offset 0 ("absent"): it would be written as a pointer to itself.
    this.builder.forceDefaults(true);
  }

  value(v: unknown, path: string): Encoded {
    const b = this.builder;
    switch (typeof v) {
      case 'undefined': return [Value.UndefinedValue, UndefinedValue.createUndefinedValue(b)];
      case 'boolean': return [Value.BoolValue, BoolValue.createBoolValue(b, v)];
      case 'number': return [Value.NumberValue, NumberValue.createNumberValue(b, v)];
      case 'bigint': return [Value.BigIntValue, BigIntValue.createBigIntValue(b, b.createString(v.toString(16)))];
      case 'string': return [Value.StringValue, this.string(v)];
      case 'function': throw new UnsupportedValueError('function', path, 'a function');
      case 'symbol': throw new UnsupportedValueError('symbol', path, 'a symbol');
    }
    if (v === null) return [Value.NullValue, NullValue.createNullValue(b)];
    const seen = this.numbers.get(v as object);
    if (seen !== undefined) return [Value.RefValue, RefValue.createRefValue(b, seen)];
    const index = this.numbers.size;
    this.numbers.set(v as object, index);
    const origin = this.options.originOf?.(v as object, index);
    this.origins.push(origin);
    if (origin) this.anyOrigin = true;
    this.options.beforeObject?.(v as object);
    return this.object(v as object, path);
  }

  private object(v: object, path: string): Encoded {
    const proto: object | null = Object.getPrototypeOf(v);
    switch (proto) {
      case Object.prototype:
      case null:
        return this.record(v, proto === null, -1, path);
      case Array.prototype: return this.array(v as unknown[], path);
      case Map.prototype: return this.map(v as Map<unknown, unknown>, path);
      case Set.prototype: return this.set(v as Set<unknown>, path);
      case Date.prototype: return [Value.DateValue, DateValue.createDateValue(this.builder, (v as Date).getTime())];
    }
    const kind = KIND_OF_PROTOTYPE.get(proto);
    if (kind !== undefined) return this.typedArray(v as ArrayBufferView, kind, path);
    const subclass = builtinSubclass(v);
    if (subclass) throw subclass(path);
    if ((proto as Record<symbol, unknown>)[FUTURE]) {
      throw new UnsupportedValueError('Future', path, 'a Future', ' (inside a value it must be waited for first: pass its value, or the Future itself as an argument)');
    }
    return this.record(v, false, this.classOf(proto, path), path);
  }

  private classOf(proto: object, path: string): number {
    const ctor: unknown = (proto as { constructor?: unknown }).constructor;
    const name = (typeof ctor === 'function' && ctor.name) || 'anonymous';
    if (typeof ctor !== 'function' || ctor.prototype !== proto) {
      throw new UnsupportedValueError(name, path, 'an object with a custom prototype', ' (not made by a class a worker can import)');
    }
    if (NOT_SUPPORTED_YET.has(ctor)) throw new UnsupportedValueError(name, path, withArticle(name), ' (not supported yet; pass a typed array)');
    if (Function.prototype.toString.call(ctor).endsWith('{ [native code] }')) throw new UnsupportedValueError(name, path, withArticle(name));
    const known = this.classIndex.get(ctor);
    if (known !== undefined) return known;
    if (hasPrivateFields(ctor)) {
      throw new UnsupportedValueError(name, path, `an instance of class ${name}`, ', which has private #fields that cannot be copied');
    }
    const ref = classRefOf(ctor);
    if (!ref) {
      throw new UnsupportedValueError(name, path, `an instance of class ${name}`,
        ', which no loaded module exports (a worker rebuilds an instance by importing its class: export it from its module)');
    }
    this.classes.push(ref);
    this.classIndex.set(ctor, this.classes.length - 1);
    return this.classes.length - 1;
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
    const types: Value[] = [];
    const offsets: number[] = [];
    for (let i = 0; i < v.length; i++) {
      const [type, offset] = i in v ? this.value(v[i], `${path}[${i}]`) : [Value.HoleValue, HoleValue.createHoleValue(b)];
      types.push(type);
      offsets.push(offset);
    }
    return [Value.ArrayValue, ArrayValue.createArrayValue(b, ArrayValue.createItemsTypeVector(b, types), ArrayValue.createItemsVector(b, offsets))];
  }

  private record(v: object, nullPrototype: boolean, classIndex: number, path: string): Encoded {
    const b = this.builder;
    const keys = Object.keys(v);
    const [types, offsets] = this.items(keys.map((key) => read(v, key, path)), (i) => path + keyPath(keys[i]!));
    const keyOffsets = keys.map((key) => {
      // Keys are plain FlatBuffers strings (UTF-8, shared between records), so unlike values they cannot fall back to UTF-16.
      if (UNPAIRED_SURROGATE.test(key)) throw new UnsupportedValueError('string', path + keyPath(key), 'a key with an unpaired surrogate');
      // createSharedString returns 0, "absent", for '': in a vector that is a pointer past the header.
      return key === '' ? b.createString(key) : b.createSharedString(key);
    });
    return [Value.ObjectValue, ObjectValue.createObjectValue(b, nullPrototype, ObjectValue.createKeysVector(b, keyOffsets),
      ObjectValue.createValuesTypeVector(b, types), ObjectValue.createValuesVector(b, offsets), classIndex)];
  }

  private map(m: Map<unknown, unknown>, path: string): Encoded {
    const b = this.builder;
    const keys = [...m.keys()];
    const [keyTypes, keyOffsets] = this.items(keys, (i) => `${path}.keys()[${i}]`);
    const [valueTypes, valueOffsets] = this.items([...m.values()], (i) => mapValuePath(path, keys[i], i));
    return [Value.MapValue, MapValue.createMapValue(b, MapValue.createKeysTypeVector(b, keyTypes), MapValue.createKeysVector(b, keyOffsets),
      MapValue.createValuesTypeVector(b, valueTypes), MapValue.createValuesVector(b, valueOffsets))];
  }

  private set(s: Set<unknown>, path: string): Encoded {
    const b = this.builder;
    const [types, offsets] = this.items([...s], (i) => `${path}.values()[${i}]`);
    return [Value.SetValue, SetValue.createSetValue(b, SetValue.createItemsTypeVector(b, types), SetValue.createItemsVector(b, offsets))];
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

  private typedArray(v: ArrayBufferView, kind: TypedArrayKind, path: string): Encoded {
    if (isDetached(v.buffer)) throw detachedError(v, path);
    const size = kind === TypedArrayKind.Buffer ? 1 : TYPED_ARRAYS[kind]!.BYTES_PER_ELEMENT;
    let region = this.regions.get(v.buffer);
    if (!region) {
      region = { index: this.regions.size, start: v.byteOffset, end: v.byteOffset + v.byteLength, align: size, buffer: v.buffer, path, type: v.constructor.name };
      this.regions.set(v.buffer, region);
    } else {
      region.start = Math.min(region.start, v.byteOffset);
      region.end = Math.max(region.end, v.byteOffset + v.byteLength);
      region.align = Math.max(region.align, size);
    }
    return [Value.TypedArrayValue,
      TypedArrayValue.createTypedArrayValue(this.builder, kind, region.index, BigInt(v.byteOffset), BigInt(v.byteLength))];
  }

  /**
   * Lay out the regions (each 8-aligned in the body, starting at a multiple of its widest element in its buffer,
   * so every view in it stays aligned) and frame the header.
   */
  finish(type: Value, offset: number): EncodedValue {
    const b = this.builder;
    const body: Uint8Array[] = [];
    const bases: bigint[] = [];
    let bodyLength = 0;
    const limit = this.options.maxBytes ?? MAX_FILE_BYTES;
    for (const region of this.regions.values()) {
      region.start -= region.start % region.align;
      bodyLength += padTo8(bodyLength) + region.end - region.start;
    }
    // Before any view of the body is made: one over the limit may be longer than a Uint8Array can be.
    if (BODY_START + bodyLength > limit) throw this.tooLarge(BODY_START + bodyLength, limit);
    bodyLength = 0;
    for (const region of this.regions.values()) {
      const padding = padTo8(bodyLength);
      bodyLength += padding;
      bases.push(BigInt(bodyLength - region.start));
      body.push(ZEROS.subarray(0, padding), new Uint8Array(region.buffer, region.start, region.end - region.start));
      bodyLength += region.end - region.start;
    }
    const regions = Root.createRegionsVector(b, bases);
    Root.startOriginsVector(b, this.anyOrigin ? this.origins.length : 0);
    if (this.anyOrigin) {
      for (let i = this.origins.length - 1; i >= 0; i--) Origin.createOrigin(b, this.origins[i]?.data ?? 0, this.origins[i]?.index ?? 0);
    }
    const origins = b.endVector();
    const classes = Root.createClassesVector(b, this.classes.map((ref) =>
      ClassRefTable.createClassRef(b, b.createString(ref.module), b.createString(ref.name))));
    Root.finishSizePrefixedRootBuffer(b, Root.createRoot(b, type, offset, regions, origins, classes));
    const header = b.asUint8Array();
    const length = new Uint8Array(BODY_START);
    new DataView(length.buffer).setBigUint64(0, BigInt(bodyLength), true);
    const padding = ZEROS.subarray(0, padTo8(bodyLength));
    const byteLength = BODY_START + bodyLength + padding.length + header.length;
    if (byteLength > limit) throw this.tooLarge(byteLength, limit);
    return { parts: [length, ...body, padding, header], byteLength };
  }

  /** Over the size limit: said with the limit and the largest typed array, whose path is where to split the data. */
  private tooLarge(byteLength: number, limit: number): UnsupportedValueError {
    let largest: Region | undefined;
    for (const r of this.regions.values()) if (!largest || r.end - r.start > largest.end - largest.start) largest = r;
    const part = largest ? `; its largest part is ${withArticle(largest.type)} of ${largest.end - largest.start} bytes${largest.path ? ` at ${largest.path}` : ''}` : '';
    return new UnsupportedValueError('size', '', `a value of ${byteLength} bytes`,
      `, over the limit of ${limit} bytes a version file can hold (the largest buffer Node.js reads a file into)${part}; pass it in smaller parts`);
  }
}

/**
 * A class extending Array, Map, Set, Date or a typed array: its instances keep their contents in internal slots the
 * codec would not see (the worker would get an empty object), so they are refused rather than changed silently.
 */
export function builtinSubclass(v: object): ((path: string) => UnsupportedValueError) | undefined {
  const base = Array.isArray(v) ? 'Array' : v instanceof Map ? 'Map' : v instanceof Set ? 'Set' : v instanceof Date ? 'Date'
    : ArrayBuffer.isView(v) && !(v instanceof DataView) ? 'a typed array' : undefined;
  const proto: unknown = Object.getPrototypeOf(v);
  if (!base || KIND_OF_PROTOTYPE.has(proto as object) || BUILTIN_PROTOTYPES.has(proto)) return undefined;
  const name = (v as { constructor?: { name?: string } }).constructor?.name || 'anonymous';
  return (path) => new UnsupportedValueError(name, path, `an instance of ${name}, a subclass of ${base}`,
    ` (not supported: pass a plain ${base === 'a typed array' ? 'typed array' : base})`);
}

export function detachedError(v: ArrayBufferView, path: string): UnsupportedValueError {
  return new UnsupportedValueError(v.constructor.name, path, `${withArticle(v.constructor.name)} on a detached ArrayBuffer`,
    ' (its memory was transferred away, e.g. by postMessage or structuredClone with transfer)');
}

/** A property's value; a getter that throws is reported with the property's path. */
function read(object: object, key: string, path: string): unknown {
  try {
    return (object as Record<string, unknown>)[key];
  } catch (error) {
    throw new UnsupportedValueError('getter', path + keyPath(key), 'a property whose getter throws', ` (${(error as Error)?.message ?? String(error)})`);
  }
}

export function isDetached(buffer: ArrayBufferLike): boolean {
  const flag = (buffer as { detached?: boolean }).detached; // ES2024; absent in Node 20
  if (flag !== undefined) return flag;
  if (buffer.byteLength !== 0 || buffer instanceof SharedArrayBuffer) return false;
  try { new Uint8Array(buffer); return false; } catch { return true; }
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
