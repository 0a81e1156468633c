/**
 * A call's wire arguments as a worker reads them: version keys instead of data ids and version numbers, a primitive
 * result of an earlier task passed by value, and the @rro versions noted (they may have a shared-memory segment to
 * remove when they die). Apart from engine.ts because it is a translation, not a decision of the loop.
 */
import { versionKey, type WireArg, type WorkerArg } from '../protocol';
import type * as graph from './graph';

export function toWorkerArg(state: graph.GraphState, arg: WireArg, rro: boolean, own: boolean, rroVersions: Set<string>): WorkerArg {
  if ('value' in arg) return arg;
  if ('collection' in arg) {
    return { collection: arg.collection.map((item) => toWorkerArg(state, item, false, false, rroVersions)), at: arg.at, length: arg.length };
  }
  const read = arg.read !== undefined ? versionKey(arg.data, arg.read) : undefined;
  const inline = read !== undefined ? state.versions.get(read)?.inline : undefined;
  if (inline) {
    if (arg.write !== undefined) {
      throw new TypeError(`a Future whose value is a primitive (${typeof inline.value}) cannot be passed as inout/out: ` +
        'primitives are always passed by value; pass the value as an in argument and return the new one');
    }
    return { value: inline.value };
  }
  if (rro && read !== undefined) rroVersions.add(read);
  return {
    read, write: arg.write !== undefined ? versionKey(arg.data, arg.write) : undefined, shape: arg.shape, rro: rro || undefined,
    own: own || undefined, root: arg.root, view: arg.view, ref: arg.ref,
  };
}
