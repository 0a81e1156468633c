/** Shapes of `out` arguments: enough to build an empty object of the right kind without the old contents. */
import type { OutShape, Primitive } from '../protocol';

/** Typed array constructors by name: the one table every part that rebuilds a typed array from its name uses. */
export interface TypedArrayConstructor {
  new (length: number): ArrayBufferView & { length: number };
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): ArrayBufferView & { length: number };
  readonly BYTES_PER_ELEMENT: number;
}

export const typedArrays: Record<string, TypedArrayConstructor> = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
};

export function isPrimitive(value: unknown): value is Primitive {
  return value === null || (typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol');
}

/**
 * The values of an object's own enumerable fields, without running its getters: a walk over the program's objects
 * (who shares what, what to bring home) must not run the program's code, which would also count its calls.
 */
export function fieldValues(object: object): unknown[] {
  const values: unknown[] = [];
  for (const key of Object.keys(object)) {
    const slot = Object.getOwnPropertyDescriptor(object, key);
    if (slot && 'value' in slot) values.push(slot.value);
  }
  return values;
}

/**
 * What a task can see inside an object, pushed onto `into`: its elements, own enumerable fields (fieldValues), Map keys
 * and values, Set items, where they are objects. Typed arrays hold none. Every walk over data uses this one list.
 */
export function pushChildren(object: object, into: object[]): void {
  const add = (value: unknown) => { if (typeof value === 'object' && value !== null) into.push(value); };
  if (isTypedArray(object)) return;
  if (Array.isArray(object)) { for (let i = 0; i < object.length; i++) add(object[i]); }
  else if (object instanceof Map) for (const [key, value] of object) { add(key); add(value); }
  else if (object instanceof Set) object.forEach(add);
  else fieldValues(object).forEach(add);
}

/** An object literal's object, or one made without a prototype: its fields are all it is. */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function isTypedArray(value: unknown): value is ArrayBufferView & { length: number } {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/** The shape of an object, or undefined when it is not a kind an `out` parameter can have. */
export function shapeOf(value: object): OutShape | undefined {
  if (isTypedArray(value)) {
    const type = Buffer.isBuffer(value) ? 'Uint8Array' : value.constructor.name;
    return type in typedArrays ? { kind: 'typed', type, length: value.length } : undefined;
  }
  if (Array.isArray(value)) return { kind: 'array', length: value.length };
  if (value instanceof Map) return { kind: 'map' };
  if (value instanceof Set) return { kind: 'set' };
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null ? { kind: 'object' } : undefined;
}

export function makeEmpty(shape: OutShape): unknown {
  switch (shape.kind) {
    case 'typed': return new typedArrays[shape.type](shape.length);
    case 'array': return new Array(shape.length).fill(undefined);
    case 'map': return new Map();
    case 'set': return new Set();
    case 'object': return {};
  }
}

/**
 * An array with properties of its own beside its elements (`Object.assign([0, 0], { label })`): an `out` parameter's
 * empty stand-in would lose them, and the task's version would drop them from the caller's array. Integer keys come
 * first in an object's key order, so the last key says.
 */
export function hasNamedProperties(array: readonly unknown[]): boolean {
  const keys = Object.keys(array);
  const last = keys[keys.length - 1];
  return last !== undefined && !/^(0|[1-9]\d*)$/.test(last);
}
