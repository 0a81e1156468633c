/**
 * taskify's runtime API: what the compiler plugin's emitted code calls, and what a program may call by hand.
 *
 *   const scale = task<typeof import('./kernels').scale>(__filename, 'scale', ['inout', 'in']);
 *   const done = scale(values, 2);     // returns a Future at once
 *   waitOn(values);                    // blocks; `values` now holds the task's result, in place
 */
import { current, peek, shutdown as stopRuntime, statsOf } from './api/lifecycle';
import { runInChain } from './api/async-chains';
import { defineTask, type ParamSpec, type TaskHandle, type TaskOptions } from './api/task-handle';
import { Future } from './api/future';
import { describeSite } from './api/call-site';
import type { Direction, FailurePolicy } from './protocol';
import type { StatsReport } from './stats';
import type { RunHooks } from './observe/hooks';

export { defineTask, Future, type ParamSpec, type TaskHandle, type TaskOptions, type FailurePolicy, type Direction, type StatsReport, type RunHooks };
export type { RunEvent, WorkerRun } from './protocol';
export { TaskifyError, type TaskifyErrorCode } from './errors';
/** Name the module a class lives in, for instances of an ES module's class the runtime cannot find by itself. */
export { shareClass } from './store/classes';
import { moduleStateValue, registerModuleState } from './api/module-state';
import { noteMaybeWritten } from './api/main-data';
import { beforeFenced, noteFenced } from './api/fences';
import { callDirectly, runsInPlace } from './api/direct-calls';
import { partialViewOfWholeBuffer } from './api/partial-views';
import { claimForward as claimedCall, forwardFunction } from './api/forwarding';

/**
 * Submit one call of a task; returns at once. `site` (file:line) names the call in errors; `labels` names its data in
 * the graph and trace (the arguments' text and the result's variable: observe/data-names.ts; the plugin emits it).
 */
export function submit<T = unknown>(handle: TaskHandle, args: readonly unknown[], site?: string, labels?: string, tryMark?: number): Future<T> {
  const a = current();
  if (a.kind === 'inline') return a.runtime.submit<T>(handle, args, describeSite(handle.def.name, site));
  const partial = site === undefined ? undefined : partialViewOfWholeBuffer(handle, args);
  if (partial !== undefined) {
    // It reaches `.buffer` of a view into a larger buffer: run as the plain call ran (partial-views.ts), where it can.
    const refused = new Error(`task ${handle.def.name}: its parameter ${handle.paramNames[partial]} reaches .buffer of a view into a larger buffer`);
    try { return callDirectly<T>(a.runtime, handle, args, refused, tryMark); } catch (error) { if (error !== refused) throw error; }
  }
  try {
    return a.runtime.submit<T>(handle, handle.def.state ? withModuleState(handle, args) : args, site, labels);
  } catch (error) {
    // A call the plugin emitted (it has a site) whose argument cannot travel: run as the plain call ran (direct-calls.ts).
    if (site === undefined || !runsInPlace(error)) throw error;
    return callDirectly<T>(a.runtime, handle, args, error as Error, tryMark);
  }
}

/**
 * `parts.map(total)`: the task as the function map calls, each call a submission of the arguments the task declares
 * (of element, index, array). An object argument is snapshotted as one the plugin does not follow; a Future goes on.
 */
export function asTask(handle: TaskHandle, site: string, arity: number): (...args: unknown[]) => Future<unknown> {
  return (...args) => submit(handle, args.slice(0, arity).map(unfollowed), site);
}

/** An argument no plan follows: a Future goes on; an object is snapshotted afresh if it changed. */
const unfollowed = (x: unknown): unknown => (x instanceof Future ? x : maybeWritten(x));

/**
 * `rows.map(meanOf)` of a function forwarder (`meanOf(xs) { return mean(xs) }`): each call a planned one. An object
 * argument is snapshotted as one the plugin does not follow, as asTask's are: the program may have changed an element
 * since the last call (`rows[0].push(100)` between two maps: tester np36's fwd5 read the old row).
 */
