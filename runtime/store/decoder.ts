/**
 * FlatBuffer header + body → value, the encoder's inverse. Objects are numbered in the order they are entered,
 * exactly as the encoder numbered them, and each is registered before its contents are decoded, so a RefValue to
 * it (from a shared slot or a cycle) finds it. No recursion: objects wait for their contents on a stack of frames
 * (decode-frames.ts), so data of any depth decodes. Typed arrays come back as views on the file's own buffer; views the
 * encoder put in one region overlap again.
 */
import {
  ArrayValue, BigIntValue, BoolValue, ClassRef as ClassRefTable, DateValue, ErrorValue, Lock, MapValue, NumberArrayValue, NumberValue,
  ObjectValue, Origin, RefValue, RegExpValue, Root, SetValue, StringValue, TypedArrayKind, TypedArrayValue, Value,
} from './generated/value_generated';
import { noteBorrowed, TYPED_ARRAYS } from './body';
import type { ObjectOrigin } from './encoder';
import { lockObject, type LockLevel } from './locks';
import { classOf, type ClassRef } from './classes';
import { blankError } from './error-values';
import { Frame, Kind, type Table } from './decode-frames';

export interface DecodeOptions {
  /** Called for every object as it is made, with its number and where it came from (if the file says). */
  onObject?(object: object, index: number, origin: ObjectOrigin | undefined): void;
  /** Given, locked objects are handed here instead of being locked (the caller locks them when it is done). */
  onLocked?(object: object, level: LockLevel): void;
  /**
   * Called for every typed array with its region: views of one buffer where the file was written share a region.
   * `whole`: the bytes of that whole buffer (on the file's buffer), when the file carries it (value.fbs whole_buffers).
   */
  onView?(view: ArrayBufferView, region: number, whole: Uint8Array | undefined): void;
}


export class Decoder {
  private readonly objects: object[] = [];
  /** Long strings decoded, by their table's place in the file. */
  private readonly strings = new Map<number, string>();
  private readonly classes: (Function | undefined)[];
  private readonly origin = new Origin();

  constructor(private readonly bytes: Uint8Array, private readonly bodyStart: number, private readonly root: Root,
    private readonly options: DecodeOptions) {
    this.classes = new Array(root.classesLength());
    noteBorrowed(bytes.buffer); // (its typed arrays are views on it: body.ts)
  }

