/**
 * `await task(…)` as the program wrote it. The plain call's value (or its own Promise, for an async task) is awaited
 * at once: one microtask, where awaiting the Future as a thenable took several, and another chain of the program's
 * microtasks (a `.catch` on an earlier call's Promise) ran first. So a task that has finished gives its value, or
 * a rejected Promise of its failure; inline (TASKIFY_WORKERS=0) the call's own value; a task still running gives its
 * Future, whose wait holds the program's macrotasks (macrotask-hold.ts).
 */
import { Future } from './future';

export function awaited<T>(future: Future<T> | T): unknown {
  if (!(future instanceof Future)) return future; // a forwarder's call, or a value the plugin did not submit
  const producer = future.entry.producer;
  if (producer?.state === 'pending') return future;
  try {
    return future.wait();
  } catch (error) {
    return Promise.reject(error);
  }
}