export function asForwarded(fn: (...args: unknown[]) => unknown, written: string, arity: number): (...args: unknown[]) => unknown {
  return (...args) => forwardFunction(fn, args.map((arg, i) => (i < arity ? unfollowed(arg) : arg)), written);
}

/** The call's arguments and, after them, a fresh snapshot of each module object the task reads (api/module-state.ts). */
function withModuleState(handle: TaskHandle, args: readonly unknown[]): unknown[] {
  const state = handle.def.state!.map((key, i) => {
    const value = moduleStateValue(key, handle.def.name);
    // State tasks keep is the runtime's to follow, as an argument; the program may have changed any other anywhere
    // since the last call: a new snapshot if it did.
    return handle.keptState?.[i] ? value : maybeWritten(value);
  });
  return [...args, ...state];
}

/**
 * A call whose written objects the plugin cannot follow by name: submitted like any other, and those objects are
 * brought home at the next `fence()`, which the plugin places before the first code that could look at them.
 */
export function submitFenced<T = unknown>(handle: TaskHandle, args: readonly unknown[], site?: string, labels?: string, tryMark?: number): Future<T> {
  const a = current();
  if (a.kind === 'inline') {
    // The task ran at the call, on the caller's objects: its failure is thrown right here, as the sequential call's.
    const mark = a.runtime.mark();
    const future = submit<T>(handle, args, site, labels, tryMark);
    a.runtime.checkpoint(mark);
    return future;
  }
  const written = beforeFenced(handle, args, maybeWritten);
  const future = submit<T>(handle, args, site, labels, tryMark);
  noteFenced(written, future);
  return future;
}
export { fence } from './api/fences';

/** Emitted by the plugin in the module declaring an object a task reads (see api/module-state.ts). */
export function moduleState(key: string, get: () => unknown): void { registerModuleState(key, get); }

/** Emitted by the plugin around a module constant computed from the process (see api/load-time.ts). */
export { atLoad } from './api/load-time';

/** An argument may be the value itself, a Future of it, or (for arrays) an array of values and Futures. */
export type Deferred<T> = T | Future<T> | (T extends readonly (infer E)[] ? readonly (E | Future<E>)[] : never);
export type DeferredArgs<P extends readonly unknown[]> = { [K in keyof P]: Deferred<P[K]> };

/** A task as a function that submits it: the by-hand way to write what the plugin emits. */
export function task<F extends (...args: never[]) => unknown>(module: string, name: string,
  params: readonly (Direction | ParamSpec)[], options?: TaskOptions): (...args: DeferredArgs<Parameters<F>>) => Future<Awaited<ReturnType<F>>> {
  const handle = defineTask(module, name, params, options);
  return (...args) => submit(handle, args);
}

/** Block until `x` is final: a Future's value, or an object's contents after the tasks that write it. */
export function waitOn<T>(x: Future<T>): T;
export function waitOn<T>(x: T): T;
export function waitOn(x: unknown): unknown {
  if (x instanceof Future) return x.wait();
  const a = peek();
  if (a?.kind !== 'pool' || typeof x !== 'object' || x === null) return x;
  return a.runtime.waitObject(x);
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
export { forwardCall } from './api/forwarding';
export { forwardFunction };
export { forwardAhead, halfAhead, halfAheadMethod, inHalves, mayRunAhead } from './api/made-ahead';

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
    if (a?.kind === 'pool') a.runtime.data.markMaybeWritten(value);
    else noteMaybeWritten(value); // the first call starts the runtime right after: its snapshot is fingerprinted
  }
  return value;
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
  if (a?.kind !== 'pool') return value;
  // Through arrays too: a resumed `rows[i][0]` needs rows[i] current. Walks are remembered until the next submission.
  for (const x of reads) a.runtime.within.settle(x, false, true);
  for (const x of writes) a.runtime.within.settle(x, true, true);
  return value;
}

