/**
 * Waiting for everything inside a container: what the plugin emits before the main thread uses an array whose
 * elements are task data (`waitWithin(c)[i][j][x]`), and `waitAll` for arrays that gathered Futures.
 *
 * The walk goes down arrays only (a container's levels), or records' and class instances' own data fields (symbol-keyed
 * and hidden ones too), Maps and Sets too (waitFields, to a depth when one is given); every object it
 * reaches gets its latest contents, and every Future in a slot or a record's field is replaced by its value. Tasks never change which object sits where, and a Future can
 * only enter a slot right after the submission that made it, so once a container was walked nothing inside it
 * can become stale until the next submission, or until the program changes something inside a container (a write
 * walk: `writtenFields(h).list.push(r)` may put in an object a task still writes, np50's F4): walks are remembered per
 * object and generation, which makes a wait inside the program's own loops cost a map lookup.
 */
import { isProxy } from 'node:util/types';
import { Future } from './future';
import { eachIndex } from '../store/own-properties';

const MAP_ENTRIES = Map.prototype.entries;
const MAP_SET = Map.prototype.set;
const SET_VALUES = Set.prototype.values;

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
  /** The same for walks through plain objects' fields too (resumed code: `holder.v[0]` after an await). */
  private readonly waitedDeep = new WeakMap<object, number>();
  private readonly bounded = new Map<number, WeakMap<object, number>>();
  /** The walks for Futures alone (futuresIn). */
  private readonly futuresSeen = new WeakMap<object, number>();
  /** Grows with every submission and every change the program makes inside a container: remembered walks older are stale. */
  private generation = 0;
  private submissionsSeen = -1;

  constructor(private readonly host: WithinHost) {}

  /** The program is about to change an object (`written(x)`): what it puts inside may be task data no walk saw. */
  programChanges(): void { this.generation++; }

  private current(): number {
    const submissions = this.host.submissions();
    if (submissions !== this.submissionsSeen) { this.submissionsSeen = submissions; this.generation++; }
    return this.generation;
  }

  /**
   * `x` with everything reachable through its arrays current; with `write`, also marked as changed by the program.
   * `depth` bounds the walk (a name that handed out parts two levels down needs no more: waitFields' second argument).
   */
  settle<T>(x: T, write: boolean, throughFields = false, depth = Infinity): T {
    const value = x instanceof Future ? (x.wait() as T) : x;
    if (typeof value !== 'object' || value === null) return value;
    const epoch = this.current();
    const waited = throughFields ? this.deepMemo(depth) : this.waited;
    if (!write && waited.get(value) === epoch) return value;
    this.walk(value, write, throughFields, new Set(), depth);
    // (A write walk is followed by the program's change, which may put in any container objects not walked yet.)
    if (write) this.generation++;
    else waited.set(value, epoch);
    return value;
  }

  /**
   * `x` with every Future its arrays hold replaced by its value, and nothing else waited for: a level of a container
   * handed whole to a task (transformer/rewrite/containers.ts), whose data the runtime orders after the tasks writing
   * it, but which must hold values, as the plain call's argument did (a helper may have pushed a task's value in).
   */
  futuresIn<T>(x: T): T {
    // (A Future itself is handed on as one, the call depending on its task; a task's value holds no Future. Unless it
    // may hold the caller's objects, which go as they are now: program-waits.ts freshArgument.)
    if (x instanceof Future && !x.holdsArguments) return x;
    const value = x instanceof Future ? (x.wait() as T) : x;
    if (typeof value !== 'object' || value === null) return value;
    const epoch = this.current();
    if (this.futuresSeen.get(value) === epoch) return value;
    this.walk(value, false, false, new Set(), Infinity, false);
    this.futuresSeen.set(value, epoch);
    return value;
  }

  /** The walks through fields remembered, one map per depth asked. */
  private deepMemo(depth: number): WeakMap<object, number> {
    if (depth === Infinity) return this.waitedDeep;
    let memo = this.bounded.get(depth);
    if (!memo) { memo = new WeakMap(); this.bounded.set(depth, memo); }
    return memo;
  }

  private walk(object: object, write: boolean, throughFields: boolean, seen: Set<object>, depth: number, contents = true): void {
    if (seen.has(object)) return;
    seen.add(object);
    if (contents) this.host.waitObject(object);
    if (write) this.host.markWritten(object);
    // A Proxy's insides are reached through its traps, the program's code, which the plain call ran only as it read
    // them (tester np36's getter2): not walked. (No task could write through it: a call given one runs in place.)
    if (depth <= 0 || isProxy(object)) return;
    const inner = (item: unknown) => { if (typeof item === 'object' && item !== null) this.walk(item, write, throughFields, seen, depth - 1, contents); };
    if (Array.isArray(object)) {
      // (A long sparse array by the indices it holds: rev58's F7.)
      eachIndex(object, (i) => {
        let item: unknown = object[i];
        if (item instanceof Future) item = object[i] = item.wait();
        inner(item);
      });
    } else if (!throughFields) {
      return;
    } else if (ArrayBuffer.isView(object)) {
      return; // (bytes: a typed array's own keys are its indices)
    } else if (object instanceof Map) {
      // (A Map's keys and values, a Set's members: `const g = groups.get('x'); run(g)` made g a part of groups. Through
      // the built-in methods: a subclass's own iterator or `set` is the program's code, rev56's F6.)
      // (Setting a key the walk has reached changes no order: no copy of the entries.)
      for (const [key, item] of MAP_ENTRIES.call(object)) {
        inner(key);
        if (item instanceof Future) { const value = item.wait(); MAP_SET.call(object, key, value); inner(value); } else inner(item);
      }
      this.walkNamedFields(object, inner);
    } else if (object instanceof Set) {
      for (const member of SET_VALUES.call(object)) inner(member);
      this.walkNamedFields(object, inner);
    } else {
      // A record's fields, or a class instance's own data fields (rev56's F5: `o.inner` of a `new Holder()`); also
      // what an opaque object (a Date, a RegExp, a WeakMap) was given as a field of its own.
      this.walkNamedFields(object, inner);
    }
  }

  /**
   * The object's own data fields, symbol-keyed and hidden ones too (np54's F1: `holder[sym] = o`, a field defined not
   * enumerable, `m.extra = o` on a Map were not walked, and the read after a task saw the old value). Not an array's
   * named keys (`list.meta = o`): listing them lists every index, a string each, at every walk.
   * (A record a map callback made around a task call, `{ id: a.id, v: add(a) }`, holds its Future: its value.)
   */
  private walkNamedFields(object: object, inner: (item: unknown) => void): void {
    for (const key of Reflect.ownKeys(object)) {
      const slot = Reflect.getOwnPropertyDescriptor(object, key);
      if (!slot || !('value' in slot)) continue; // (an accessor runs no code here)
      let item: unknown = slot.value;
      if (item instanceof Future && slot.writable) item = (object as Record<string | symbol, unknown>)[key] = item.wait();
      inner(item);
    }
  }
}

