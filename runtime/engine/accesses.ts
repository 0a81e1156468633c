/**
 * What a call's wire arguments read and write, and the data id in a version key. Separate from the graph because
 * the main thread uses it too, to describe a submission to observers, without the graph's rules.
 */
import { forEachLeaf, versionKey, type WireArg } from '../protocol';

/** The versions a call reads and writes; the main thread uses it too, to describe a submission to observers. */
export function collectAccesses(args: readonly WireArg[], reads: Set<string>, writes: string[]): void {
  forEachLeaf(args, (arg) => {
    if (!('data' in arg)) return;
    if (arg.read !== undefined) reads.add(versionKey(arg.data, arg.read));
    if (arg.write !== undefined) {
      const key = versionKey(arg.data, arg.write);
      if (!writes.includes(key)) writes.push(key);
    }
  });
}

export const dataOf = (key: string): number => Number(key.slice(1, key.indexOf('v')));

/** The version of `data` a call reads, if it reads it. */
export function readOf(args: readonly WireArg[], data: number): number | undefined {
  let read: number | undefined;
  forEachLeaf(args, (arg) => { if (read === undefined && 'data' in arg && arg.data === data) read = arg.read; });
  return read;
}
