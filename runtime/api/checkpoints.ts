/**
 * Checkpoints: points in the order of submissions (`mark`) where the failures of the tasks since are thrown as the
 * plain calls threw them (`checkpoint`, `checked`, a `for…of`'s steps, a try's catch and finally), and the chains
 * async code runs its own checks in. Apart from index.ts, the API's list, as the one concept of where failures surface.
 */
import { peek } from './lifecycle';
import { runInChain } from './async-chains';

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

/**
 * Where an async function resumes after its own task calls: undefined if they have all finished (their first
 * failure, if any, thrown now), else a promise that settles when they have (rejected with that failure). Inline every
 * call has finished at its call: a checkpoint.
 */
export function resumeCheck(mark: number): Promise<void> | undefined {
  const a = peek();
  if (a?.kind === 'pool') return a.runtime.resumeCheck(mark);
  if (a) a.runtime.checkpoint(mark);
  return undefined;
}
