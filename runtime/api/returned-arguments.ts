/** The Future of a call whose task returns one of its arguments on every path (discover.ts TaskInfo.returnsArgument). */
import type { DataEntry, TaskRecord } from './records';
import { Future } from './future';
import type { Waits } from './waits';

/**
 * A task that returns an argument on every path: its result is that argument, as in the plain call. The same Future
 * for a Future argument; for an object, a Future on the object's own datum, whose value is the object. (The result
 * version the worker stores is never read; its data is deleted with the call.)
 */
export function returnedArgument<T>(waits: Waits, index: number | undefined, args: readonly unknown[], entries: readonly (DataEntry | undefined)[],
  call: TaskRecord): Future<T> | undefined {
  if (index === undefined) return undefined;
  const arg = args[index];
  const entry = entries[index];
  if (arg instanceof Future) return arg as Future<T>;
  if (!entry || typeof arg !== 'object' || arg === null) return undefined;
  const future = new Future<T>(waits, entry);
  future.value = { current: arg as T };
  future.madeBy = call;
  return future;
}
