/**
 * The value a task will return. It is a thenable (`await` never blocks the event loop) and also has a
 * blocking `wait()` for synchronous code. Passing a Future to another task creates a dependency without waiting.
 */
import type { DataEntry, TaskRecord } from './records';

export interface FutureHost {
  waitValue(future: Future<unknown>): unknown;
  waitValueAsync(future: Future<unknown>): Promise<unknown>;
}

export class Future<T> implements PromiseLike<T> {
  /** The value, once loaded on this thread. */
  value?: { current: T };
  /**
   * The caller's own objects the value holds (a task returning `{ items: STATE.items }` or `{ config: cfg }`): other
   * data's, which later tasks may write; each use of the value waits for those too (api/waits.ts).
   */
  held?: readonly object[];
  /**
   * The call this is the value of, when `entry` is another datum's: a task returning its argument
   * (returned-arguments.ts). The value is there at once, but a use of it comes after the call, as in plain code,
   * where a call that throws leaves nothing to use (`ok.push(validate(o))` pushes nothing: tester np32's orders).
   */
  madeBy?: TaskRecord;
  /**
   * The task's value may hold the caller's objects (its definition's holdsArguments): the program may have changed
   * them before the value came home, so a task given this Future needs the value as it is now (freshArgument).
   */
  holdsArguments?: boolean;

  constructor(private readonly host: FutureHost, readonly entry: DataEntry) {}

  /** Block this thread until the task has run; returns its value or throws its error. */
  wait(): T {
    return this.host.waitValue(this) as T;
  }

  then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    // Not cached: a later task may have written a newer version of this value.
    return (this.host.waitValueAsync(this) as Promise<T>).then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.then(undefined, onRejected);
  }

  get [Symbol.toStringTag](): string { return 'taskify.Future'; }
}

// Marks Futures for the codec, which must not import this module (store/ knows nothing of the API).
Object.defineProperty(Future.prototype, Symbol.for('taskify.future'), { value: true });
