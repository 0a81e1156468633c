/**
 * A typed array a task returns that is a view of one of its typed-array arguments' memory (`return v.subarray(1, 3)`,
 * `new Float64Array(v.buffer, v.byteOffset + 8, 2)`): in the plain program it shares the caller's buffer, so writes
 * through it or through the argument are seen by both (tester #14's F1). Its origin says so: data
 * ARGUMENT_VIEW_ORIGIN + the argument's ref (ArgPart.ref), index the view's byte offset from the argument's start (a
 * signed 32-bit number, as an unsigned one). The main thread makes the same view on its own argument's buffer
 * (api/loader.ts), without copying the task's bytes into it: the argument's own data brings its changes.
 */
import type { ObjectOrigin } from './store/codec';
import { isTypedArray } from './worker/shapes';

/** Origins from here to ARGUMENT_ORIGIN (exclusive) are views of arguments; below are created objects (created-origins.ts). */
export const ARGUMENT_VIEW_ORIGIN = 0xfff00000;
const MAX_REF = 0xffffe;

export const isArgumentViewOrigin = (origin: { readonly data: number }): boolean =>
  origin.data >= ARGUMENT_VIEW_ORIGIN && origin.data - ARGUMENT_VIEW_ORIGIN <= MAX_REF;

/** The argument (by ref) a view origin names and the view's byte offset from that argument's start. */
export const viewPlace = (origin: ObjectOrigin): { readonly ref: number; readonly offset: number } =>
  ({ ref: origin.data - ARGUMENT_VIEW_ORIGIN, offset: origin.index | 0 });

/**
 * The worker's side: for each typed array the task's value holds, the origin saying which argument's memory it views,
 * if any. `args`: the call's argument objects by ref.
 */
export function argumentViews(args: ReadonlyMap<unknown, number>): (object: object) => ObjectOrigin | undefined {
  const byBuffer = new Map<ArrayBufferLike, [ArrayBufferView, number][]>();
  for (const [arg, ref] of args) {
    if (!isTypedArray(arg) || ref > MAX_REF) continue;
    const list = byBuffer.get(arg.buffer) ?? [];
    list.push([arg, ref]);
    byBuffer.set(arg.buffer, list);
  }
  return (object) => {
    if (byBuffer.size === 0 || !isTypedArray(object)) return undefined;
    const candidates = byBuffer.get(object.buffer);
    if (!candidates) return undefined;
    // The argument that holds the view, else the first on its buffer (the caller's buffer covers both, as here).
    const [arg, ref] = candidates.find(([a]) => a.byteOffset <= object.byteOffset &&
      object.byteOffset + object.byteLength <= a.byteOffset + a.byteLength) ?? candidates[0]!;
    const offset = object.byteOffset - arg.byteOffset;
    if (offset < -0x80000000 || offset > 0x7fffffff) return undefined;
    return { data: ARGUMENT_VIEW_ORIGIN + ref, index: offset >>> 0 };
  };
}

/** The main thread's side: the view made on the caller's argument, where it fits its buffer; else undefined (a copy). */
export function viewOnArgument(decoded: object, arg: unknown, offset: number): ArrayBufferView | undefined {
  if (!isTypedArray(decoded) || !isTypedArray(arg)) return undefined;
  const at = arg.byteOffset + offset;
  const size = (decoded.constructor as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1;
  if (at < 0 || at + decoded.byteLength > arg.buffer.byteLength || at % size !== 0) return undefined;
  if (Buffer.isBuffer(decoded)) return Buffer.from(arg.buffer, at, decoded.byteLength);
  const C = decoded.constructor as new (buffer: ArrayBufferLike, byteOffset: number, length: number) => ArrayBufferView;
  return new C(arg.buffer, at, decoded.byteLength / size);
}
