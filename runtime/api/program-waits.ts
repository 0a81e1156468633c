/**
 * The program's side of the objects it shares with tasks: waiting until a Future or an object is final (blocking or
 * not, one object, an array's elements, a record's fields, everything), and telling the runtime the program changed
 * one (`written`, `maybeWritten`, `markWritten`). Apart from index.ts, the API's list, as one concept: what the plugin
 * places before the program looks at or changes task data. (How a wait blocks is waits.ts's.)
 */
import { peek } from './lifecycle';
import { Future } from './future';
import { noteMaybeWritten } from './main-data';

/** Block until `x` is final: a Future's value, or an object's contents after the tasks that write it. */
export function waitOn<T>(x: Future<T>): T;
export function waitOn<T>(x: T): T;
export function waitOn(x: unknown): unknown {
  if (x instanceof Future) return x.wait();
  const a = peek();
  if (a?.kind !== 'pool' || typeof x !== 'object' || x === null) return x;
  return a.runtime.waitObject(x);
}

/** As waitOn, without blocking the event loop. */
export async function waitOnAsync<T>(x: Future<T> | T): Promise<T> {
  if (x instanceof Future) return await x;
  const a = peek();
  if (a?.kind !== 'pool' || typeof x !== 'object' || x === null) return x as T;
  return a.runtime.waitObjectAsync(x as T & object);
}

/**
 * Before a try statement whose block waits for Futures another function made (transformer/rewrite/failure-checks.ts
 * capturedWaitsInTries): their failures are thrown here, outside that try, as the plain calls threw them where they
 * were made. A name not initialized yet is left to the block, which meets it as the plain code did.
 */
export function settle(values: () => readonly unknown[]): void {
  let found: readonly unknown[];
  try {
    found = values();
  } catch {
    return;
  }
  for (const value of found) if (value instanceof Future) value.wait();
}

/** A forwarder method's result (api/forwarding.ts): the Future for a call it claimed, the value for any other. */
export function handOn<T>(claimed: boolean, result: T): T {
  return claimed ? result : waitOn(result);
}

/**
 * `return { sums, counts }` in a forwarder that made sums and counts for its tasks (transformer/rewrite/forwarders.ts):
 * the record as a Future holding them, whose value is the record itself once the tasks writing its objects are done,
 * so its callers wait where they use it, as for a task's value. Without a running pool, the record.
 */
export function heldRecord<T extends object>(record: T): T {
  const a = peek();
  if (a?.kind !== 'pool') return record;
  const future = a.runtime.settledFuture(record);
  future.held = Object.values(record).filter((value): value is object => typeof value === 'object' && value !== null);
  return future as unknown as T;
}

/** The program is about to change `x`: wait for tasks that write it, and make sure later tasks see the change. */
export function written<T>(x: T): T {
  const value = waitOn(x);
  if (typeof value === 'object' && value !== null) markWritten(value);
  return value;
}

/**
 * The program may have changed `x` (the plugin cannot follow it to know): wait for tasks that write it, and the next
 * task reading it gets a new snapshot only if its contents differ from its last one; if they do not, it reads that
 * version again (no encoding written, no new version, no new dependency). `written` is for certain changes.
 */
export function maybeWritten<T>(x: T): T {
  const value = waitOn(x);
  if (typeof value === 'object' && value !== null) {
    const a = peek();
    if (a?.kind === 'pool') { a.runtime.data.markMaybeWritten(value); a.runtime.within.programChanges(); }
    else noteMaybeWritten(value); // the first call starts the runtime right after: its snapshot is fingerprinted
  }
  return value;
}

/**
 * A task argument the program may have changed where the plugin cannot see (an element of a parameter's array): its
 * contents go with the call as they are now (maybeWritten). A Future whose value this thread has not loaded goes as it
 * is, and the call depends on its task without waiting: the program has not seen that value, so it cannot have
 * changed it (`next.push(merge(level[i], level[i + 1]))` in a helper, where level holds the caller's parts or the
 * previous level's Futures). Unless the value may hold the caller's own objects (`return { config: cfg }`), which the
 * program may have changed since the call (held-results' `seed.n = 9` before `readHeld(seeded)`).
 */
