/**
 * Which own properties of an object the encoder writes, with the attributes each has (value.fbs
 * ObjectValue.attributes), and the quick tests of arrays it makes before listing anything.
 */
import { inspect } from 'node:util';
import { LockLevel } from './locks';

/** A list of keys and, when some key is not enumerable, writable or configurable, what each is not. */
export interface OwnKeys { readonly keys: string[]; readonly attributes: number[] | undefined }

/**
 * The data properties of `v` in order (accessors that are not enumerable stay behind, as before), each with what it
 * is not (value.fbs ObjectValue.attributes): 1 enumerable, 2 writable, 4 configurable, less what `lock` says of all.
 */
export function propertyAttributes(v: object, names: readonly string[], lock: LockLevel | undefined): { keys: string[]; attributes: number[] } {
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

const INDEX = /^(0|[1-9]\d*)$/;

/** `'3'` is an element of an array, `'03'` or `'label'` a named key. */
export const isArrayIndex = (key: string): boolean => INDEX.test(key);

/**
 * An array's enumerable own properties besides its elements (a RegExp match's `index`, `input` and `groups`), or
 * undefined when it has none. Keys list indices first, so the last key tells whether there are any.
 */
export function namedArrayKeys(v: unknown[], lock: LockLevel | undefined): OwnKeys | undefined {
  const keys = Object.keys(v);
  const last = keys[keys.length - 1];
  if (last === undefined || INDEX.test(last)) return undefined;
  let first = keys.length - 1;
  while (first > 0 && !INDEX.test(keys[first - 1]!)) first--;
  const named = propertyAttributes(v, keys.slice(first), lock);
  return { keys: named.keys, attributes: named.attributes.some((a) => a !== 0) ? named.attributes : undefined };
}

/**
 * An array mostly of holes (`byId[user.id] = user` with ids in the millions: np43's F7 walked twenty million holes,
 * 13 s and 1.2 GB for two elements): its own keys, indices and named alike, and its `length` last, which the
 * decoder's assignment sets (value.fbs ArrayValue: no array lists `length` among its keys otherwise). Undefined for
 * an array that is not long, or not that sparse.
 */
export function sparseArrayKeys(v: unknown[], lock: LockLevel | undefined): OwnKeys | undefined {
  // (A locked one, or one with a read-only or hidden key, takes the elements' path: copy-back refills an array by
  // emptying it, which such a key forbids.)
  const keys = lock === undefined ? sparseKeys(v) : undefined;
  if (!keys || propertyAttributes(v, keys, lock).attributes.some((a) => a !== 0)) return undefined;
  return { keys: [...keys, 'length'], attributes: undefined };
}

/**
 * A long array mostly of holes: its own keys (indices, then any named ones). The language's own walks (`some`,
 * `forEach`, a `for` to its length) visit every index up to `length`, holes included: twenty million, or 1.7e9 for
 * ids used as indices (np43's p39 never ended). Undefined for any other array.
 */
export function sparseKeys(v: readonly unknown[]): string[] | undefined {
  if (v.length < SPARSE_FROM) return undefined;
  // (A few probes first: a dense array's Object.keys would cost a string per element.)
  let holes = 0;
  for (let i = 0; i < SPARSE_PROBES; i++) if (!(Math.floor((i * v.length) / SPARSE_PROBES) in v)) holes++;
  if (holes < SPARSE_PROBES / 2) return undefined;
  const keys = Object.keys(v);
  return keys.length * 4 <= v.length ? keys : undefined;
}
const SPARSE_FROM = 1024;
const SPARSE_PROBES = 16;

/** The indices a long sparse array (sparseKeys) holds something at, in order; undefined for any other array. */
export function sparseIndices(v: readonly unknown[]): number[] | undefined {
  return sparseKeys(v)?.filter((key) => isArrayIndex(key) && Number(key) < v.length).map(Number);
}

/** Each index of an array up to its length; of a long sparse one (ids as indices), only those it holds something at. */
export function eachIndex(v: readonly unknown[], visit: (i: number) => void): void {
  const sparse = sparseIndices(v);
  if (sparse) sparse.forEach(visit);
  else for (let i = 0; i < v.length; i++) visit(i);
}

/** The indices an array holds something at (holes skipped), in order. */
export function indicesOf(v: readonly unknown[]): number[] {
  const sparse = sparseIndices(v);
  if (sparse) return sparse;
  const indices: number[] = [];
  for (let i = 0; i < v.length; i++) if (i in v) indices.push(i);
  return indices;
}

/** Holes read as undefined, so a sparse array never passes. */
export function isNumberArray(v: unknown[]): v is number[] {
  if (v.length === 0) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number') return false;
  return true;
}

export function codeUnits(s: string): Uint16Array {
  const units = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) units[i] = s.charCodeAt(i);
  return units;
}

/**
 * Whether an array may have own properties besides its elements (`xs.label = 'named'`), so that it must not take a
 * path that writes its elements alone (the numbers-only one; the encoder's listing of named keys). Listing a long
 * array's keys costs as much as making a string per element (430 ms for a million); util.inspect asks V8 for the keys
 * that are not indices and prints none of the elements (20 µs). Any doubt (a subclass, a symbol key, holes in a long
 * one) answers yes: the general path decides.
 */
export function mayHaveNamedKeys(v: readonly unknown[]): boolean {
  if (Object.getOwnPropertySymbols(v).length > 0) return true;
  // (By the keys themselves: a hole and a named key together have as many keys as elements, `['a', , 'c']` with `note`.)
  if (v.length <= 64) return Object.keys(v).some((key) => !isArrayIndex(key));
  return inspect(v, ELEMENTS_ONLY) !== `[ ... ${v.length} more items ]`;
}

const ELEMENTS_ONLY = { maxArrayLength: 0, depth: 0, customInspect: false, showProxy: false, breakLength: Infinity, colors: false };
