/**
 * FlatBuffer header + body → value, the encoder's inverse. Objects are numbered in the order they are entered,
 * exactly as the encoder numbered them, and each is registered before its contents are decoded, so a RefValue to
 * it (from a shared slot or a cycle) finds it. Typed arrays come back as views on the file's own buffer; views the
 * encoder put in one region overlap again.
 */
import {
  ArrayValue, BigIntValue, BoolValue, ClassRef as ClassRefTable, DateValue, ErrorValue, Lock, MapValue, NumberArrayValue, NumberValue,
  ObjectValue, Origin, RefValue, RegExpValue, Root, SetValue, StringValue, TypedArrayKind, TypedArrayValue, Value,
} from './generated/value_generated';
import { TYPED_ARRAYS } from './body';
import type { ObjectOrigin } from './encoder';
import { lockObject, type LockLevel } from './locks';
import { classOf, type ClassRef } from './classes';
import { blankError, defineErrorProperty } from './error-values';

export interface DecodeOptions {
  /** Called for every object as it is made, with its number and where it came from (if the file says). */
  onObject?(object: object, index: number, origin: ObjectOrigin | undefined): void;
  /** Given, locked objects are handed here instead of being locked (the caller locks them when it is done). */
  onLocked?(object: object, level: LockLevel): void;
}

/** The accessor of a union field: fills obj with the field's table. */
type Read = (obj: any) => any;

export class Decoder {
  private readonly objects: object[] = [];
  private readonly classes: (Function | undefined)[];
  private readonly origin = new Origin();

  constructor(private readonly bytes: Uint8Array, private readonly bodyStart: number, private readonly root: Root,
    private readonly options: DecodeOptions) {
    this.classes = new Array(root.classesLength());
  }

  decode(): unknown {
    const value = this.value(this.root.valueType(), (obj) => this.root.value(obj));
    this.lock();
    return value;
  }

  /**
   * Objects locked where the file was written are locked again once all of them are made (value.fbs, Lock), or
   * handed to `onLocked` by a caller that still has slots of new objects to fill (copy-back) and locks them after.
   */
  private lock(): void {
    const lock = new Lock();
    for (let i = 0; i < this.root.locksLength(); i++) {
      this.root.locks(i, lock);
      const object = this.objects[lock.index()];
      if (object === undefined) throw new Error(`data file locks object ${lock.index()}, which it does not hold`);
      const level = lock.level() as LockLevel;
      if (this.options.onLocked) this.options.onLocked(object, level);
      else lockObject(object, level);
    }
  }

  private enter<T extends object>(object: T): T {
    const index = this.objects.length;
    this.objects.push(object);
    if (this.options.onObject) {
      const o = index < this.root.originsLength() ? this.root.origins(index, this.origin) : null;
      this.options.onObject(object, index, o && o.data() !== 0 ? { data: o.data(), index: o.index() } : undefined);
    }
    return object;
  }

  value(type: Value, read: Read): unknown {
    switch (type) {
      case Value.UndefinedValue: return undefined;
      case Value.NullValue: return null;
      case Value.BoolValue: return (read(new BoolValue()) as BoolValue).value();
      case Value.NumberValue: return (read(new NumberValue()) as NumberValue).value();
      case Value.BigIntValue: {
        const hex = (read(new BigIntValue()) as BigIntValue).hex() as string;
        return hex.startsWith('-') ? -BigInt(`0x${hex.slice(1)}`) : BigInt(`0x${hex}`);
      }
      case Value.StringValue: return decodeString(read(new StringValue()));
      case Value.RefValue: {
        const index = (read(new RefValue()) as RefValue).index();
        if (index >= this.objects.length) throw new Error(`data file refers to object ${index} before it was made`);
        return this.objects[index];
      }
      case Value.DateValue: return this.enter(new Date((read(new DateValue()) as DateValue).time()));
      case Value.ArrayValue: return this.array(read(new ArrayValue()));
      case Value.NumberArrayValue: return this.enter(numberArray((read(new NumberArrayValue()) as NumberArrayValue).itemsArray() ?? new Float64Array(0)));
      case Value.ObjectValue: return this.record(read(new ObjectValue()));
      case Value.MapValue: {
        const m: MapValue = read(new MapValue());
        const out = this.enter(new Map<unknown, unknown>());
        const keys = this.items(m.keysLength(), (i) => m.keysType(i), (i, obj) => m.keys(i, obj));
        const values = this.items(m.valuesLength(), (i) => m.valuesType(i), (i, obj) => m.values(i, obj));
        keys.forEach((key, i) => out.set(key, values[i]));
        return out;
      }
      case Value.SetValue: {
        const s: SetValue = read(new SetValue());
        const out = this.enter(new Set<unknown>());
        for (const item of this.items(s.itemsLength(), (i) => s.itemsType(i), (i, obj) => s.items(i, obj))) out.add(item);
        return out;
      }
      case Value.TypedArrayValue: return this.enter(this.typedArray(read(new TypedArrayValue())));
      case Value.ErrorValue: return this.error(read(new ErrorValue()));
      case Value.RegExpValue: {
        const r: RegExpValue = read(new RegExpValue());
        return this.properties(this.enter(new RegExp(r.source() as string, r.flags() as string)), r);
      }
    }
    throw new Error(`data file holds an unknown value type ${type} (written by another version of taskify?)`);
  }

