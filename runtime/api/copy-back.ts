/**
 * After a task wrote data, the caller's own objects receive the new contents in place, so every reference the
 * program holds sees them, as in the sequential program: nested objects included (`const inner = o.inner` sees
 * what the task wrote into `o.inner`), and objects the task returned or moved (`return out`, `to.push(from[0])`).
 *
 * Each object of a decoded version says where it came from (its origin: which object of which main-thread snapshot);
 * an object with an origin the main thread still knows is replaced by the caller's object, whose contents are
 * updated from it; the rest are new objects, kept as decoded, whose slots point at the caller's objects where the
 * task's did.
 */
import type { ObjectOrigin } from '../store/codec';
import { isTypedArray } from '../worker/shapes';
import { defineErrorProperty, errorKeys } from '../store/error-values';
import { lockObject, type LockLevel } from '../store/locks';
import { indicesOf, isArrayIndex, mayHaveNamedKeys, sparseIndices } from '../store/own-properties';
import { ownBuffers, type Anchor } from './own-buffers';
import { isModuleCode } from './module-state';

/** What a decoded version maps onto: the caller's object for an origin, if it still exists. */
export type TargetOf = (origin: ObjectOrigin, decoded: object) => object | undefined;

export interface Adopted {
  readonly value: unknown;
  /** The caller's objects that received contents (not new objects). */
  readonly updated: object[];
  /** Objects the task created (no origin): the next snapshot must number them, or their identity is lost. */
  readonly fresh: boolean;
  /** Every object of the version as the caller now holds it, the root first: the datum's parts from now on. */
  readonly objects: object[];
  /** The caller's objects decoded objects became (by their origins). */
  readonly existing: object[];
}

export interface AdoptOptions {
  /** The caller's object for an origin, if it still exists. */
  readonly targetOf: TargetOf;
  /** Decoded objects paired with the caller's objects they are, whatever their origins say (a datum's roots). */
  readonly known?: readonly (readonly [unknown, object])[];
  /** Whether the version holds the latest contents of the caller's object of this origin (then they are copied in). */
  readonly owns: (origin: ObjectOrigin) => boolean;
  /** The datum being loaded: an object moved in from other data makes it `fresh`. */
  readonly home?: number;
  /** Decoded objects the task left locked (frozen, sealed, not extensible): what they become is locked alike. */
  readonly locks?: ReadonlyMap<object, LockLevel>;
  /** Each decoded typed array's region: views of one buffer in the task share one (own-buffers.ts). */
  readonly regions?: ReadonlyMap<object, number>;
  /** The whole buffer of a region, when the file carries it: its views keep their places in a copy of it. */
  readonly wholes?: ReadonlyMap<number, Uint8Array>;
  /** Told what each decoded object with an origin but no caller's object became (api/created-objects.ts). */
  readonly made?: (origin: ObjectOrigin, object: object) => void;
}

/**
 * Map a decoded value (with `origins` from decoding: every decoded object, in order, NEW_OBJECT for none) onto the
 * caller's objects. Contents are copied only into the caller's objects the version `owns` (and `known` ones): an
 * object of another datum is referred to by identity, its contents being that datum's to bring back, so a version
 * never writes over an object the program or a later task changed since. New typed arrays get memory of their own
 * (decoded, they are views on the version file's buffer), shared as it was in the task (own-buffers.ts).
 */
