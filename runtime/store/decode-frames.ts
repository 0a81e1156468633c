/**
 * The decoder's walk without recursion (decoder.ts): an object is made and put in its place when it is met, and a
 * frame for it waits on a stack until its children are decoded, so data of any depth decodes (tester #13's m34).
 * Here: a frame, and how it reads its children's types and tables and takes their values.
 */
import { ArrayValue, ErrorValue, MapValue, ObjectValue, RegExpValue, Root, SetValue, Value } from './generated/value_generated';
import { defineErrorProperty } from './error-values';

/** A table holding children. */
export type Table = Root | ArrayValue | ObjectValue | RegExpValue | ErrorValue | MapValue | SetValue;

export const enum Kind { Root, Array, Properties, Error, Map, Set }

/** An object whose children are being decoded (or the root, whose one child is the value). */
export class Frame {
  next = 0;
  /** The root's value, a Map's keys then values, a Set's items: decoded first, put in once all are. */
  readonly got: unknown[] | undefined;
  /** Whether its properties carry attributes (value.fbs ObjectValue.attributes). */
  readonly attributed: boolean;

  constructor(readonly kind: Kind, readonly table: Table, readonly out: object | undefined, readonly count: number,
    /** An array's elements: the children before its named properties. */
    readonly elements: number) {
    this.got = kind === Kind.Root || kind === Kind.Map || kind === Kind.Set ? new Array<unknown>(count) : undefined;
    this.attributed = (kind === Kind.Array || kind === Kind.Properties) && (table as ObjectValue).attributesLength() > 0;
  }

  /** The type of child `i`. */
  typeAt(i: number): Value {
    const t = this.table;
    switch (this.kind) {
      case Kind.Root: return (t as Root).valueType();
      case Kind.Array: return (i < this.elements ? (t as ArrayValue).itemsType(i) : (t as ArrayValue).valuesType(i - this.elements)) ?? Value.NONE;
      case Kind.Map: { const n = this.count / 2; return (i < n ? (t as MapValue).keysType(i) : (t as MapValue).valuesType(i - n)) ?? Value.NONE; }
      case Kind.Set: return (t as SetValue).itemsType(i) ?? Value.NONE;
      default: return (t as ObjectValue).valuesType(i) ?? Value.NONE;
    }
  }

  /** Fills `obj` with child `i`'s table. */
  read<T>(i: number, obj: T): T {
    const t = this.table;
    switch (this.kind) {
      case Kind.Root: return (t as Root).value(obj);
      case Kind.Array: return i < this.elements ? (t as ArrayValue).items(i, obj) : (t as ArrayValue).values(i - this.elements, obj);
      case Kind.Map: { const n = this.count / 2; return i < n ? (t as MapValue).keys(i, obj) : (t as MapValue).values(i - n, obj); }
      case Kind.Set: return (t as SetValue).items(i, obj);
      default: return (t as ObjectValue).values(i, obj);
    }
  }

  /** Child `i`'s value, put in its place. */
  put(i: number, value: unknown): void {
    switch (this.kind) {
      case Kind.Array: {
        if (i < this.elements) { (this.out as unknown[])[i] = value; return; }
        const a = this.table as ArrayValue;
        const j = i - this.elements;
        return define(this.out!, a.keys(j) as string, this.attributed ? a.attributes(j)! : 0, value);
      }
      case Kind.Properties: {
        const o = this.table as ObjectValue | RegExpValue;
        return define(this.out!, o.keys(i) as string, this.attributed ? o.attributes(i)! : 0, value);
      }
      case Kind.Error: {
        const e = this.table as ErrorValue;
        return defineErrorProperty(this.out as Error, e.keys(i) as string, value, i >= e.hidden());
      }
      default: this.got![i] = value;
    }
  }

  /** All children are decoded: a Map or a Set takes its entries, in order. */
  close(): void {
    if (this.kind === Kind.Map) {
      const map = this.out as Map<unknown, unknown>;
      for (let i = 0, n = this.count / 2; i < n; i++) map.set(this.got![i], this.got![n + i]);
    } else if (this.kind === Kind.Set) {
      const set = this.out as Set<unknown>;
      for (const item of this.got!) set.add(item);
    }
  }
}

/** An own property as the file says (value.fbs ObjectValue.attributes: what the key is not). */
function define(into: object, key: string, not: number, value: unknown): void {
  // Assigning "__proto__" would set the prototype instead of creating the own property the value had.
  if (key === '__proto__' || not !== 0) {
    // A RegExp's lastIndex is there already, and cannot be made configurable: it takes its value (and read-only-ness).
    const made = into instanceof RegExp && key === 'lastIndex';
    Object.defineProperty(into, key, made ? { value, writable: (not & 2) === 0 }
      : { value, enumerable: (not & 1) === 0, writable: (not & 2) === 0, configurable: (not & 4) === 0 });
  } else (into as Record<string, unknown>)[key] = value;
}