export { ahead, dismissUntaken, eachThen, inOrder, keysIn, promised, reached, several, take, withValues } from './api/deferred-uses';
export { awaited, builtFirst, landed } from './api/awaited';

/**
 * A function whose parameters the plugin followed returns or throws: the first failure of a task it submitted since
 * `mark` is thrown out of it, as the sequential call threw it, and the parameters hold what the call's tasks wrote
 * (a failed task's writes too, as a sequential call that threw half way left them).
 */
export function leaving(mark: number, parameters: readonly unknown[]): void {
  try { checkpoint(mark); } finally {
    resumed(undefined, parameters, []);
    // The function waits here because some caller does not follow what it passed: that caller may change these
    // objects before a later call hands them to a task again, so from now on their snapshots compare contents.
    const seen = new Set<object>();
    for (const parameter of parameters) mayChangeUnseen(parameter, seen);
  }
}

/**
 * `x` (and a container's elements) may be changed by code the plan does not follow: compare contents next time.
 * `now`: without waiting; a Future is left alone (its value is the runtime's: the caller has not changed it unseen).
 */
function mayChangeUnseen(x: unknown, seen: Set<object>, now = false): void {
  if (typeof x !== 'object' || x === null || seen.has(x) || (now && x instanceof Future)) return;
  seen.add(x);
  maybeWritten(x);
  if (Array.isArray(x)) for (const item of x) mayChangeUnseen(item, seen, now);
}

/**
 * At a forwarder's start: whether this call of `self` is a planned one (api/forwarding.ts). A call no plan made came
 * from code the plugin does not see, which may have changed `parameters` since their last snapshots (`rows.map(meanOf)`
 * in another module, after `rows[0].push(100)`: tester np36's fwd4): their next snapshots compare contents.
 */
export function claimForward(self: unknown, parameters: readonly unknown[] = []): boolean {
  const claimed = claimedCall(self);
  if (!claimed) markChangedUnseen(parameters);
  return claimed;
}

/**
 * A function with followed parameters begins (`const m = entering([xs]); try { … } finally { leaving(m, [xs]) }`):
 * the caller that does not follow what it passed may have changed it since its last snapshot, through another name
 * (`holder.items.push(100); prepare(holder.items)` after a task read `a`), so its next snapshot compares contents.
 * Returns the mark `leaving` waits back to.
 */
export function entering(parameters: readonly unknown[]): number {
  markChangedUnseen(parameters);
  return mark();
}

/** Parameters a caller that does not follow them may have changed: their next snapshots compare contents. */
function markChangedUnseen(parameters: readonly unknown[]): void {
  const seen = new Set<object>();
  for (const parameter of parameters) mayChangeUnseen(parameter, seen, true);
}

/** A point in the order of submissions; `checkpoint(mark)` waits for what came after it and throws its first failure. */
export function mark(): number {
  const a = peek();
  return a ? a.runtime.mark() : 0;
}

export function checkpoint(mark: number): void {
  const a = peek();
  if (a) a.runtime.checkpoint(mark);
}

/**
 * A value a call of program code that ran tasks hands back, kept by the statement around it (`loaded.push(load(raw))`):
 * the tasks since `mark` are checked first, as the plain call threw before the statement kept anything.
 */
export function checked<T>(mark: number, value: T): T {
  checkpoint(mark);
  return value;
}

/**
 * The iterable of a `for…of` whose steps run the program's code (a generator's body), after task calls in the loop
 * that may fail: each step first checks the tasks since `mark`, as the plain loop never asked for the next element
 * after a call that threw, and the body's throw closed the iterator (its `finally` ran) first. Ending the loop early
 * closes the iterator, as the plain loop did.
 */
