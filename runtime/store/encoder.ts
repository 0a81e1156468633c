/**
 * Value → FlatBuffer header + body chunks (layout in codec.ts). One pass over the value graph:
 * - objects are numbered as they are entered; one met again (shared, or on a cycle) becomes a RefValue;
 * - typed arrays are views on regions: all views of one ArrayBuffer share one region of the body, which covers
 *   them all, so views that overlap in the caller overlap again when decoded;
 * - instances of exported classes carry a reference to their class; anything the other side could not rebuild
 *   faithfully is refused with its path.
 * The body's layout is in body.ts, what is refused and how it is said in refusals.ts.
 */
import { Builder } from 'flatbuffers';
import {
  ArrayValue, BigIntValue, BoolValue, ClassRef as ClassRefTable, DateValue, ErrorValue, HoleValue, Lock, MapValue, NullValue,
  NumberArrayValue, NumberValue, ObjectValue, Origin, RefValue, RegExpValue, Root, SetValue, StringValue, TypedArrayKind,
  TypedArrayValue, UndefinedValue, Value,
} from './generated/value_generated';
import { lockLevelOf, LockLevel } from './locks';
import { classRefOf, hasPrivateFields, type ClassRef } from './classes';
import { builtinErrorName, errorKeys, isBuiltinErrorClass } from './error-values';
import { BODY_START, KIND_OF_PROTOTYPE, MAX_FILE_BYTES, alignRegions, bodyParts, frame, regionOf, type Region } from './body';
import { UnsupportedValueError, aboutContents, builtinSubclass, detachedError, isDetached, keyPath, mapValuePath, namedArrayKey, notCarried, readProperty, tooLarge, withArticle } from './refusals';

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
  /**
   * The value is the program's own (a call's argument): what a worker cannot run or carry on its behalf, an accessor's
   * code or a symbol key (refusals.ts `notCarried`), is refused for its kind, so that the call runs in place instead.
   * A task's own values leave them out, as they always did: a task that made one is not failed for it.
   */
  programObjects?: boolean;
}

const NOT_SUPPORTED_YET = new Set<unknown>([ArrayBuffer, SharedArrayBuffer, DataView]);
/** Set on the API's Future.prototype. */
const FUTURE = Symbol.for('taskify.future');
// With the `u` flag a well-formed surrogate pair is one code point, so this matches unpaired surrogates only.
const UNPAIRED_SURROGATE = /\p{Surrogate}/u;

export function encodeValue(value: unknown, options: EncodeOptions = {}): EncodedValue {
  const encoder = new Encoder(options);
  const [type, offset] = encoder.value(value, '');
  return encoder.finish(type, offset);
}

type Encoded = [Value, number];

