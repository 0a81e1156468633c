/**
 * What the codec refuses, and how it says so: every value the other side could not rebuild faithfully is refused
 * with its path in the value (`.rows[2].get("k")`). Apart from the encoder because the main thread checks the same
 * things of a call's arguments before anything is encoded (api/arguments.ts).
 */
import { KIND_OF_PROTOTYPE, type Region } from './body';

/** A value the codec cannot carry. `path` is relative to the encoded value ("" for the value itself). */
export class UnsupportedValueError extends Error {
  /**
   * Refused for what this value holds (a throwing getter, its size, a Future inside it), not for
   * its kind (a function, an instance of a class no module exports, a WeakMap…), which a call run in place can take.
   */
  aboutContents = false;

  constructor(readonly typeName: string, readonly path: string, private readonly description: string, private readonly detail = '') {
    super(`${description}${path ? ` at ${path}` : ''}${detail}`);
    this.name = 'UnsupportedValueError';
  }

  /** The message with another path: the value that was encoded is part of a larger one (a group's root). */
  at(path: string): string { return `${this.description}${path ? ` at ${path}` : ''}${this.detail}`; }
}

const BUILTIN_PROTOTYPES = new Set<unknown>([Array.prototype, Map.prototype, Set.prototype, Date.prototype, RegExp.prototype]);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export const keyPath = (key: string): string => (IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);
export const mapValuePath = (path: string, key: unknown, i: number): string =>
  typeof key === 'string' || Number.isFinite(key) ? `${path}.get(${JSON.stringify(key)})` : `${path}.values()[${i}]`;
