/**
 * Waiting for everything inside a container: what the plugin emits before the main thread uses an array whose
 * elements are task data (`waitWithin(c)[i][j][x]`), and `waitAll` for arrays that gathered Futures.
 *
 * The walk goes down arrays only (a container's levels), or plain records' fields, Maps and Sets too (waitFields); every object it
 * reaches gets its latest contents, and every Future in a slot or a record's field is replaced by its value. Tasks never change which object sits where, and a Future can
 * only enter a slot right after the submission that made it, so once a container was walked nothing inside it
 * can become stale until the next submission: walks are remembered per object and submission count, which makes
 * a wait inside the program's own loops cost a map lookup.
 */
import { isProxy } from 'node:util/types';
import { Future } from './future';
import { isPlainRecord } from '../worker/shapes';

export interface WithinHost {
  /** Grows with every submission. */
  submissions(): number;
  /** Latest contents of a tracked object, in place (waits for the task writing it). */
  waitObject(object: object): void;
  /** The main thread changed the object: later tasks must read the new contents. */
  markWritten(object: object): void;
}

export class Within {
  private readonly waited = new WeakMap<object, number>();
  private readonly written = new WeakMap<object, number>();
  /** The same for walks through plain objects' fields too (resumed code: `holder.v[0]` after an await). */
  private readonly waitedDeep = new WeakMap<object, number>();
  private readonly writtenDeep = new WeakMap<object, number>();

  constructor(private readonly host: WithinHost) {}

  /** `x` with everything reachable through its arrays current; with `write`, also marked as changed by the program. */
  settle<T>(x: T, write: boolean, throughFields = false): T {
    const value = x instanceof Future ? (x.wait() as T) : x;
    if (typeof value !== 'object' || value === null) return value;
    const epoch = this.host.submissions();
    const [waited, written] = throughFields ? [this.waitedDeep, this.writtenDeep] : [this.waited, this.written];
    if ((write ? written : waited).get(value) === epoch) return value;
    this.walk(value, write, throughFields, new Set());
    waited.set(value, epoch);
    if (write) written.set(value, epoch);
    return value;
  }

  private walk(object: object, write: boolean, throughFields: boolean, seen: Set<object>): void {
    if (seen.has(object)) return;
    seen.add(object);
    this.host.waitObject(object);
    if (write) this.host.markWritten(object);
    // A Proxy's insides are reached through its traps, the program's code, which the plain call ran only as it read
    // them (tester np36's getter2): not walked. (No task could write through it: a call given one runs in place.)
    if (isProxy(object)) return;
    if (Array.isArray(object)) {
      for (let i = 0; i < object.length; i++) {
        let item: unknown = object[i];
        if (item instanceof Future) item = object[i] = item.wait();
        if (typeof item === 'object' && item !== null) this.walk(item, write, throughFields, seen);
      }
    } else if (throughFields && (object instanceof Map || object instanceof Set)) {
      // (A Map's values and keys, a Set's members: `const g = groups.get('x'); run(g)` made g a part of groups.)
      for (const [key, item] of object instanceof Map ? object : [...object].map((member) => [member, member] as const)) {
        if (typeof key === 'object' && key !== null) this.walk(key, write, throughFields, seen);
        const value = item instanceof Future && object instanceof Map ? object.set(key, item.wait()).get(key) : item;
        if (typeof value === 'object' && value !== null && value !== key) this.walk(value, write, throughFields, seen);
      }
    } else if (throughFields && isPlainRecord(object)) {
      // (A record a map callback made around a task call, `{ id: a.id, v: add(a) }`, holds its Future: its value.)
      for (const key of Object.keys(object)) {
        const slot = Object.getOwnPropertyDescriptor(object, key);
        if (!slot || !('value' in slot)) continue; // (an accessor runs no code here)
        let item: unknown = slot.value;
        if (item instanceof Future && slot.writable) item = object[key] = item.wait();
        if (typeof item === 'object' && item !== null) this.walk(item, write, throughFields, seen);
      }
    }
  }
}

