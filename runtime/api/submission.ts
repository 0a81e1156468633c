/**
 * Submitting task calls: what the plugin emits at a call of a task (`submit`, `submitFenced`, `asTask` for a task
 * handed to `map`, `asForwarded` for a forwarder), the module state a call carries, and `task`, the by-hand way. Apart
 * from index.ts, the API's list, because this is the one way work enters the runtime; waits are program-waits.ts.
 */
import { current } from './lifecycle';
import { defineTask, type ParamSpec, type TaskHandle, type TaskOptions } from './task-handle';
import { Future } from './future';
import { describeSite } from './call-site';
import type { Direction } from '../protocol';
import { moduleStateValue, registerModuleState } from './module-state';
import { beforeFenced, noteFenced } from './fences';
import { callDirectly, runsInPlace } from './direct-calls';
import { partialViewOfWholeBuffer } from './partial-views';
import { forwardFunction } from './forwarding';
import { maybeWritten } from './program-waits';

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

/** Emitted by the plugin in the module declaring an object a task reads (see api/module-state.ts). */
export function moduleState(key: string, get: () => unknown): void { registerModuleState(key, get); }

/** An argument may be the value itself, a Future of it, or (for arrays) an array of values and Futures. */
export type Deferred<T> = T | Future<T> | (T extends readonly (infer E)[] ? readonly (E | Future<E>)[] : never);
export type DeferredArgs<P extends readonly unknown[]> = { [K in keyof P]: Deferred<P[K]> };

/** A task as a function that submits it: the by-hand way to write what the plugin emits. */
export function task<F extends (...args: never[]) => unknown>(module: string, name: string,
  params: readonly (Direction | ParamSpec)[], options?: TaskOptions): (...args: DeferredArgs<Parameters<F>>) => Future<Awaited<ReturnType<F>>> {
  const handle = defineTask(module, name, params, options);
  return (...args) => submit(handle, args);
}
