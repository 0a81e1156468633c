/**
 * Whether an async task's Promise is still unsettled once every microtask its call queued (and those they queue) has
 * run: it awaits a timer or I/O. In the plain program such a Promise settles at its own time, not in the order of the
 * calls (api/deferred-uses.ts `promised`), so the main thread is told (WorkerReply.wentAsync).
 */
export async function settlesLater(promise: PromiseLike<unknown>): Promise<true | undefined> {
  let settled = false;
  promise.then(() => { settled = true; }, () => { settled = true; });
  // A nextTick queued from a microtask runs once the microtask queue is empty, before any timer or I/O callback.
  await new Promise<void>((resolve) => queueMicrotask(() => process.nextTick(resolve)));
  return settled ? undefined : true;
}

/**
 * Whether a task's call returned a promise, to be awaited in the worker as the caller awaits it: a native Promise
 * (what an async function and `new Promise` give), or an object holding its own `then` function (`{ then: (ok) =>
 * p.then(ok) }`), which could not travel as a value anyway (rev60's F3). An instance whose class gives it `then` (a
 * query builder returned by a synchronous task) is the task's value, as it is the plain caller's: awaiting it here
 * ran its `then`.
 */
export function isPromise(value: unknown): value is PromiseLike<unknown> {
  return value instanceof Promise || (typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, 'then') &&
    typeof (value as { then?: unknown }).then === 'function');
}
