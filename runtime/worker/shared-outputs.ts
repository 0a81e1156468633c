/**
 * Naming objects a call hands out beyond its arguments' own numbers: objects it created that more than one of its
 * outputs holds (see created-origins.ts), which need an origin so the caller gets one object where the task had one,
 * and the arguments (or parts of them) a thrown error holds. The walk runs only when the call has two outputs or
 * more, over what the codec carries (array elements, own data properties, Map keys and values, Set items); typed
 * arrays have no children. `known(o)`: the object already has an origin (from a snapshot, or an argument): not new.
 */
import { isTypedArray, pushChildren } from './shapes';
import type { ObjectOrigin } from '../store/codec';
import type { HeldByError } from '../protocol';
import { createdOrigin, isCreatedOrigin } from '../created-origins';

/**
 * New objects two of the call's outputs hold (a result also pushed into an inout argument) get an origin naming task
 * `taskId`, so the caller makes one object of them (created-origins.ts). Recorded in `origins` with the others: a
 * later task on this thread taking the output from the cache sends it on. `argument(o)`: an argument or a written root.
 */
export function nameSharedNewObjects(taskId: number, outputs: readonly unknown[], origins: WeakMap<object, ObjectOrigin>,
  argument: (object: object) => boolean): void {
  if (outputs.length < 2) return;
  const known = (object: object) => origins.has(object) || argument(object);
  sharedNewObjects(outputs, known).forEach((object, i) => origins.set(object, createdOrigin(taskId, i)));
}

/**
 * What a thrown error's property names of the failed call (error-travel.ts): one of its arguments by ref, or a part of
 * one by the origin the caller's snapshot gave it.
 */
export function heldByError(argRefs: ReadonlyMap<unknown, number> | undefined, origins: WeakMap<object, ObjectOrigin>) {
  return (value: unknown): HeldByError | undefined => {
    if (typeof value !== 'object' || value === null) return undefined;
    const ref = argRefs?.get(value);
    if (ref !== undefined) return { ref };
    const origin = origins.get(value);
    return origin && !isCreatedOrigin(origin) ? origin : undefined;
  };
}

export function sharedNewObjects(outputs: readonly unknown[], known: (object: object) => boolean): object[] {
  const distinct = [...new Set(outputs)].filter((o): o is object => typeof o === 'object' && o !== null);
  if (distinct.length < 2) return [];
  const firstOutput = new Map<object, number>();
  const shared = new Set<object>();
  distinct.forEach((output, i) => {
    const seen = new Set<object>();
    const stack: object[] = [output];
    while (stack.length > 0) {
      const object = stack.pop()!;
      if (seen.has(object)) continue;
      seen.add(object);
      const first = firstOutput.get(object);
      if (first === undefined) firstOutput.set(object, i);
      else if (first !== i && !known(object)) shared.add(object);
      if (!isTypedArray(object)) pushChildren(object, stack);
    }
  });
  return [...shared];
}
