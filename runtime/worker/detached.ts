/**
 * Objects a task may change and take out of the data it writes (`registry[id].open = false; delete registry[id]`,
 * `q.shift()!.sent += 10`, `m.get(k)!.open = false; m.delete(k)`): in the plain program the caller's object changed
 * although the container no longer holds it, and the program may still hold it (`const a = registry.a`). Copy-back
 * updates the objects a written version reaches; so before the call, each written datum's objects that came from the
 * main thread's snapshots are listed, and the encoder carries those the new version no longer reaches after its value
 * (value.fbs Root.detached), for copy-back alone.
 */
import { isTypedArray, pushChildren } from './shapes';
import { origins } from './thread-state';

/** The objects inside `datum` (not itself) that have an origin, in the order a walk meets them. */
export function snapshotObjects(datum: unknown): object[] {
  if (typeof datum !== 'object' || datum === null || isTypedArray(datum)) return [];
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
