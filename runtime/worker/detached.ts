/**
 * Objects a task may change and take out of the data it writes (`registry[id].open = false; delete registry[id]`,
 * `q.shift()!.sent += 10`, `m.get(k)!.open = false; m.delete(k)`): in the plain program the caller's object changed
 * although the container no longer holds it, and the program may still hold it (`const a = registry.a`). Copy-back
 * updates the objects a written version reaches, and later tasks of the datum never see these again, so they come
 * home with the task's reply instead: before the call each written datum's objects that came from the main thread's
 * snapshots are listed, the encoder says which the new versions no longer reach (EncodeOptions.candidates), and those
 * travel encoded, with their origins, in WorkerReply.detached (api/loader.ts applyDetached puts them in place).
 */
import { encodeValue } from '../store/codec';
import { isTypedArray, pushChildren } from './shapes';
import { originObjects, origins } from './thread-state';

/**
 * The objects inside `datum` that have an origin: as its decoding or storing on this thread listed them
 * (thread-state.ts originObjects), else by a walk (a fifth to a third of the time encoding it takes).
 */
export function snapshotObjects(datum: unknown): readonly object[] {
  if (typeof datum !== 'object' || datum === null || isTypedArray(datum)) return [];
  const listed = originObjects.get(datum);
  if (listed) return listed;
  const found: object[] = [];
  const seen = new Set<object>([datum]);
  const stack: object[] = [];
  pushChildren(datum, stack);
  while (stack.length > 0) {
    const object = stack.pop()!;
    if (seen.has(object)) continue;
    seen.add(object);
    if (origins.has(object)) found.push(object);
    pushChildren(object, stack);
  }
  return found;
}

/**
 * The detached objects as one data file's bytes (an array of them; each with its origin), base64 so that every
 * transport carries it (a machine's reply goes through Redis as JSON); undefined when there are none.
 */
export function detachedPayload(detached: readonly object[]): string | undefined {
  if (detached.length === 0) return undefined;
  const { parts } = encodeValue([...new Set(detached)], { originOf: (object) => origins.get(object), wholeOwnBuffers: true });
  return Buffer.concat(parts).toString('base64');
}
