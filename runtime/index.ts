/**
 * taskify's runtime API: what the compiler plugin's emitted code calls, and what a program may call by hand.
 *
 *   const scale = task<typeof import('./kernels').scale>(__filename, 'scale', ['inout', 'in']);
 *   const done = scale(values, 2);     // returns a Future at once
 *   waitOn(values);                    // blocks; `values` now holds the task's result, in place
 */
import { current, peek, shutdown as stopRuntime, statsOf } from './api/lifecycle';
import { Future } from './api/future';
import type { StatsReport } from './stats';
import type { RunHooks } from './observe/hooks';

export { defineTask, type ParamSpec, type TaskHandle, type TaskOptions } from './api/task-handle';
export { Future };
export type { FailurePolicy, Direction } from './protocol';
export type { StatsReport, RunHooks };
export type { RunEvent, WorkerRun } from './protocol';
export { TaskifyError, type TaskifyErrorCode } from './errors';
/** Name the module a class lives in, for instances of an ES module's class the runtime cannot find by itself. */
export { shareClass } from './store/classes';

/** Submitting task calls (api/submission.ts). */
export { asForwarded, asTask, moduleState, submit, submitFenced, task, type Deferred, type DeferredArgs } from './api/submission';
export { afterFence, fence } from './api/fences';

/** Emitted by the plugin around a module constant computed from the process (see api/load-time.ts). */
export { atLoad } from './api/load-time';

/** Waiting for task data, and telling the runtime the program changed it (api/program-waits.ts). */
export {
  barrier, barrierAsync, beforeProcessChange, freshArgument, freshEach, futuresWithin, handOn, heldRecord, markWritten, maybeWritten, resumed, settle, waitAll, waitAllAsync, waitFields,
  waitOn, waitOnAsync, waitWithin, written, writtenAsync, writtenFields, writtenWithin,
} from './api/program-waits';
export { forwardCall, forwardFunction } from './api/forwarding';
export { forwardAhead, halfAhead, halfAheadMethod, inHalves, mayRunAhead } from './api/made-ahead';

export { ahead, dismissUntaken, eachThen, inOrder, keysIn, promised, reached, several, take, withValues } from './api/deferred-uses';
export { awaited, builtFirst, checkedAwait, inTurn, inTurnCallback, landed } from './api/awaited';

/** Where failures of tasks surface (api/checkpoints.ts), and the boundaries of a function with followed parameters (api/followed-calls.ts). */
export { caughtSince, checked, checkedSteps, checkpoint, checkpointAsync, finallySince, inChain, mark } from './api/checkpoints';
export { claimForward, entering, leaving } from './api/followed-calls';

export { inWorker } from './worker-flag';

/** Forget an object: its versions are released once no pending task needs them. Do not wait on it afterwards. */
export function deleteObject(x: object): void {
  const a = peek();
  if (a?.kind !== 'pool') return;
  if (x instanceof Future) a.runtime.forgetData(x.entry.id);
  else a.runtime.data.forgetObject(x);
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
