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
  BigIntValue, BoolValue, DateValue, HoleValue, NullValue, NumberArrayValue, NumberValue, RefValue, StringValue, TypedArrayKind,
  TypedArrayValue, UndefinedValue, Value,
} from './generated/value_generated';
import { lockLevelOf, LockLevel } from './locks';
import { classRefFor, type ClassRef } from './classes';
import { builtinErrorName, errorKeys, isBuiltinErrorClass } from './error-values';
import { isBorrowed, KIND_OF_PROTOTYPE, MAX_FILE_BYTES, regionOf, type Region } from './body';
import { finishFile } from './encode-root';
import { UnsupportedValueError, aboutContents, builtinSubclass, detachedError, isDetached, keyPath, namedArrayKey, notCarried, getterThrew, proxyRefused } from './refusals';
import { isProxy } from 'node:util/types';
import { Frame, Kind, pathOf } from './encode-frames';
import { frameTable, UNPAIRED_SURROGATE } from './encode-tables';
import { codeUnits, isNumberArray, mayHaveNamedKeys, namedArrayKeys, propertyAttributes, sparseArrayKeys } from './own-properties';

export interface EncodedValue {
  /** Chunks to write in order with fs.writevSync: the body's length, body chunks and padding, then the header.
   *  Body chunks are views on the caller's buffers: write them before the caller changes those arrays. */
  readonly parts: Uint8Array[];
  readonly byteLength: number;
  /** Of EncodeOptions.candidates, those the value does not reach, in their order. */
  readonly unreached?: object[];
}

/** Where an object came from, for copy-back (see value.fbs, Origin). */
export interface ObjectOrigin { readonly data: number; readonly index: number }

/** From this length a string met again is not written again (encoder.ts string). */
const SHARED_STRING_LENGTH = 64;

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
  /**
   * A task's outputs: a view on a buffer the task made (not borrowed: body.ts) carries that whole buffer, so that what
   * the program gets back is a view at the same place in a buffer of the same bytes (tester #25's r06: a task returning
   * `buf.subarray(4)` of a packet it made; its caller read the length header before the view in `body.buffer`).
   * Node's Buffers are sent as their bytes: small ones are slices of a pool shared by unrelated values.
   */
  wholeOwnBuffers?: boolean;
  /**
   * Objects the caller wants to know the value does not reach (EncodedValue.unreached): a written datum's objects
   * from the main thread's snapshots, which the task may have changed and taken out of it (worker/detached.ts).
   */
  candidates?: readonly object[];
  /**
   * The slots of a record where its module put a function that every thread's copy of the module holds too (a module
   * object's methods, api/module-state.ts): a slot still holding that function is left out, and the receiving thread
   * keeps its own.
   */
  moduleCode?: (holder: object) => ReadonlyMap<string, unknown> | undefined;
}

/** A data property's value, without running a getter. */
function ownValue(v: object, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(v, key);
  return d && 'value' in d ? d.value : undefined;
}

/** Set on the API's Future.prototype. */
const FUTURE = Symbol.for('taskify.future');

