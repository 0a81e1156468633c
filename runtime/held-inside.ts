/**
 * The failed call's own objects deeper inside what it threw than an error's own property: `throw xs`,
 * `throw { code, payload: o }`, `new AggregateError([xs])`, `{ cause: { input: xs } }`. What was thrown travels as a
 * structured clone; a HeldPath says where in that clone the caller's object goes back, so that the catch sees
 * `e.payload === o` as after the plain call. The walk goes through arrays and plain objects, the kinds a clone makes
 * again with the same indexes and keys; it stops at an object the call was given, which is not looked into.
 */
import type { HeldByError } from './protocol';
import { isPlainRecord } from './worker/shapes';

/** Where one of the call's objects sits inside a thrown value: the keys from the value to it (none: the value itself). */
export interface HeldPath { readonly path: readonly (string | number)[]; readonly held: HeldByError }

/** The call's objects inside `value`, found by `refOf` (which of the call's arguments, or parts of one, an object is). */
export function heldInside(value: unknown, refOf: (value: unknown) => HeldByError | undefined): HeldPath[] {
  const found: HeldPath[] = [];
  const seen = new Set<object>();
  const visit = (item: unknown, path: readonly (string | number)[]) => {
    if (typeof item !== 'object' || item === null) return;
    const held = refOf(item);
    if (held !== undefined) { found.push({ path, held }); return; }
    if (seen.has(item)) return;
    seen.add(item);
    if (Array.isArray(item)) item.forEach((element, i) => visit(element, [...path, i]));
    else if (isPlainRecord(item)) for (const key of Object.keys(item)) visit(item[key], [...path, key]);
  };
  visit(value, []);
  return found;
}

/**
 * `value` (the clone made again) with the caller's objects put back where `inside` says; a path whose clone did not
 * come out the same shape (a value that could not be cloned travels as its description) is left alone.
 */
export function putBackHeld(value: unknown, inside: readonly HeldPath[] | undefined, argOf: (held: HeldByError) => unknown): unknown {
  for (const { path, held } of inside ?? []) {
    if (path.length === 0) return argOf(held);
    let parent: unknown = value;
    for (const key of path.slice(0, -1)) parent = typeof parent === 'object' && parent !== null ? (parent as Record<string | number, unknown>)[key] : undefined;
    if (typeof parent === 'object' && parent !== null) (parent as Record<string | number, unknown>)[path[path.length - 1]!] = argOf(held);
  }
  return value;
}
