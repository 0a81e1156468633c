/**
 * Fences. The plugin submits a task call even when it cannot follow every name of an object the task writes (an
 * element of a Map, a field of `this`, a parameter of a function other code may call…), provided that until the next
 * fence the program runs only code that cannot look at such an object (rewrite/fences.ts proves it from types). This
 * keeps those objects, in the order they were first submitted; `fence()` brings each one's contents home and throws
 * the first failure of a task that wrote one, as the sequential call would have thrown it.
 */
import type { TaskHandle } from './task-handle';
import { ownParameterAt } from '../protocol';
import { Future } from './future';
import { peek } from './lifecycle';
import type { TaskRecord } from './records';

/** Objects tasks may be writing that no name the plugin follows will wait for: held only until the next fence. */
const unfenced = new Set<object>();
/** The tasks of fenced calls since the last fence, and the submission mark before the first of them. */
const fencedTasks: TaskRecord[] = [];
let fencedSince: number | undefined;

/** The objects a fenced call's task writes (its inout and out arguments). */
function writtenBy(handle: TaskHandle, args: readonly unknown[]): object[] {
  const { directions } = handle.def;
  return args.filter((arg, i): arg is object =>
    (directions[ownParameterAt(handle.def, i, args.length) ?? -1] ?? 'in') !== 'in' && typeof arg === 'object' && arg !== null && !(arg instanceof Future));
}

/**
 * Before a fenced submission: no name the plugin follows marks the program's own changes to these objects (a direct
 * call, a write through another path), so each is compared with its last snapshot, as an unfollowed `in` argument is.
 */
export function beforeFenced(handle: TaskHandle, args: readonly unknown[], maybeWritten: (object: object) => void): object[] {
  const a = peek();
  if (a?.kind !== 'pool') return [];
  fencedSince ??= a.runtime.mark();
  const written = writtenBy(handle, args);
  for (const object of written) maybeWritten(object);
  return written;
}

/** After a fenced submission: remember its task and the objects it writes (beforeFenced's), until the next fence. */
export function noteFenced(written: readonly object[], future: Future<unknown>): void {
  if (future.entry.producer) fencedTasks.push(future.entry.producer);
  for (const object of written) unfenced.add(object);
}

/**
 * Every object a fenced task writes holds what it wrote, and the first failure among the tasks submitted since the
 * first fenced one is thrown, in submission order, as the sequential program met it.
 */
export function fence(): void {
  if (fencedSince === undefined) return;
  const mark = fencedSince;
  const records = fencedTasks.splice(0);
  const objects = [...unfenced];
  unfenced.clear();
  fencedSince = undefined;
  const a = peek();
  if (a?.kind === 'pool') a.runtime.fence(mark, records, objects);
}

/**
 * `afterFence(a.add(1))`: the value of a call of a function whose callers bring its fenced writes home, where this
 * caller cannot place a fence after it (the statement looks at them too: `new Acc().add(1).add(2)`): brought home
 * as the call returns, as the function did on exit.
 */
export function afterFence<T>(value: T): T {
  fence();
  return value;
}