export function encodeValue(value: unknown, options: EncodeOptions = {}): EncodedValue {
  const encoder = new Encoder(options);
  const [type, offset] = encoder.walk(value);
  const encoded = encoder.finish(type, offset);
  return options.candidates ? { ...encoded, unreached: encoder.unreached(options.candidates) } : encoded;
}

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
  /** Tables of the long strings written so far (string): each written once, however many hold it. */
  private readonly longStrings = new Map<string, number>();
  /** The objects being encoded, innermost last (encode-frames.ts). */
  private readonly stack: Frame[] = [];
  /**
   * The one table each of `true`, `false`, `undefined`, `null` and a hole, by Value type (and 1 for true): written once
   * and pointed at by every slot holding it. A million booleans were a million tables (np71's min-bool-array-cost: 1 s
   * to encode, 27x the plain program's time).
   */
  private readonly constants = new Map<number, number>();

  constructor(private readonly options: EncodeOptions) {
    // Scalars equal to their default are otherwise left out, and -0 (=== 0) would come back as 0.
    // So no field may be added with offset 0 ("absent"): it would be written as a pointer to itself.
    this.builder.forceDefaults(true);
  }

  /** The value's table: each object's children are encoded before it, its frame waiting on the stack meanwhile. */
  walk(value: unknown): [Value, number] {
    const root = Frame.root(value);
    const stack = this.stack;
    stack.push(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const i = top.next;
      if (i < top.children.length) {
        top.next++;
        if (i < top.elements && !(i in top.children)) this.constant(top, Value.HoleValue, 0);
        else this.value(top.children[i], top, i);
      } else {
        stack.pop();
        if (top !== root) {
          const [type, offset] = frameTable(this.builder, top);
          this.put(stack[stack.length - 1]!, type, offset);
        }
      }
    }
    return [root.types[0]!, root.offsets[0]!];
  }

  /** Those of `objects` the walk did not number. */
  unreached(objects: readonly object[]): object[] {
    return objects.filter((object) => !this.numbers.has(object));
  }

  private put(into: Frame, type: Value, offset: number): void {
    into.types.push(type);
    into.offsets.push(offset);
  }

  /** A constant's table (see `constants`), written the first time. */
  private constant(into: Frame, type: Value.UndefinedValue | Value.NullValue | Value.HoleValue | Value.BoolValue, truth: number): void {
    const key = type * 2 + truth;
    let offset = this.constants.get(key);
    if (offset === undefined) {
      const b = this.builder;
      offset = type === Value.BoolValue ? BoolValue.createBoolValue(b, truth === 1) : type === Value.NullValue ? NullValue.createNullValue(b)
        : type === Value.UndefinedValue ? UndefinedValue.createUndefinedValue(b) : HoleValue.createHoleValue(b);
      this.constants.set(key, offset);
    }
    this.put(into, type, offset);
  }

  /** Child `index` of `into`: a scalar, a reference or a leaf object is written at once, another object gets a frame. */
  private value(v: unknown, into: Frame, index: number): void {
    const b = this.builder;
    switch (typeof v) {
      case 'undefined': return this.constant(into, Value.UndefinedValue, 0);
      case 'boolean': return this.constant(into, Value.BoolValue, v ? 1 : 0);
      case 'number': return this.put(into, Value.NumberValue, NumberValue.createNumberValue(b, v));
      case 'bigint': return this.put(into, Value.BigIntValue, BigIntValue.createBigIntValue(b, b.createString(v.toString(16))));
      case 'string': return this.put(into, Value.StringValue, this.string(v));
      case 'function': throw new UnsupportedValueError('function', pathOf(into, index), 'a function');
      case 'symbol': throw new UnsupportedValueError('symbol', pathOf(into, index), 'a symbol');
    }
    if (v === null) return this.constant(into, Value.NullValue, 0);
    // A Proxy's traps are the program's code: a call given one runs in place, where they run as often as in the
    // plain call (tester np36's getter2, proxyarg: every read of the encoder ran its `get` trap again). Asked before
    // anything else of it, which would run a trap too.
    if (this.options.programObjects && isProxy(v)) throw proxyRefused(pathOf(into, index));
    const seen = this.numbers.get(v as object);
    if (seen !== undefined) return this.put(into, Value.RefValue, RefValue.createRefValue(b, seen));
    const number = this.numbers.size;
    this.numbers.set(v as object, number);
    const origin = this.options.originOf?.(v as object, number);
    this.origins.push(origin);
    if (origin) this.anyOrigin = true;
    this.options.beforeObject?.(v as object);
    const level = lockLevelOf(v as object);
    if (level !== undefined) this.locks.push([number, level]);
    this.object(v as object, level, into, index);
  }

  private object(v: object, level: LockLevel | undefined, into: Frame, index: number): void {
    const proto: object | null = Object.getPrototypeOf(v);
    switch (proto) {
      case Object.prototype:
      case null:
        return this.record(v, proto === null ? 1 : 0, -1, level, into, index);
      case Array.prototype: return this.array(v as unknown[], level, into, index);
      case Map.prototype: {
        if (this.options.programObjects) notCarried(v, Object.getOwnPropertyNames(v), this.pathAt(into, index));
        const m = v as Map<unknown, unknown>;
        return this.enter(Kind.Map, v, [...m.keys(), ...m.values()], 0, undefined, undefined, -1, 0, '', into, index);
      }
      case Set.prototype:
        if (this.options.programObjects) notCarried(v, Object.getOwnPropertyNames(v), this.pathAt(into, index));
        return this.enter(Kind.Set, v, [...(v as Set<unknown>)], 0, undefined, undefined, -1, 0, '', into, index);
      case Date.prototype: return this.put(into, Value.DateValue, DateValue.createDateValue(this.builder, (v as Date).getTime()));
      case RegExp.prototype: {
        // Its own properties: lastIndex (a global or sticky one resumes there) and any the program set.
        const names = Object.getOwnPropertyNames(v);
        if (this.options.programObjects) notCarried(v, names, this.pathAt(into, index));
        const own = propertyAttributes(v, names, level);
        return this.properties(Kind.RegExp, v, own.keys, own.attributes, -1, 0, '', into, index);
      }
    }
    const kind = KIND_OF_PROTOTYPE.get(proto);
    if (kind !== undefined) return this.put(into, Value.TypedArrayValue, this.typedArray(v as ArrayBufferView, kind, into, index));
    if (v instanceof Error) return this.error(v, proto as object, into, index);
    const subclass = builtinSubclass(v);
    if (subclass) throw subclass(pathOf(into, index));
    if ((proto as Record<symbol, unknown>)[FUTURE]) {
      throw aboutContents(new UnsupportedValueError('Future', pathOf(into, index), 'a Future', ' (inside a value it must be waited for first: pass its value, or the Future itself as an argument)'));
    }
    return this.record(v, 0, this.classOf(proto, into, index), level, into, index);
  }

  /**
   * The path of `into`'s child `index`, to build if a refusal needs it. A method of its own: a closure written inline
   * would make every call of the function writing it allocate a context for `into` and `index` (a fifth of the time
   * encoding many small typed arrays took).
   */
  private pathAt(into: Frame, index: number): () => string {
    return () => pathOf(into, index);
  }

  private enter(kind: Kind, object: object, children: readonly unknown[], elements: number, keys: readonly string[] | undefined,
    attributes: readonly number[] | undefined, classIndex: number, flag: number, builtin: string, into: Frame, index: number): void {
    this.stack.push(new Frame(kind, object, children, elements, keys, attributes, classIndex, flag, builtin, into, index));
  }

  /** An object with `keys`: their values are read now (a getter that throws is refused with its path), encoded next. */
  private properties(kind: Kind, v: object, keys: string[], attributes: number[] | undefined, classIndex: number, flag: number,
    builtin: string, into: Frame, index: number, elements: unknown[] = []): void {
    const children = elements.length === 0 ? [] : elements.slice();
    let k = 0;
    try {
      for (; k < keys.length; k++) children.push((v as Record<string, unknown>)[keys[k]!]);
    } catch (error) {
      throw getterThrew(pathOf(into, index) + keyPath(keys[k]!), error);
    }
    this.enter(kind, v, children, elements.length, keys, attributes, classIndex, flag, builtin, into, index);
  }

  private record(v: object, nullPrototype: number, classIndex: number, level: LockLevel | undefined, into: Frame, index: number): void {
    const shown = Object.keys(v);
    const named = Object.getOwnPropertyNames(v);
    // (A frozen object's lock already says every key is read-only: the common `Object.freeze(config)` lists nothing more.)
    const fixed = this.options.programObjects && notCarried(v, named, this.pathAt(into, index)) && level !== LockLevel.Frozen;
    // An object with keys that are not enumerable (`Object.defineProperty(o, 'id', { value: 7 })`), or an argument's with
    // one that is read-only, lists its data properties with their attributes; the rest (nearly all) list their
    // enumerable keys and nothing more.
    const hidden = fixed || named.length !== shown.length ? propertyAttributes(v, named, level) : undefined;
    let keys = hidden ? hidden.keys : shown;
    let attributes = hidden?.attributes;
    // (Only records the module registered have any: one lookup for the rest.)
    const own = this.options.moduleCode?.(v);
    const isOwn = (key: string): boolean => own !== undefined && own.has(key) && own.get(key) === ownValue(v, key);
    if (own && keys.some(isOwn)) {
      const kept = keys.map((key, i) => [key, attributes?.[i]] as const).filter(([key]) => !isOwn(key));
      keys = kept.map(([key]) => key);
      attributes = attributes && kept.map(([, a]) => a!);
    }
    this.properties(Kind.Record, v, keys, attributes, classIndex, nullPrototype, '', into, index);
  }

  private array(v: unknown[], level: LockLevel | undefined, into: Frame, index: number): void {
    if (isNumberArray(v) && !mayHaveNamedKeys(v)) {
      const b = this.builder;
      return this.put(into, Value.NumberArrayValue, NumberArrayValue.createNumberArrayValue(b, NumberArrayValue.createItemsVector(b, v)));
    }
    // A call's argument with a named property runs in place (refusals.ts); a task's array takes its named ones along.
    if (this.options.programObjects) namedArrayKey(v, this.pathAt(into, index));
    const sparse = sparseArrayKeys(v, level);
    if (sparse) return this.properties(Kind.Array, v, sparse.keys, sparse.attributes, -1, 0, '', into, index);
    // (Listing its keys costs a string per element: only where it may have a named one.)
    const named = this.options.programObjects || !mayHaveNamedKeys(v) ? undefined : namedArrayKeys(v, level);
    if (named) return this.properties(Kind.Array, v, named.keys, named.attributes, -1, 0, '', into, index, v);
    this.enter(Kind.Array, v, v, v.length, undefined, undefined, -1, 0, '', into, index);
  }

  /** An Error: its built-in, its class if it is an exported subclass, its own properties (error-values.ts). */
  private error(v: Error, proto: object, into: Frame, index: number): void {
    const ctor = (proto as { constructor?: unknown }).constructor;
    const classIndex = isBuiltinErrorClass(ctor) && (ctor as Function).prototype === proto ? -1 : this.classOf(proto, into, index);
    const { hidden, shown } = errorKeys(v);
    this.properties(Kind.Error, v, [...hidden, ...shown], undefined, classIndex, hidden.length, builtinErrorName(v), into, index);
  }

  private classOf(proto: object, into: Frame, index: number): number {
    const ctor: unknown = (proto as { constructor?: unknown }).constructor;
    const known = typeof ctor === 'function' ? this.classIndex.get(ctor) : undefined;
    if (known !== undefined) return known;
    const ref = classRefFor(proto, this.pathAt(into, index));
    this.classes.push(ref);
    this.classIndex.set(ctor as Function, this.classes.length - 1);
    return this.classes.length - 1;
  }

  private string(s: string): number {
    // One table for a long string met again (a licence text every row holds: np43's F8 wrote it once per row, past
    // FlatBuffers' 2 GiB for 2000 rows of 1 MB). Short ones are cheaper written again than looked up.
    if (s.length >= SHARED_STRING_LENGTH) {
      let offset = this.longStrings.get(s);
      if (offset === undefined) { offset = this.stringTable(s); this.longStrings.set(s, offset); }
      return offset;
    }
    return this.stringTable(s);
  }

  private stringTable(s: string): number {
    const b = this.builder;
    const wellFormed = !UNPAIRED_SURROGATE.test(s);
    const data = wellFormed ? b.createString(s) : StringValue.createUtf16Vector(b, codeUnits(s));
    StringValue.startStringValue(b);
    if (wellFormed) StringValue.addText(b, data);
    else StringValue.addUtf16(b, data);
    return StringValue.endStringValue(b);
  }

  private typedArray(v: ArrayBufferView, kind: TypedArrayKind, into: Frame, index: number): number {
    if (isDetached(v.buffer)) throw detachedError(v, pathOf(into, index));
    const whole = this.options.wholeOwnBuffers === true && kind !== TypedArrayKind.Buffer && !isBorrowed(v.buffer) &&
      !(v.buffer instanceof SharedArrayBuffer);
    const region = regionOf(this.regions, v, kind, into, index, whole);
    return TypedArrayValue.createTypedArrayValue(this.builder, kind, region.index, BigInt(v.byteOffset), BigInt(v.byteLength));
  }

  /** Lay out the regions (body.ts) and frame the header (encode-root.ts). */
  finish(type: Value, offset: number): EncodedValue {
    return finishFile(this.builder, type, offset, this.options.maxBytes ?? MAX_FILE_BYTES, {
      regions: this.regions, origins: this.anyOrigin ? this.origins : [], classes: this.classes, locks: this.locks, regionPath,
    });
  }
}

const regionPath = (region: Region): string => pathOf(region.holder as Frame, region.at);