class Encoder {
  private readonly builder = new Builder(1024);
  private readonly numbers = new Map<object, number>();
  private readonly origins: (ObjectOrigin | undefined)[] = [];
  private anyOrigin = false;
  /** Objects the program locked (value.fbs, Lock): [object number, level]. */
  private readonly locks: [number, LockLevel][] = [];
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
    const level = lockLevelOf(v as object);
    if (level !== undefined) this.locks.push([index, level]);
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
      case RegExp.prototype: return this.regExp(v as RegExp, path);
    }
    const kind = KIND_OF_PROTOTYPE.get(proto);
    if (kind !== undefined) return this.typedArray(v as ArrayBufferView, kind, path);
    if (v instanceof Error) return this.error(v, proto as object, path);
    const subclass = builtinSubclass(v);
    if (subclass) throw subclass(path);
    if ((proto as Record<symbol, unknown>)[FUTURE]) {
      throw aboutContents(new UnsupportedValueError('Future', path, 'a Future', ' (inside a value it must be waited for first: pass its value, or the Future itself as an argument)'));
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

  /** An Error: its built-in, its class if it is an exported subclass, its own properties (error-values.ts). */
  private error(v: Error, proto: object, path: string): Encoded {
    const b = this.builder;
    const ctor = (proto as { constructor?: unknown }).constructor;
    const classIndex = isBuiltinErrorClass(ctor) && (ctor as Function).prototype === proto ? -1 : this.classOf(proto, path);
    const { hidden, shown } = errorKeys(v);
    const keys = [...hidden, ...shown];
    const [types, offsets] = this.items(keys.map((key) => readProperty(v, key, path)), (i) => path + keyPath(keys[i]!));
    const keyOffsets = keys.map((key) => this.key(key, path));
    return [Value.ErrorValue, ErrorValue.createErrorValue(b, b.createSharedString(builtinErrorName(v)), classIndex,
      ErrorValue.createKeysVector(b, keyOffsets), ErrorValue.createValuesTypeVector(b, types), ErrorValue.createValuesVector(b, offsets), hidden.length)];
  }

  /** Its source and flags, and its own properties: lastIndex (a global or sticky one resumes there) and any the program set. */
  private regExp(v: RegExp, path: string): Encoded {
    const b = this.builder;
    const names = Object.getOwnPropertyNames(v);
    if (this.options.programObjects) notCarried(v, names, path);
    const own = this.properties(v, propertyAttributes(v, names, lockLevelOf(v)), path);
    const source = b.createString(v.source);
    const flags = b.createString(v.flags);
    RegExpValue.startRegExpValue(b);
    RegExpValue.addSource(b, source);
    RegExpValue.addFlags(b, flags);
    RegExpValue.addKeys(b, own.keys);
    RegExpValue.addValuesType(b, own.types);
    RegExpValue.addValues(b, own.values);
    RegExpValue.addAttributes(b, own.attributes!);
    return [Value.RegExpValue, RegExpValue.endRegExpValue(b)];
  }

  /** Own properties as ObjectValue and RegExpValue hold them: keys, values and (when given) what each key is not. */
  private properties(v: object, own: { keys: string[]; attributes?: number[] }, path: string): { keys: number; types: number; values: number; attributes?: number } {
    const b = this.builder;
    const [types, offsets] = this.items(own.keys.map((key) => readProperty(v, key, path)), (i) => path + keyPath(own.keys[i]!));
    const keyOffsets = own.keys.map((key) => this.key(key, path));
    return {
      keys: ObjectValue.createKeysVector(b, keyOffsets),
      types: ObjectValue.createValuesTypeVector(b, types),
      values: ObjectValue.createValuesVector(b, offsets),
      attributes: own.attributes && ObjectValue.createAttributesVector(b, own.attributes),
    };
  }

  private key(key: string, path: string): number {
    const b = this.builder;
    // Keys are plain FlatBuffers strings (UTF-8, shared between records), so unlike values they cannot fall back to UTF-16.
    if (UNPAIRED_SURROGATE.test(key)) throw new UnsupportedValueError('string', path + keyPath(key), 'a key with an unpaired surrogate');
    // createSharedString returns 0, "absent", for '': in a vector that is a pointer past the header.
    return key === '' ? b.createString(key) : b.createSharedString(key);
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
    if (this.options.programObjects) namedArrayKey(v, path);
    const types: Value[] = [];
    const offsets: number[] = [];
    for (let i = 0; i < v.length; i++) {
      const [type, offset] = i in v ? this.value(v[i], `${path}[${i}]`) : [Value.HoleValue, HoleValue.createHoleValue(b)];
      types.push(type);
      offsets.push(offset);
    }
    const itemTypes = ArrayValue.createItemsTypeVector(b, types);
    const items = ArrayValue.createItemsVector(b, offsets);
    ArrayValue.startArrayValue(b);
    ArrayValue.addItemsType(b, itemTypes);
    ArrayValue.addItems(b, items);
    return [Value.ArrayValue, ArrayValue.endArrayValue(b)];
  }

  private record(v: object, nullPrototype: boolean, classIndex: number, path: string): Encoded {
    const b = this.builder;
    const shown = Object.keys(v);
    const named = Object.getOwnPropertyNames(v);
    // An object with keys that are not enumerable (`Object.defineProperty(o, 'id', { value: 7 })`) lists its data
    // properties with their attributes; the rest (nearly all) list their enumerable keys and nothing more.
    if (this.options.programObjects) notCarried(v, named, path);
    const hidden = named.length !== shown.length ? propertyAttributes(v, named, lockLevelOf(v)) : undefined;
    const own = this.properties(v, hidden ?? { keys: shown }, path);
    const attributes = own.attributes;
    ObjectValue.startObjectValue(b);
    ObjectValue.addNullPrototype(b, nullPrototype);
    ObjectValue.addKeys(b, own.keys);
    ObjectValue.addValuesType(b, own.types);
    ObjectValue.addValues(b, own.values);
    ObjectValue.addClassIndex(b, classIndex);
    if (attributes) ObjectValue.addAttributes(b, attributes); // never an offset of 0 (see forceDefaults)
    return [Value.ObjectValue, ObjectValue.endObjectValue(b)];
  }

  private map(m: Map<unknown, unknown>, path: string): Encoded {
    const b = this.builder;
    if (this.options.programObjects) notCarried(m, Object.getOwnPropertyNames(m), path);
    const keys = [...m.keys()];
    const [keyTypes, keyOffsets] = this.items(keys, (i) => `${path}.keys()[${i}]`);
    const [valueTypes, valueOffsets] = this.items([...m.values()], (i) => mapValuePath(path, keys[i], i));
    return [Value.MapValue, MapValue.createMapValue(b, MapValue.createKeysTypeVector(b, keyTypes), MapValue.createKeysVector(b, keyOffsets),
      MapValue.createValuesTypeVector(b, valueTypes), MapValue.createValuesVector(b, valueOffsets))];
  }

  private set(s: Set<unknown>, path: string): Encoded {
    const b = this.builder;
    if (this.options.programObjects) notCarried(s, Object.getOwnPropertyNames(s), path);
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
    const region = regionOf(this.regions, v, kind, path);
    return [Value.TypedArrayValue,
      TypedArrayValue.createTypedArrayValue(this.builder, kind, region.index, BigInt(v.byteOffset), BigInt(v.byteLength))];
  }

  private lockVector(): number | undefined {
    if (this.locks.length === 0) return undefined;
    const b = this.builder;
    Root.startLocksVector(b, this.locks.length);
    for (let i = this.locks.length - 1; i >= 0; i--) Lock.createLock(b, this.locks[i]![0], this.locks[i]![1]);
    return b.endVector();
  }

  /** Lay out the regions (body.ts) and frame the header. */
  finish(type: Value, offset: number): EncodedValue {
    const b = this.builder;
    const limit = this.options.maxBytes ?? MAX_FILE_BYTES;
    const bodyLength = alignRegions(this.regions.values());
    if (BODY_START + bodyLength > limit) throw tooLarge(BODY_START + bodyLength, limit, this.regions.values());
    const { body, bases } = bodyParts(this.regions.values());
    const regions = Root.createRegionsVector(b, bases);
    Root.startOriginsVector(b, this.anyOrigin ? this.origins.length : 0);
    if (this.anyOrigin) {
      for (let i = this.origins.length - 1; i >= 0; i--) Origin.createOrigin(b, this.origins[i]?.data ?? 0, this.origins[i]?.index ?? 0);
    }
    const origins = b.endVector();
    const classes = Root.createClassesVector(b, this.classes.map((ref) =>
      ClassRefTable.createClassRef(b, b.createString(ref.module), b.createString(ref.name))));
    const locks = this.lockVector();
    Root.startRoot(b);
    Root.addValueType(b, type);
    Root.addValue(b, offset);
    Root.addRegions(b, regions);
    Root.addOrigins(b, origins);
    Root.addClasses(b, classes);
    // Absent when nothing is locked: a file of an unlocked value is what it was before locks were carried.
    if (locks !== undefined) Root.addLocks(b, locks);
    Root.finishSizePrefixedRootBuffer(b, Root.endRoot(b));
    const header = b.asUint8Array();
    const framed = frame(bodyLength, body, header);
    if (framed.byteLength > limit) throw tooLarge(framed.byteLength, limit, this.regions.values());
    return framed;
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

/**
 * The data properties of `v` in order (accessors that are not enumerable stay behind, as before), each with what it
 * is not (value.fbs ObjectValue.attributes): 1 enumerable, 2 writable, 4 configurable, less what `lock` says of all.
 */
function propertyAttributes(v: object, names: readonly string[], lock: LockLevel | undefined): { keys: string[]; attributes: number[] } {
  const locked = lock === LockLevel.Frozen ? 6 : lock === LockLevel.Sealed ? 4 : 0;
  const keys: string[] = [];
  const attributes: number[] = [];
  for (const key of names) {
    const d = Object.getOwnPropertyDescriptor(v, key)!;
    // A hidden method (`Object.defineProperty(o, 'toJSON', { value: … })`) stays behind too, as it always did: only
    // a shown one is an error (a function cannot travel).
    if (!d.enumerable && (!('value' in d) || typeof d.value === 'function')) continue;
    keys.push(key);
    attributes.push(((d.enumerable ? 0 : 1) | (d.writable === false ? 2 : 0) | (d.configurable ? 0 : 4)) & ~locked);
  }
  return { keys, attributes };
}