export function freshArgument<T>(x: T): T {
  return x instanceof Future && x.value === undefined && !x.holdsArguments ? x : maybeWritten(x);
}

/** `...parts` spread into a task's rest parameter: each element as freshArgument, iterated once as the spread did. */
export function freshEach<T>(xs: Iterable<T>): T[] {
  return Array.from(xs, freshArgument);
}

export async function writtenAsync<T>(x: T): Promise<T> {
  const value = await waitOnAsync(x);
  if (typeof value === 'object' && value !== null) markWritten(value);
  return value;
}

/**
 * An array that may hold Futures (`xs.map(x => task(x))`): each replaced by its value, in place, and every object
 * in it (nested arrays included) holding what tasks wrote into it.
 */
export function waitAll<T>(xs: T): T { return waitWithin(xs); }

/** Everything reachable through `x`'s arrays made current: Futures replaced by their values, tasks' writes loaded. */
export function waitWithin<T>(x: T): T {
  const a = peek();
  return a ? a.runtime.within.settle(x, false) : x;
}

/**
 * A level of a container handed whole to a task (`acc(C[i][j], A[i][j])` of `number[][]` blocks): the Futures its
 * arrays hold replaced by their values, and nothing else waited for here; the runtime orders the call after the tasks
 * writing the level or objects inside it.
 */
export function futuresWithin<T>(x: T): T {
  const a = peek();
  return a ? a.runtime.within.futuresIn(x) : x;
}

/** The program is about to change something inside `x`: as waitWithin, and later tasks will see the change. */
export function writtenWithin<T>(x: T): T {
  const a = peek();
  return a ? a.runtime.within.settle(x, true) : x;
}

/**
 * A record of task data (`const holder = { a, b }`): what its fields hold (and their fields) made current; `depth`
 * levels down only, when given (an object that handed out parts that deep: `const inner = o.inner` is one level).
 */
export function waitFields<T>(x: T, depth?: number): T {
  const a = peek();
  return a ? a.runtime.within.settle(x, false, true, depth) : x;
}

/** The program is about to change something a record's fields hold: as waitFields, and later tasks will see it. */
export function writtenFields<T>(x: T, depth?: number): T {
  const a = peek();
  return a ? a.runtime.within.settle(x, true, true, depth) : x;
}

/** As waitAll, without blocking the event loop (one level: each element, not arrays inside them). */
export async function waitAllAsync<T>(xs: T): Promise<T> {
  if (!Array.isArray(xs)) return xs;
  for (let i = 0; i < xs.length; i++) xs[i] = await waitOnAsync(xs[i]);
  return xs;
}

/**
 * Code resumes after other code ran (after an `await` or `yield`, or in a deferred callback): the objects it uses
 * hold what tasks submitted meanwhile wrote, and those it may change are marked so later tasks read the change.
 */
export function resumed<T>(value: T, reads: readonly unknown[], writes: readonly unknown[]): T {
  const a = peek();
  // (Inline too: a task's value is there at once, but an array may still hold its Future, pushed after the function
  // was called: an async helper's `xs.map(show)` met it after its await.)
  if (!a) return value;
  // Through arrays too: a resumed `rows[i][0]` needs rows[i] current. Walks are remembered until the next submission.
  for (const x of reads) a.runtime.within.settle(x, false, true);
  for (const x of writes) a.runtime.within.settle(x, true, true);
  return value;
}

/** Block until every submitted task has run; objects tasks wrote receive their contents. */
export function barrier(): void {
  const a = peek();
  if (a?.kind === 'pool') a.runtime.barrier();
}

/**
 * Block until every submitted task has run (no object brought home): the program is about to change the process they
 * share, its environment or directory (transformer/rewrite/process-changes.ts).
 */
export function beforeProcessChange(): void {
  const a = peek();
  if (a?.kind === 'pool') a.runtime.allRan();
}

export async function barrierAsync(): Promise<void> {
  const a = peek();
  if (a?.kind === 'pool') await a.runtime.barrierAsync();
}

/** The main thread changed an object it passed to a task before: the next task must see the new contents. */
export function markWritten(x: object): void {
  const a = peek();
  if (a?.kind !== 'pool') return;
  a.runtime.data.markWritten(x);
  a.runtime.within.programChanges();
}