  private array(a: ArrayValue): unknown[] {
    const n = a.itemsLength();
    const out = this.enter(new Array<unknown>(n));
    for (let i = 0; i < n; i++) {
      const type = a.itemsType(i) ?? Value.NONE;
      if (type !== Value.HoleValue) out[i] = this.value(type, (obj) => a.items(i, obj));
    }
    return out;
  }

  private items(n: number, typeAt: (i: number) => Value | null, itemAt: (i: number, obj: any) => any): unknown[] {
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) out.push(this.value(typeAt(i) ?? Value.NONE, (obj) => itemAt(i, obj)));
    return out;
  }

  private record(o: ObjectValue): object {
    const classIndex = o.classIndex();
    return this.properties(this.enter(classIndex >= 0 ? Object.create(this.classAt(classIndex).prototype)
      : o.nullPrototype() ? Object.create(null) : {}), o);
  }

  /** Own properties (value.fbs ObjectValue): keys, values and what each key is not. */
  private properties<T extends object>(into: T, o: ObjectValue | RegExpValue): T {
    const out = into as Record<string, unknown>;
    const attributed = o.attributesLength() > 0;
    for (let i = 0; i < o.valuesLength(); i++) {
      const value = this.value(o.valuesType(i) ?? Value.NONE, (obj) => o.values(i, obj));
      const key = o.keys(i) as string;
      const not = attributed ? o.attributes(i)! : 0;
      // Assigning "__proto__" would set the prototype instead of creating the own property the value had.
      if (key === '__proto__' || not !== 0) {
        // A RegExp's lastIndex is there already, and cannot be made configurable: it takes its value (and read-only-ness).
        const made = into instanceof RegExp && key === 'lastIndex';
        Object.defineProperty(out, key, made ? { value, writable: (not & 2) === 0 }
          : { value, enumerable: (not & 1) === 0, writable: (not & 2) === 0, configurable: (not & 4) === 0 });
      } else out[key] = value;
    }
    return into;
  }

  /** Entered before its properties are decoded: a `cause` or an `errors` item may refer back to it. */
  private error(e: ErrorValue): Error {
    const classIndex = e.classIndex();
    const out = this.enter(blankError(e.builtin() as string, classIndex >= 0 ? this.classAt(classIndex) : undefined));
    for (let i = 0; i < e.valuesLength(); i++) {
      const value = this.value(e.valuesType(i) ?? Value.NONE, (obj) => e.values(i, obj));
      defineErrorProperty(out, e.keys(i) as string, value, i >= e.hidden());
    }
    return out;
  }

  private classAt(index: number): Function {
    return (this.classes[index] ??= classOf(classRefAt(this.root, index)));
  }

  private typedArray(t: TypedArrayValue): ArrayBufferView {
    const start = this.bodyStart + Number(this.root.regions(t.region())) + Number(t.byteOffset());
    const byteLength = Number(t.byteLength());
    if (start < this.bodyStart || start + byteLength > this.bytes.length) {
      throw new Error(`data file truncated: a typed array ends at byte ${start + byteLength}, the file has ${this.bytes.length}`);
    }
    const kind = t.kind();
    const byteOffset = this.bytes.byteOffset + start;
    if (kind === TypedArrayKind.Buffer) return Buffer.from(this.bytes.buffer, byteOffset, byteLength);
    const C = TYPED_ARRAYS[kind]!;
    return new C(this.bytes.buffer, byteOffset, byteLength / C.BYTES_PER_ELEMENT);
  }
}

export function classRefAt(root: Root, index: number): ClassRef {
  const ref = root.classes(index, new ClassRefTable())!;
  return { module: ref.module() as string, name: ref.name() as string };
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