  decode(): unknown {
    const root = new Frame(Kind.Root, this.root, undefined, 1, 0);
    const stack = [root];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.next < top.count) {
        const frame = this.child(top, top.next++);
        if (frame) stack.push(frame);
      } else {
        stack.pop();
        top.close();
      }
    }
    this.lock();
    return root.got![0];
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

  /** Child `i` of frame `f`, put in its place; an object with children of its own returns its frame, to fill next. */
  private child(f: Frame, i: number): Frame | undefined {
    const type = f.typeAt(i);
    switch (type) {
      case Value.HoleValue: if (f.kind === Kind.Array && i < f.elements) return undefined; break; // an array's hole stays one
      case Value.UndefinedValue: f.put(i, undefined); return undefined;
      case Value.NullValue: f.put(i, null); return undefined;
      case Value.BoolValue: f.put(i, f.read(i, new BoolValue()).value()); return undefined;
      case Value.NumberValue: f.put(i, asSmallInteger(f.read(i, new NumberValue()).value())); return undefined;
      case Value.BigIntValue: {
        const hex = f.read(i, new BigIntValue()).hex() as string;
        f.put(i, hex.startsWith('-') ? -BigInt(`0x${hex.slice(1)}`) : BigInt(`0x${hex}`));
        return undefined;
      }
      case Value.StringValue: f.put(i, this.string(f.read(i, new StringValue()))); return undefined;
      case Value.RefValue: {
        const index = f.read(i, new RefValue()).index();
        if (index >= this.objects.length) throw new Error(`data file refers to object ${index} before it was made`);
        f.put(i, this.objects[index]);
        return undefined;
      }
      case Value.DateValue: f.put(i, this.enter(new Date(f.read(i, new DateValue()).time()))); return undefined;
      case Value.NumberArrayValue:
        f.put(i, this.enter(numberArray(f.read(i, new NumberArrayValue()).itemsArray() ?? new Float64Array(0))));
        return undefined;
      case Value.TypedArrayValue: {
        const t = f.read(i, new TypedArrayValue());
        const view = this.typedArray(t);
        if (this.options.onView) this.options.onView(view, t.region(), this.wholeBuffer(t.region()));
        f.put(i, this.enter(view));
        return undefined;
      }
      case Value.ArrayValue: {
        const a = f.read(i, new ArrayValue());
        const n = a.itemsLength();
        return this.open(f, i, Kind.Array, a, new Array<unknown>(n), n + a.valuesLength(), n);
      }
      case Value.ObjectValue: {
        const o = f.read(i, new ObjectValue());
        const classIndex = o.classIndex();
        const out: object = classIndex >= 0 ? Object.create(this.classAt(classIndex).prototype) : o.nullPrototype() ? Object.create(null) : {};
        return this.open(f, i, Kind.Properties, o, out, o.valuesLength(), 0);
      }
      case Value.RegExpValue: {
        const r = f.read(i, new RegExpValue());
        return this.open(f, i, Kind.Properties, r, new RegExp(r.source() as string, r.flags() as string), r.valuesLength(), 0);
      }
      case Value.ErrorValue: {
        // Made before its properties are decoded: a `cause` or an `errors` item may refer back to it.
        const e = f.read(i, new ErrorValue());
        const classIndex = e.classIndex();
        return this.open(f, i, Kind.Error, e, blankError(e.builtin() as string, classIndex >= 0 ? this.classAt(classIndex) : undefined), e.valuesLength(), 0);
      }
      case Value.MapValue: {
        const m = f.read(i, new MapValue());
        return this.open(f, i, Kind.Map, m, new Map<unknown, unknown>(), m.keysLength() + m.valuesLength(), 0);
      }
      case Value.SetValue: {
        const s = f.read(i, new SetValue());
        return this.open(f, i, Kind.Set, s, new Set<unknown>(), s.itemsLength(), 0);
      }
    }
    throw new Error(`data file holds an unknown value type ${type} (written by another version of taskify?)`);
  }

  /** A new object: numbered, put in its place, and its frame, whose children are decoded next. */
  private open(f: Frame, i: number, kind: Kind, table: Table, out: object, count: number, elements: number): Frame {
    f.put(i, this.enter(out));
    return new Frame(kind, table, out, count, elements);
  }

  private classAt(index: number): Function {
    return (this.classes[index] ??= classOf(classRefAt(this.root, index)));
  }

  /**
   * A string table several values share (the encoder writes a long string once) decodes to one string: 2000 rows
   * holding a 1 MB licence are 1 MB here, as in the program, not 2 GB.
   */
  private string(table: StringValue): string {
    const at = table.bb_pos;
    const known = this.strings.get(at);
    if (known !== undefined) return known;
    const s = decodeString(table);
    if (s.length >= 64) this.strings.set(at, s);
    return s;
  }

  private wholeBuffer(region: number): Uint8Array | undefined {
    const length = region < this.root.wholeBuffersLength() ? Number(this.root.wholeBuffers(region)) : 0;
    if (length === 0) return undefined;
    const start = this.bodyStart + Number(this.root.regions(region));
    if (start < this.bodyStart || start + length > this.bytes.length) throw new Error(`data file truncated: a buffer ends at byte ${start + length}, the file has ${this.bytes.length}`);
    return this.bytes.subarray(start, start + length);
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
  for (let i = 0; i < items.length; i++) out[i] = asSmallInteger(items[i]!);
  return out;
}

/**
 * A number as the program made it: an integer that fits V8's small integers is one again. Read from a float64 it is
 * a double, and V8 then compiles the task's arithmetic on it as floating point: `(s + i * x) % 1000003` ran 3.5-4x
 * slower in a worker than in the plain program (np42's F5). (Not -0, which is no integer to V8.)
 */
function asSmallInteger(v: number): number {
  return (v | 0) === v && (v !== 0 || 1 / v > 0) ? v | 0 : v;
}

function decodeString(s: StringValue): string {
  const units = s.utf16Array();
  if (units === null) return s.text() as string;
  let out = '';
  // In slices: spreading a long string's code units as arguments would overflow the stack.
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.subarray(i, i + 8192));
  return out;
}
