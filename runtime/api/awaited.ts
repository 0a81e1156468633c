/**
 * `await task(…)` as the program wrote it. The plain call's value (or its own Promise, for an async task) is awaited
 * at once: one microtask, where awaiting the Future as a thenable took several, and another chain of the program's
 * microtasks (a `.catch` on an earlier call's Promise) ran first. So a task that has finished gives its value, or
 * a rejected Promise of its failure; inline (TASKIFY_WORKERS=0) the call's own value; a task still running gives a
 * promise of its value, whose wait holds the program's macrotasks (macrotask-hold.ts).
 *
 * Awaits resume in the order they were reached, as the plain program's did (each awaited a value: one microtask,
 * first come first resumed): an await of a task still running holds every later one, even of a finished task,
 * until it has resumed. Without this, `Promise.all([worker(1, long), worker(2, short)])` printed worker 2's end
 * first (np22's r02, a Go worker pool's port).
 */
import { Future } from './future';

/** The promise the last await reached while others were running resolves with; undefined when none is running. */
let lastInOrder: Promise<unknown> | undefined;
let running = 0;

export function awaited<T>(future: Future<T> | T): unknown {
  if (!(future instanceof Future)) return future; // a forwarder's call, or a value the plugin did not submit
  const producer = future.entry.producer;
  if (producer?.state !== 'pending' && running === 0) {
    try {
      return future.wait();
    } catch (error) {
      return Promise.reject(error);
    }
  }
  // (Asked for now: the wait holds the program's macrotasks from here on.)
  const value = future.then();
  const before = lastInOrder;
  const inOrder = before === undefined ? value : before.then(() => value, () => value);
  running++;
  lastInOrder = inOrder;
  const done = (): void => { if (--running === 0) lastInOrder = undefined; };
  inOrder.then(done, done);
  return inOrder;
}
