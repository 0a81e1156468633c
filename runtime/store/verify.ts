/**
 * A bounds-checked walk of a data file's header (the FlatBuffer of value.fbs) before anything decodes it, for bytes
 * that came from another machine.
 *
 * Why our own: the flatbuffers JavaScript library has no Verifier (C++, Rust, Go, Java and Python have one; its
 * package, 25.9.23 here, has none). Its accessors trust every offset: a byte read past the buffer is `undefined`,
 * read as 0, so a wrong offset yields another value silently; a vector's length, taken as is, becomes a loop bound
 * or an array size (2^31 elements: a hang or a huge allocation); a [double] vector becomes a Float64Array over
 * whatever range its offset says (a RangeError when it leaves the buffer or is not aligned); and a table referenced
 * from many places is decoded once per reference (a few KB of header can describe an exponentially large value).
 * The checksum stops damage in Redis; this stops a malformed header from a holder of the cluster secret (a bug, or
 * worse): it fails its task with a clear error instead.
 *
 * It checks what the decoder (decoder.ts) will read, in the order it reads it: every table's vtable and fields
 * inside the buffer; every vector and string inside it (strings NUL-terminated), element vectors read as typed
 * arrays aligned; union types known and their two vectors of one length; object keys as many as values; class
 * indexes, regions and back-references (RefValue: only to an object already made) in range; typed arrays inside the
 * body, aligned, whole elements; BigInt text hexadecimal. Caps bound the work: at most one value per 4 header bytes
 * (the encoder writes every value as a table of its own, at least 4 bytes), and decoded text at most TEXT_PER_BYTE
 * times the header plus TEXT_BASE. Like the codec it walks without recursion (a stack of the unions being read, one
 * element at a time), so a value of any depth the encoder wrote is checked, in memory proportional to its depth.
 */
import { BODY_START, TYPED_ARRAYS } from './body';
import { TypedArrayKind, Value } from './generated/value_generated';

const TEXT_PER_BYTE = 16;
const TEXT_BASE = 64 * 1024 * 1024;

class Malformed extends Error {}

/**
 * Why `framed` (the header as the file holds it: u32 length, then the FlatBuffer; 8-aligned as in the file) cannot be
 * decoded as the header of a file whose body has `bodyBytes` bytes, or undefined.
 */
export function headerProblem(framed: Uint8Array, bodyBytes: number, maxDepth = Number.POSITIVE_INFINITY): string | undefined {
  try {
    new HeaderWalk(framed, bodyBytes, maxDepth).root();
    return undefined;
  } catch (error) {
    if (error instanceof Malformed) return `its header is malformed: ${error.message}`;
    throw error;
  }
}

interface Table { readonly at: number; readonly vtable: number; readonly vtableSize: number; readonly size: number }
interface Vector { readonly at: number; readonly length: number }
/** A union vector being read: its types and offsets, how many, the next one, and the depth of the value holding it. */
interface Union { readonly types: number; readonly items: number; readonly length: number; next: number; readonly holes: boolean; readonly depth: number }

class HeaderWalk {
  private readonly view: DataView;
  private readonly end: number;
  private values = 0;
  private readonly maxValues: number;
  private text = 0;
  private readonly maxText: number;
  /** Objects the decoder has made so far: what a RefValue may name. */
  private objects = 0;
  private classes = 0;
  private regions: Vector = { at: 0, length: 0 };
  /** The unions being read, innermost last; a union pushed last is read first. */
  private readonly unions: Union[] = [];