export function adopt(decoded: unknown, origins: ReadonlyMap<object, ObjectOrigin>, options: AdoptOptions): Adopted {
  const { targetOf, known = [], owns, home } = options;
  const final = new Map<object, object>();
  const filled = new Set<object>();
  /** New arrays of primitives: no slot to point elsewhere, so kept as decoded (not refilled). */
  const asDecoded = new Set<object>();
  for (const [object, target] of known) {
    if (typeof object === 'object' && object !== null && sameKind(target, object)) { final.set(object, target); filled.add(object); }
  }
  let fresh = false;
  const resolve = (value: unknown): unknown => (typeof value === 'object' && value !== null ? final.get(value) ?? value : value);
  const order = [...origins.keys()];
  const views: ArrayBufferView[] = [];
  const anchors = new Map<number, Anchor>();
  /** Objects with an origin the caller has no object for (yet): new here. */
  const unmatched: object[] = [];
  // Every decoded object was entered into `origins` (with or without one): first decide what each becomes ...
  for (const object of order) {
    if (final.has(object)) continue;
    const origin = origins.get(object)!;
    const target = origin.data !== 0 ? targetOf(origin, object) : undefined;
    if (target && sameKind(target, object)) {
      final.set(object, target);
      if (owns(origin)) filled.add(object);
      // Moved in from other data: this datum's next snapshot must number it (and record that it holds it).
      if (home !== undefined && origin.data !== home) fresh = true;
      const region = isTypedArray(object) ? options.regions?.get(object) : undefined;
      if (region !== undefined && !anchors.has(region)) anchors.set(region, [object as ArrayBufferView, target as ArrayBufferView]);
    } else if (origin.data !== 0) unmatched.push(object);
    if (final.has(object)) continue;
    if (isTypedArray(object)) {
      views.push(object as ArrayBufferView); // given memory of its own below, shared as in the task
    } else {
      filled.add(object);
      // (Rebuilt, a million booleans cost 0.4 s and a tuple each: np71's min-bool-array-cost.)
      if (Array.isArray(object) && isNumberOnly(object)) asDecoded.add(object);
      else fresh = true;
    }
  }
  for (const [view, own] of ownBuffers(views, options.regions, anchors, options.wholes)) final.set(view, own);
  for (const object of unmatched) options.made?.(origins.get(object)!, final.get(object) ?? object);
  // ... then fill the caller's objects of this datum and the new ones, their slots pointing at what objects became.
  const updated: object[] = [];
  for (const object of order) {
    if (!filled.has(object)) continue;
    const into = final.get(object) ?? object;
    if (!asDecoded.has(object)) fill(into, object, resolve);
    if (into !== object) updated.push(into);
  }
  // Last: a frozen new object's slots were just pointed at the caller's objects.
  for (const [object, level] of options.locks ?? []) if (filled.has(object)) lockObject(final.get(object) ?? object, level);
  const made = new Set(unmatched);
  const existing = order.filter((object) => origins.get(object)!.data !== 0 && final.has(object) && !made.has(object))
    .map((object) => final.get(object)!);
  return { value: resolve(decoded), fresh, updated, objects: order.map((object) => final.get(object) ?? object), existing };
}

/** The origin of objects that have none: they stay as decoded. */
export const NEW_OBJECT: ObjectOrigin = { data: 0, index: 0 };

function sameKind(target: object, source: object): boolean {
  if (isTypedArray(target)) return isTypedArray(source) && target.byteLength === source.byteLength;
  if (Array.isArray(target)) return Array.isArray(source);
  if (target instanceof Map) return source instanceof Map;
  if (target instanceof Set) return source instanceof Set;
  if (target instanceof Date) return source instanceof Date;
  return Object.getPrototypeOf(target) === Object.getPrototypeOf(source);
}

function isNumberOnly(array: unknown[]): boolean {
  for (const item of array) if (typeof item === 'object' && item !== null) return false;
  return true;
}