export function checkedSteps<T>(mark: number, iterable: Iterable<T>): Iterable<T> {
  return {
    // (Before the loop the plan checks its header, which obtains this iterator: each step checks from there on.)
    [Symbol.iterator](): Iterator<T> {
      const steps = iterable[Symbol.iterator]();
      // (A failure met at a step ends the loop as the failed call in its body did: the iterator is closed first.)
      const next = (...value: [] | [unknown]): IteratorResult<T> => {
        try {
          checkpoint(mark);
        } catch (failure) {
          steps.return?.();
          throw failure;
        }
        return steps.next(...value);
      };
      const checked: Iterator<T> = { next };
      if (steps.return) checked.return = (value?: unknown) => steps.return!(value);
      if (steps.throw) checked.throw = (error?: unknown) => steps.throw!(error);
      return checked;
    },
  };
}

/**
 * First in a `catch` of a try block that began at `mark`: an error a wait inside it threw for a call made before the
 * try is not this catch's (the plain call threw it before the try began), so it goes on to the enclosing one.
 */
export function caughtSince(error: unknown, mark: number): void {
  const a = peek();
  if (a?.kind === 'pool' && a.runtime.catchAt(error, mark)) throw error;
}

/** Whether the `finally` of a try block that began at `mark` runs: not for such an error passing it (caughtSince). */
export function finallySince(mark: number): boolean {
  const a = peek();
  return a?.kind !== 'pool' || a.runtime.finallyRuns(mark);
}

/**
 * An async function's body (or a promise callback) that runs tasks, run as one chain of its own: its checks, and the
 * calls a failure it meets takes back, are its own, not those of async functions running beside it (api/async-chains.ts).
 */
export function inChain<T>(body: () => T): T {
  const a = peek();
  if (a?.kind === 'inline') return body(); // (every call has finished at its call: nothing to tell apart)
  return a?.kind === 'pool' ? a.runtime.inChain(body) : runInChain(1, body);
}

export async function checkpointAsync(mark: number): Promise<void> {
  const a = peek();
  if (a?.kind === 'pool') await a.runtime.checkpointAsync(mark);
  else if (a) a.runtime.checkpoint(mark);
}

export { inWorker } from './worker-flag';

/** As waitOn, without blocking the event loop. */
export async function waitOnAsync<T>(x: Future<T> | T): Promise<T> {
  if (x instanceof Future) return await x;
  const a = peek();
  if (a?.kind !== 'pool' || typeof x !== 'object' || x === null) return x as T;
  return a.runtime.waitObjectAsync(x as T & object);
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

/** Forget an object: its versions are released once no pending task needs them. Do not wait on it afterwards. */
export function deleteObject(x: object): void {
  const a = peek();
  if (a?.kind !== 'pool') return;
  if (x instanceof Future) a.runtime.forgetData(x.entry.id);
  else a.runtime.data.forgetObject(x);
}

/** The main thread changed an object it passed to a task before: the next task must see the new contents. */
export function markWritten(x: object): void {
  const a = peek();
  if (a?.kind === 'pool') a.runtime.data.markWritten(x);
}

/**
 * Stop the task that produces `future` if it has not finished: a running one's worker is terminated. Waiting on it
 * throws a TASKIFY_CANCELLED error, and its dependents fail naming it. A finished task is left as it is.
 */
export function cancel(future: Future<unknown>): void {
  if (!(future instanceof Future)) throw new TypeError('taskify: cancel() takes the Future a task call returned');
  const a = peek();
  if (a?.kind === 'pool') a.runtime.cancel(future); // inline runs have run every task already
}

/** Finish pending tasks, stop the workers, remove the run's files. A later submission starts a new runtime. */
export function shutdown(): Promise<void> { return stopRuntime(); }

/** Counters of the current run (the same document TASKIFY_STATS writes at exit). */
export function stats(): StatsReport | undefined {
  const a = peek();
  return a ? statsOf(a).report() : undefined;
}

/**
 * Watch the current run (starting it if needed): each hook hears its events as they happen (see RunEvent in
 * protocol.ts). Returns a function that detaches the hooks. Runs with TASKIFY_WORKERS=0 have no events.
 */
export function observe(hooks: RunHooks): () => void {
  const a = current();
  return a.kind === 'pool' ? a.runtime.observers.add(hooks) : () => {};
}
