/**
 * After a task wrote an object, the caller's own object receives the new contents in place, so every
 * reference the program holds to it sees them, as in the sequential program.
 */
import { isTypedArray } from '../worker/shapes';

export function replaceContents(target: object, source: unknown): void {
  if (isTypedArray(target) && isTypedArray(source) && target.length === source.length) {
    (target as unknown as { set(s: ArrayLike<unknown>): void }).set(source as unknown as ArrayLike<unknown>);
  } else if (Array.isArray(target) && Array.isArray(source)) {
    target.length = source.length;
    for (let i = 0; i < source.length; i++) target[i] = source[i];
  } else if (target instanceof Map && source instanceof Map) {
    target.clear();
    for (const [key, value] of source) target.set(key, value);
  } else if (target instanceof Set && source instanceof Set) {
    target.clear();
    for (const value of source) target.add(value);
  } else if (isPlainObjectLike(target) && isPlainObjectLike(source)) {
    for (const key of Object.keys(target)) delete (target as Record<string, unknown>)[key];
    Object.assign(target, source);
  } else {
    throw new TypeError(`taskify: cannot copy a task's result of type ${describe(source)} into an object of type ${describe(target)}`);
  }
}

function isPlainObjectLike(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value) &&
    !(value instanceof Map) && !(value instanceof Set);
}

function describe(value: unknown): string {
  return value === null ? 'null' : typeof value === 'object' ? (value.constructor?.name ?? 'Object') : typeof value;
}