export const withArticle = (name: string): string => `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;

/**
 * A class extending Array, Map, Set, Date, RegExp or a typed array: its instances keep their contents in internal slots the
 * codec would not see (the worker would get an empty object), so they are refused rather than changed silently.
 */
export function builtinSubclass(v: object): ((path: string) => UnsupportedValueError) | undefined {
  const base = Array.isArray(v) ? 'Array' : v instanceof Map ? 'Map' : v instanceof Set ? 'Set' : v instanceof Date ? 'Date'
    : v instanceof RegExp ? 'RegExp' : ArrayBuffer.isView(v) && !(v instanceof DataView) ? 'a typed array' : undefined;
  const proto: unknown = Object.getPrototypeOf(v);
  if (!base || KIND_OF_PROTOTYPE.has(proto as object) || BUILTIN_PROTOTYPES.has(proto)) return undefined;
  const name = (v as { constructor?: { name?: string } }).constructor?.name || 'anonymous';
  return (path) => new UnsupportedValueError(name, path, `an instance of ${name}, a subclass of ${base}`,
    ` (not supported: pass a plain ${base === 'a typed array' ? 'typed array' : base})`);
}

export function aboutContents(error: UnsupportedValueError): UnsupportedValueError {
  error.aboutContents = true;
  return error;
}

/**
 * Refused for its kind: a call given one runs in place, where it is the zero-length array the plain call saw (tester
 * np37's detach); a task's result holding one is an error, as it cannot be taken back.
 */
export function detachedError(v: ArrayBufferView, path: string): UnsupportedValueError {
  return new UnsupportedValueError(v.constructor.name, path, `${withArticle(v.constructor.name)} on a detached ArrayBuffer`,
    ' (its memory was transferred away, e.g. by postMessage or structuredClone with transfer)');
}

/**
 * What of the program's own object a worker could not be faithful to, refused for its kind (the call runs in place):
 * - an accessor (`get x()`, `set x(v)`, one a constructor defined): its code runs on the program's objects and
 *   closures, so a worker given its value as a field would miss what the setter does and see the getter frozen;
 * - a symbol key, which no file carries;
 * - a named property of a Map or a Set (their entries travel, their own keys would not).
 * `names` are the object's own string keys (getOwnPropertyNames). Checked only of call arguments. Returns whether a
 * data property is read-only or fixed (`Object.defineProperty(o, 'x', { value: 1, enumerable: true })`): the encoder
 * then takes every key's attributes along, so a task that assigns it throws in its worker as the plain call did
 * (tester np36's rowrite), where the worker's writable copy let it and the caller's object refused the task's value. Its cost
 * (`node --expose-gc dist/bench/argument-checks.js`): 1.08x the encoding of 200k five-key records at load 2, 1.12x at
 * load 7 (one getOwnPropertyDescriptor per key was cheaper than getOwnPropertyDescriptors).
 */
export function notCarried(v: object, names: readonly string[], pathOf: string | (() => string)): boolean {
  const path = (): string => (typeof pathOf === 'string' ? pathOf : pathOf());
  const collection = v instanceof Map ? 'Map' : v instanceof Set ? 'Set' : undefined;
  if (collection && names.length > 0) {
    throw new UnsupportedValueError(collection, path(), `${withArticle(collection)} with a property of its own`, ` (${keyPath(names[0]!)}, which would not travel with its entries)`);
  }
  let fixed = false;
  for (const key of names) {
    const d = Object.getOwnPropertyDescriptor(v, key);
    if (d && (d.get !== undefined || d.set !== undefined)) {
      throw new UnsupportedValueError('accessor', path() + keyPath(key), 'an accessor property', ' (its getter or setter is the program\'s code, which runs on the program\'s objects)');
    }
    if (d && (d.writable === false || d.configurable === false)) fixed = true;
  }
  const symbols = Object.getOwnPropertySymbols(v);
  if (symbols.length > 0) throw new UnsupportedValueError('symbol', path(), 'an object with a symbol key', ` (${String(symbols[0])}, which no worker would see)`);
  return fixed;
}

/**
 * An array with a property of its own besides its elements (`Object.assign([1, 2], { label })`, a RegExp match's
 * `index` and `groups`), refused for its kind: only elements travel. Keys list indices first, so the last key tells.
 * Arrays of numbers alone are not checked (their elements travel as one vector: listing keys would cost more).
 */
export function namedArrayKey(v: unknown[], pathOf: string | (() => string)): void {
  const path = (): string => (typeof pathOf === 'string' ? pathOf : pathOf());
  const keys = Object.keys(v);
  const last = keys[keys.length - 1];
  if (last === undefined || /^(0|[1-9]\d*)$/.test(last)) {
    if (Object.getOwnPropertySymbols(v).length === 0) return;
    throw new UnsupportedValueError('symbol', path(), 'an array with a symbol key', ' (which no worker would see)');
  }
  throw new UnsupportedValueError('Array', path(), 'an array with a property of its own', ` (${keyPath(last)}, which would not travel with its elements)`);
}

/** A Proxy among a call's arguments, refused for its kind: its traps are the program's code (encoder.ts). */
export function proxyRefused(path: string): UnsupportedValueError {
  return new UnsupportedValueError('Proxy', path, 'a Proxy', ' (its traps are the program\'s code, which runs on the program\'s objects)');
}

/** A property whose getter threw when the encoder read it, named by its path. */
export function getterThrew(path: string, error: unknown): UnsupportedValueError {
  return aboutContents(new UnsupportedValueError('getter', path, 'a property whose getter throws', ` (${(error as Error)?.message ?? String(error)})`));
}

export function isDetached(buffer: ArrayBufferLike): boolean {
  const flag = (buffer as { detached?: boolean }).detached; // ES2024; absent in Node 20
  if (flag !== undefined) return flag;
  if (buffer.byteLength !== 0 || buffer instanceof SharedArrayBuffer) return false;
  try { new Uint8Array(buffer); return false; } catch { return true; }
}

/** Over the size limit: said with the limit and the largest typed array, whose path is where to split the data. */
export function tooLarge(byteLength: number, limit: number, regions: Iterable<Region>, pathOf: (region: Region) => string): UnsupportedValueError {
  let largest: Region | undefined;
  for (const r of regions) if (!largest || r.end - r.start > largest.end - largest.start) largest = r;
  const path = largest && pathOf(largest);
  const part = largest ? `; its largest part is ${withArticle(largest.type)} of ${largest.end - largest.start} bytes${path ? ` at ${path}` : ''}` : '';
  return aboutContents(new UnsupportedValueError('size', '', `a value of ${byteLength} bytes`,
    `, over the limit of ${limit} bytes a version file can hold (the largest buffer Node.js reads a file into)${part}; pass it in smaller parts`));
}
