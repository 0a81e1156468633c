/**
 * Which objects a task created that more than one of its outputs holds (see created-origins.ts): those need an origin
 * so that the caller gets one object where the task had one. Walked only when the call has two outputs or more, over
 * what the codec carries (array elements, own data properties, Map keys and values, Set items); typed arrays have no
 * children. `known(o)`: the object already has an origin (it came from a snapshot, or is an argument): not new.
 */
import { fieldValues, isTypedArray } from './shapes';

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

function pushChildren(object: object, stack: object[]): void {
  const add = (value: unknown) => { if (typeof value === 'object' && value !== null) stack.push(value); };
  if (Array.isArray(object)) { for (let i = 0; i < object.length; i++) add(object[i]); }
  else if (object instanceof Map) for (const [key, value] of object) { add(key); add(value); }
  else if (object instanceof Set) object.forEach(add);
  else fieldValues(object).forEach(add);
}