/** Make `into` hold what `from` holds, with object slots mapped by `resolve`. `into` may be `from` itself. */
function fill(into: object, from: object, resolve: (value: unknown) => unknown): void {
  if (isTypedArray(into)) {
    if (into !== from) new Uint8Array(into.buffer, into.byteOffset, into.byteLength).set(new Uint8Array((from as ArrayBufferView).buffer, (from as ArrayBufferView).byteOffset, into.byteLength));
  } else if (Array.isArray(into)) {
    fillArray(into, from as unknown[], resolve);
  } else if (into instanceof Map) {
    updateInPlace(into, [...(from as Map<unknown, unknown>)].map(([k, v]) => [resolve(k), resolve(v)] as const));
  } else if (into instanceof Set) {
    updateInPlace(into, [...(from as Set<unknown>)].map((item) => { const v = resolve(item); return [v, v] as const; }));
  } else if (into instanceof Date) {
    into.setTime((from as Date).getTime());
  } else {
    // Plain objects and class instances: own data properties. An accessor of the caller's object stays (it computes
    // from the fields; an argument with one runs in place instead: store/refusals.ts notCarried), a frozen object
    // cannot have changed, and an unchanged value is not assigned again.
    if (into !== from && Object.isFrozen(into)) return;
    // An error's message, stack and cause are own properties that are not enumerable: taken as the task left them.
    if (into instanceof Error && into !== from) {
      const before = errorKeys(into).hidden;
      const after = errorKeys(from as Error).hidden;
      for (const key of before) if (!after.includes(key)) delete (into as unknown as Record<string, unknown>)[key];
      for (const key of after) defineErrorProperty(into, key, resolve((from as unknown as Record<string, unknown>)[key]), false);
    }
    const record = from as Record<string, unknown>;
    const target = into as Record<string, unknown>;
    const keys = Object.keys(record);
    // Own keys only: `'constructor' in record` is true of every object, and a task that deleted its own `constructor`
    // key left it in the caller's. Errors keep their hidden keys above.
    const listed = (o: object) => (o instanceof Error ? Object.keys(o) : Object.getOwnPropertyNames(o));
    // (A module object's own functions never travel: api/module-state.ts.)
    if (into !== from) for (const key of listed(target)) if (!Object.hasOwn(record, key) && !isAccessor(target, key) && !isModuleCode(target, key, target[key])) delete target[key];
    for (const key of listed(record)) {
      const value = resolve(record[key]);
      if (into !== from && isAccessor(target, key)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(record, key)!;
      // A key the task made hidden or read-only (`Object.defineProperty(o, 'v', { value: 7 })`), or `__proto__`
      // (assigned, it would set the prototype): defined as the task left it.
      if (key === '__proto__' || !descriptor.enumerable || !descriptor.writable || !descriptor.configurable) defineAsIn(target, key, value, descriptor);
      // Object.is: -0 is not 0 (`Object.is(r.v, -0)`, `1 / r.v`), and NaN is NaN.
      else if (!Object.is(target[key], value) || !Object.hasOwn(target, key)) target[key] = value;
    }
    if (into !== from) keepKeyOrder(target, keys);
  }
}

/** An array: its elements, then its own keys that are not elements. */
function fillArray(into: unknown[], source: unknown[], resolve: (value: unknown) => unknown): void {
  // A long sparse array (ids as indices) by the indices it holds something at, not by every hole up to its length
  // (rev58's F7: 3.7 s for two ids).
  const intoIndices = into !== source ? sparseIndices(into) : undefined;
  const sourceIndices = sparseIndices(source) ?? (intoIndices ? indicesOf(source) : undefined);
  if (into !== source && into.length === source.length) {
    // The same length: element by element, so that a sealed array (which may not lose or gain an element) takes the
    // task's values, and an unchanged element is not assigned again.
    const update = (i: number): void => {
      if (!(i in source)) { if (i in into) delete into[i]; return; }
      const value = resolve(source[i]);
      if (!(i in into) || !Object.is(into[i], value)) into[i] = value;
    };
    if (sourceIndices) for (const i of new Set([...(intoIndices ?? indicesOf(into)), ...sourceIndices])) update(i);
    else for (let i = 0; i < source.length; i++) update(i);
  } else {
    const items: [number, unknown][] = [];
    // Read first: `into` may be `source` itself (a new array), which `into.length = 0` empties, trailing holes included.
    const length = source.length;
    if (sourceIndices) for (const i of sourceIndices) items.push([i, resolve(source[i])]);
    else for (let i = 0; i < length; i++) if (i in source) items.push([i, resolve(source[i])]);
    into.length = 0;
    into.length = length;
    for (const [i, item] of items) into[i] = item;
  }
  // (Listing an array's keys costs one string per element: only where it may have a named one.)
  if (into !== source && (mayHaveNamedKeys(source as number[]) || mayHaveNamedKeys(into as number[]))) namedKeys(into, source, resolve);
}

/**
 * An array's own keys that are not elements (`arr.label = 'x'`, a RegExp match's `index`): as the task left them,
 * the ones it removed removed. (A caller's argument never has one: it runs in place, store/refusals.ts.)
 */
function namedKeys(into: unknown[], from: unknown[], resolve: (value: unknown) => unknown): void {
  const named = (a: unknown[]) => Object.keys(a).filter((key) => !isArrayIndex(key));
  const target = into as unknown as Record<string, unknown>, source = from as unknown as Record<string, unknown>;
  for (const key of named(into)) if (!Object.hasOwn(from, key)) delete target[key];
  for (const key of named(from)) {
    const descriptor = Object.getOwnPropertyDescriptor(from, key)!;
    const value = resolve(source[key]);
    if (!descriptor.enumerable || !descriptor.writable || !descriptor.configurable) defineAsIn(into, key, value, descriptor);
    else if (!Object.is(target[key], value)) target[key] = value;
  }
}

/**
 * The task deleted a key and set it again (`delete o.a; o.a = v`): in the plain program the key moved to the end,
 * which `JSON.stringify`, `Object.keys` and `for…in` show. Assigning in place keeps the caller's old order, so the
 * keys are set again in the task's order; only when they differ, and only plain configurable data properties.
 */
function keepKeyOrder(target: Record<string, unknown>, keys: readonly string[]): void {
  const now = Object.keys(target);
  if (now.length !== keys.length || now.every((key, i) => key === keys[i])) return;
  const movable = keys.every((key) => {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    return key !== '__proto__' && descriptor !== undefined && descriptor.configurable === true && 'value' in descriptor;
  });
  if (!movable || !Object.isExtensible(target)) return;
  for (const key of keys) {
    const value = target[key];
    delete target[key];
    target[key] = value;
  }
}

/** The caller's own `key` made what the task's is (its value and attributes), where it is not already. */
function defineAsIn(target: object, key: string, value: unknown, like: PropertyDescriptor): void {
  const now = Object.getOwnPropertyDescriptor(target, key);
  if (now && Object.is(now.value, value) && now.enumerable === like.enumerable && now.writable === like.writable && now.configurable === like.configurable) return;
  // One the caller cannot reconfigure the task could not either (its copy had the same attributes), but a writable one
  // may have taken a new value, or been made read-only.
  if (now && !now.configurable) {
    if (now.writable) Object.defineProperty(target, key, { value, writable: like.writable });
    return;
  }
  Object.defineProperty(target, key, { value, enumerable: like.enumerable, writable: like.writable, configurable: like.configurable });
}

function isAccessor(object: object, key: string): boolean {
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  return descriptor !== undefined && (descriptor.get !== undefined || descriptor.set !== undefined);
}

/**
 * A Map or Set takes the task's entries in place: keys the task removed are deleted, values set, new keys added at
 * the end. The program may be iterating it right now (`for (const k of m.keys()) { inc(m, k); … }`), and a live
 * iterator goes on from where it was, as after the plain call's own `set`s; clearing it first restarted the loop.
 * Only when the task reordered the keys that stay (deleted one and added it again) is the collection rebuilt.
 */
function updateInPlace(into: Map<unknown, unknown> | Set<unknown>, entries: readonly (readonly [unknown, unknown])[]): void {
  const keys = new Set(entries.map(([k]) => k));
  for (const k of [...into.keys()]) if (!keys.has(k)) into.delete(k);
  const kept = [...into.keys()];
  const sameOrder = kept.every((k, i) => entries[i]?.[0] === k);
  if (!sameOrder) into.clear();
  for (const [k, v] of entries) {
    if (into instanceof Map) into.set(k, v);
    else into.add(k);
  }
}