  constructor(private readonly bytes: Uint8Array, private readonly bodyBytes: number, private readonly maxDepth: number) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.end = bytes.length;
    this.maxValues = Math.floor(this.end / 4) + 1;
    this.maxText = TEXT_BASE + TEXT_PER_BYTE * this.end;
  }

  root(): void {
    const root = this.table(this.target(4), 'the root');
    this.regions = this.vector(root, 2, 8, 1, 'regions') ?? this.regions;
    const origins = this.vector(root, 3, 8, 1, 'origins');
    void origins; // structs of two uints: inside the buffer is all they need
    const classes = this.vector(root, 4, 4, 1, 'classes');
    this.classes = classes?.length ?? 0;
    for (let i = 0; i < this.classes; i++) {
      const ref = this.table(this.target(classes!.at + 4 * i), 'a class reference');
      this.string(this.offsetField(ref, 0, 'a class module', true)!);
      this.string(this.offsetField(ref, 1, 'a class name', true)!);
    }
    this.value(this.u8Field(root, 0), this.offsetField(root, 1, 'the value', true)!, 0);
    this.walk();
    // Structs of a uint and a byte, each naming an object the value made.
    const locks = this.vector(root, 5, 8, 1, 'locks');
    for (let i = 0; i < (locks?.length ?? 0); i++) {
      const index = this.view.getUint32(locks!.at + 8 * i, true);
      if (index >= this.objects) throw new Malformed(`a lock on object ${index}, which is not one of its ${this.objects}`);
    }
  }

  /** Every value inside the root's, in the decoder's order: a union's elements one by one, each checked when reached. */
  private walk(): void {
    const unions = this.unions;
    while (unions.length > 0) {
      const top = unions[unions.length - 1]!;
      if (top.next >= top.length) { unions.pop(); continue; }
      const i = top.next++;
      const type = this.bytes[top.types + i]!;
      if (top.holes && type === Value.HoleValue) continue; // the decoder leaves a hole without reading it
      this.value(type, this.target(top.items + 4 * i), top.depth + 1);
    }
  }

  /** One value's own table; the unions it holds are pushed, to be read next (the last pushed first). */
  private value(type: number, at: number, depth: number): void {
    if (++this.values > this.maxValues) throw new Malformed(`more values than its ${this.end} bytes can hold`);
    if (depth > this.maxDepth) throw new Malformed(`values nested deeper than ${this.maxDepth}`);
    const t = this.table(at, 'a value');
    switch (type) {
      case Value.UndefinedValue: case Value.NullValue: return; // a HoleValue is read only in an array's items
      case Value.BoolValue: this.field(t, 0, 1); return;
      case Value.NumberValue: case Value.DateValue: this.field(t, 0, 8); if (type === Value.DateValue) this.objects++; return;
      case Value.BigIntValue: {
        const s = this.string(this.offsetField(t, 0, 'a BigInt', true)!);
        if (!/^-?[0-9a-f]+$/.test(Buffer.from(this.bytes.buffer, this.bytes.byteOffset + s.at, s.length).toString('latin1'))) {
          throw new Malformed('a BigInt is not hexadecimal');
        }
        return;
      }
      case Value.StringValue: {
        // The decoder takes the UTF-16 code units when there are any, else the UTF-8 text.
        const units = this.vector(t, 1, 2, 2, 'a string\'s UTF-16');
        if (units) { if ((this.text += 2 * units.length) > this.maxText) throw new Malformed(`more text than ${this.maxText} bytes`); return; }
        const text = this.offsetField(t, 0, 'a string', false);
        if (text === undefined) throw new Malformed('a string has no text');
        this.string(text);
        return;
      }
      case Value.RefValue: {
        const index = this.view.getUint32(this.field(t, 0, 4) ?? this.fail('a reference has no index'), true);
        if (index >= this.objects) throw new Malformed(`a reference to object ${index} before it was made`);
        return;
      }
      case Value.NumberArrayValue: this.objects++; this.vector(t, 0, 8, 8, 'a number array'); return;
      case Value.SetValue: this.objects++; this.union(t, 0, depth, false); return;
      case Value.ArrayValue: {
        // Its named properties (keys, values at 3 and 4, attributes) are read after its elements.
        this.objects++;
        this.attributes(t, 5, this.fields(t, 2, 'an array', depth));
        this.union(t, 0, depth, true);
        return;
      }
      case Value.MapValue: {
        this.objects++;
        const values = this.union(t, 2, depth, false);
        if (this.union(t, 0, depth, false) !== values) throw new Malformed('a Map has as many keys as values');
        return;
      }
      case Value.ObjectValue: {
        const keys = this.classAndFields(t, { classAt: 4, keysAt: 1, valuesAt: 2 }, 'an object', depth);
        this.attributes(t, 5, keys);
        return;
      }
      case Value.RegExpValue: {
        this.string(this.offsetField(t, 0, 'a RegExp\'s source', true)!);
        this.string(this.offsetField(t, 1, 'a RegExp\'s flags', true)!);
        this.objects++;
        this.attributes(t, 5, this.fields(t, 2, 'a RegExp', depth));
        return;
      }
      case Value.TypedArrayValue: this.objects++; this.typedArray(t); return;
      case Value.ErrorValue: {
        this.string(this.offsetField(t, 0, 'an error\'s built-in class', true)!);
        const keys = this.classAndFields(t, { classAt: 1, keysAt: 2, valuesAt: 3 }, 'an error', depth);
        const hidden = this.field(t, 5, 4);
        if (hidden !== undefined && this.view.getUint32(hidden, true) > keys) throw new Malformed('an error hides more keys than it has');
        return;
      }
    }
    throw new Malformed(`a value of unknown type ${type}`);
  }

  /**
   * An object's or error's class index (within the value's classes) and its keys, each a string, with as many values:
   * the fields at the given ids. Returns the number of keys.
   */
  private classAndFields(t: Table, at: { classAt: number; keysAt: number; valuesAt: number }, what: string, depth: number): number {
    const index = this.classIndex(t, at.classAt);
    if (index < -1 || index >= this.classes) throw new Malformed(`${what}'s class ${index} is not one of its ${this.classes}`);
    this.objects++;
    if (at.valuesAt !== at.keysAt + 1) throw new Error('verify: keys and values must be neighbouring fields');
    return this.fields(t, at.keysAt, what, depth);
  }

  /** Keys (field `id`), each a string, and as many values (fields id + 1, id + 2). Returns the number of keys. */
  private fields(t: Table, id: number, what: string, depth: number): number {
    const keys = this.vector(t, id, 4, 1, `${what}'s keys`);
    for (let i = 0; i < (keys?.length ?? 0); i++) this.string(this.target(keys!.at + 4 * i));
    if (this.union(t, id + 1, depth, false) !== (keys?.length ?? 0)) throw new Malformed(`${what} has as many keys as values`);
    return keys?.length ?? 0;
  }

  /** An attributes vector (field `id`): absent, or one byte per key, each of 1, 2 and 4. */
  private attributes(t: Table, id: number, keys: number): void {
    const attributes = this.vector(t, id, 1, 1, 'attributes');
    if (attributes && attributes.length !== keys) throw new Malformed('an object has as many attributes as keys');
    for (let i = 0; i < (attributes?.length ?? 0); i++) if (this.bytes[attributes!.at + i] > 7) throw new Malformed('an attribute is not one of 1, 2 and 4');
  }

  /** A table's class_index field (id `id`): -1 when absent. */
  private classIndex(t: Table, id: number): number {
    const at = this.field(t, id, 4);
    return at === undefined ? -1 : this.view.getInt32(at, true);
  }

  /**
   * A union vector (types at field `id`, tables at `id + 1`), its values to be read next in order (walk): pushed, so
   * of a table's unions the one pushed last is read first. Returns its length.
   */
  private union(t: Table, id: number, depth: number, holes: boolean): number {
    const types = this.vector(t, id, 1, 1, 'a union\'s types');
    const items = this.vector(t, id + 1, 4, 1, 'a union\'s values');
    const n = items?.length ?? 0;
    if ((types?.length ?? 0) !== n && n > 0) throw new Malformed(`${types?.length ?? 0} types for ${n} values`);
    if (n > 0) this.unions.push({ types: types!.at, items: items!.at, length: n, next: 0, holes, depth });
    return n;
  }

  private typedArray(t: Table): void {
    const kind = this.u8Field(t, 0);
    const size = kind === TypedArrayKind.Buffer ? 1 : TYPED_ARRAYS[kind]?.BYTES_PER_ELEMENT;
    if (size === undefined) throw new Malformed(`a typed array of unknown kind ${kind}`);
    const regionAt = this.field(t, 1, 4);
    const region = regionAt === undefined ? 0 : this.view.getUint32(regionAt, true);
    if (region >= this.regions.length) throw new Malformed(`a typed array's region ${region} is not one of its ${this.regions.length}`);
    const offsetAt = this.field(t, 2, 8);
    const lengthAt = this.field(t, 3, 8);
    const start = BigInt(BODY_START) + this.view.getBigInt64(this.regions.at + 8 * region, true) +
      (offsetAt === undefined ? 0n : this.view.getBigUint64(offsetAt, true));
    const length = lengthAt === undefined ? 0n : this.view.getBigUint64(lengthAt, true);
    if (start < BigInt(BODY_START) || start + length > BigInt(BODY_START + this.bodyBytes)) {
      throw new Malformed(`a typed array of ${length} bytes at ${start} is outside the body`);
    }
    if (start % BigInt(size) !== 0n || length % BigInt(size) !== 0n) throw new Malformed(`a ${TypedArrayKind[kind]} is not aligned to whole elements`);
  }

  // ── FlatBuffers' layout, every read bounded ──

  private need(at: number, bytes: number, what: string): void {
    if (!(at >= 4 && bytes >= 0 && at + bytes <= this.end)) throw new Malformed(`${what} at ${at} (${bytes} bytes) is outside the header`);
  }

  /** The position a uoffset at `at` points to. */
  private target(at: number): number {
    this.need(at, 4, 'an offset');
    return at + this.view.getUint32(at, true);
  }

  private table(at: number, what: string): Table {
    this.need(at, 4, what);
    const vtable = at - this.view.getInt32(at, true);
    this.need(vtable, 4, `the vtable of ${what}`);
    const vtableSize = this.view.getUint16(vtable, true);
    const size = this.view.getUint16(vtable + 2, true);
    if (vtableSize < 4 || vtableSize % 2 !== 0 || size < 4) throw new Malformed(`the vtable of ${what} is malformed`);
    this.need(vtable, vtableSize, `the vtable of ${what}`);
    this.need(at, size, what);
    return { at, vtable, vtableSize, size };
  }

  /** Field `id`'s position (it holds `bytes` bytes inside its table), or undefined when absent. */
  private field(t: Table, id: number, bytes: number): number | undefined {
    const slot = 4 + 2 * id;
    const offset = slot + 2 <= t.vtableSize ? this.view.getUint16(t.vtable + slot, true) : 0;
    if (offset === 0) return undefined;
    if (offset + bytes > t.size) throw new Malformed(`a field at ${offset} of a table of ${t.size} bytes`);
    return t.at + offset;
  }

  private u8Field(t: Table, id: number): number {
    const at = this.field(t, id, 1);
    return at === undefined ? 0 : this.bytes[at]!;
  }

  private offsetField(t: Table, id: number, what: string, required: boolean): number | undefined {
    const at = this.field(t, id, 4);
    if (at === undefined) { if (required) throw new Malformed(`${what} is missing`); return undefined; }
    return this.target(at);
  }

  /** A vector of `size`-byte elements, the first `align`-aligned in the file; undefined when absent. */
  private vector(t: Table, id: number, size: number, align: number, what: string): Vector | undefined {
    const at = this.offsetField(t, id, what, false);
    if (at === undefined) return undefined;
    this.need(at, 4, what);
    const length = this.view.getUint32(at, true);
    this.need(at + 4, length * size, what);
    if ((this.bytes.byteOffset + at + 4) % align !== 0) throw new Malformed(`${what} at ${at + 4} is not ${align}-byte aligned`);
    return { at: at + 4, length };
  }

  /** A string at `at`: inside the header, NUL-terminated, within the text budget. */
  private string(at: number): Vector {
    this.need(at, 4, 'a string');
    const length = this.view.getUint32(at, true);
    this.need(at + 4, length + 1, 'a string');
    if (this.bytes[at + 4 + length] !== 0) throw new Malformed(`a string at ${at} is not terminated`);
    if ((this.text += length) > this.maxText) throw new Malformed(`more text than ${this.maxText} bytes`);
    return { at: at + 4, length };
  }

  private fail(message: string): never { throw new Malformed(message); }
}
