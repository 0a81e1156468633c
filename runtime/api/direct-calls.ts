/**
 * A call the plugin submitted whose argument turns out, at run time, not to travel to a worker: an instance of a class
 * no module exports behind an interface type (`getX(make())` where `make(): Pt` returns a private class's instance),
 * a function or a WeakMap in a slot typed `unknown`. The plugin refuses these where the types show them; where they
 * do not, the plain program called the function right there, so it runs right there: on the caller's own objects,
 * once the tasks writing them have finished, and they count as changed by the program afterwards (the call may have
 * written them); in a try block, not at all when an earlier call of it failed, which had stopped the plain program
 * before it. Its output is the main thread's, placed where the call was. The by-hand API (no call site) still
 * gets the error: a submission there is the program's own request. A refusal for what a value holds (a detached
 * buffer, a throwing getter, its size) stands: that is no kind of value the types could have shown.
 */
import { Future } from './future';
import type { TaskHandle } from './task-handle';
import { ownParameterAt } from '../protocol';
import type { Within } from './within';
import type { Stats } from '../stats';
import { TaskifyError } from '../errors';
import { UnsupportedValueError } from '../store/refusals';
import { submittingAhead, taskFunction } from './inline';
import { moduleStateValue } from './module-state';

/** The refusal is for the kind of an argument (direct-calls.ts), not for what it holds: the call can run in place. */
export function runsInPlace(error: unknown): boolean {
  return error instanceof TaskifyError && error.code === 'TASKIFY_UNSUPPORTED_ARGUMENT' &&
    error.cause instanceof UnsupportedValueError && !error.cause.aboutContents;
}

export interface DirectHost {
  readonly within: Within;
  readonly stats: Stats;
  /** A Future already holding `value` (made by the main thread). */
  settledFuture<T>(value: T): Future<T>;
  /** Throws the failure of an earlier call since `mark` that had stopped the plain program before this one (waits.ts failureBefore). */
  failureBefore(mark: number): void;
}

export function callDirectly<T>(host: DirectHost, handle: TaskHandle, args: readonly unknown[], refused: Error, tryMark?: number): Future<T> {
  let fn: ((...args: unknown[]) => unknown) | undefined;
  try {
    fn = taskFunction(handle);
  } catch {
    throw refused; // an ES module cannot be loaded synchronously here: the refusal stands
  }
  if (!fn) throw refused;
  // In a try block (`tryMark`), an earlier call of it that failed stopped the plain program first: the catch sees what
  // this call would change. (Elsewhere the failure ends the program. A call submitted ahead of the plain program's
  // order meets earlier failures where its result is used.)
  if (tryMark !== undefined && submittingAhead.depth === 0) host.failureBefore(tryMark);
  // Current contents first; what the call may write counts as changed by the program after it.
  const direction = (i: number): string => handle.def.directions[ownParameterAt(handle.def, i, args.length) ?? -1] ?? 'in';
  const values = args.map((arg, i) => host.within.settle(arg, direction(i) !== 'in', true));
  // Module state tasks keep (api/module-state.ts) is the main thread's module object too: bring home what they left.
  handle.def.state?.forEach((key, i) => {
    if (handle.keptState?.[i]) host.within.settle(moduleStateValue(key, handle.def.name), direction(args.length + i) !== 'in', true);
  });
  host.stats.add('inline');
  return host.settledFuture(fn(...values) as T);
}
