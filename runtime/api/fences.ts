/**
 * Fences. The plugin submits a task call even when it cannot follow every name of an object the task writes (an
 * element of a Map, a field of `this`, a parameter of a function other code may call…), provided that until the next
 * fence the program runs only code that cannot look at such an object (rewrite/fences.ts proves it from types). This
 * keeps those objects, in the order they were first submitted; `fence()` brings each one's contents home and throws
 * the first failure of a task that wrote one, as the sequential call would have thrown it.
 */
import type { TaskHandle } from './task-handle';
import { Future } from './future';
import { peek } from './lifecycle';

/** Objects tasks may be writing that no name the plugin follows will wait for: held only until the next fence. */
const unfenced = new Set<object>();

/** The objects a fenced call's task writes (its inout and out arguments). */
function writtenBy(handle: TaskHandle, args: readonly unknown[]): object[] {
  const { directions } = handle.def;
  return args.filter((arg, i): arg is object =>
    directions[Math.min(i, directions.length - 1)] !== 'in' && typeof arg === 'object' && arg !== null && !(arg instanceof Future));
}

/**
 * Before a fenced submission: no name the plugin follows marks the program's own changes to these objects (a direct
 * call, a write through another path), so each is compared with its last snapshot, as an unfollowed `in` argument
 * is, unless tasks still hold its latest contents (then the program cannot have changed it since: it was fenced).
 */
export function beforeFenced(handle: TaskHandle, args: readonly unknown[], maybeWritten: (object: object) => void): void {
  const a = peek();
  if (a?.kind !== 'pool') return;
  for (const object of writtenBy(handle, args)) {
    const entries = a.runtime.data.entriesOf(object);
    if (entries.length === 0 || entries.some((entry) => !entry.producer)) maybeWritten(object);
  }
}

/** After a fenced submission: remember the objects its task writes, until the next fence. */
export function noteFenced(handle: TaskHandle, args: readonly unknown[]): void {
  if (peek()?.kind !== 'pool') return; // inline runs have run the task already
  for (const object of writtenBy(handle, args)) unfenced.add(object);
}

/** Every object a fenced task writes holds what it wrote; the first failure among them is thrown after all are loaded. */
export function fence(): void {
  if (unfenced.size === 0) return;
  const objects = [...unfenced];
  unfenced.clear();
  const a = peek();
  if (a?.kind !== 'pool') return;
  let first: unknown;
  let failed = false;
  for (const object of objects) {
    try { a.runtime.waitObject(object); } catch (error) { if (!failed) { first = error; failed = true; } }
  }
  if (failed) throw first;
}
