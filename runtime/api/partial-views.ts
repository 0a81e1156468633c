/**
 * A task that reaches its typed-array parameter's `.buffer` (ParamSpec.wholeBuffer: `new Float64Array(v.buffer)`,
 * `v.buffer.byteLength`) sees, in the plain program, the whole buffer the caller's view sits on, at the view's
 * `byteOffset`: a call passing `big.subarray(2, 4)` reads `big`'s other elements through it (tester #14's r123). A
 * worker gets the view's own bytes only, so such a call runs in place instead (direct-calls.ts), as the plain call
 * did; a view that is its whole buffer travels as before.
 */
import { isTypedArray } from '../worker/shapes';
import type { TaskHandle } from './task-handle';
import { ownParameterAt } from '../protocol';

/** The first argument that is a part of a larger buffer passed where the task reaches `.buffer`; else undefined. */
export function partialViewOfWholeBuffer(handle: TaskHandle, args: readonly unknown[]): number | undefined {
  const { ownBuffer } = handle.def;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!ownBuffer[ownParameterAt(handle.def, i, args.length) ?? -1] || !isTypedArray(arg)) continue;
    if (arg.byteOffset !== 0 || arg.byteLength !== arg.buffer.byteLength) return i;
  }
  return undefined;
}
