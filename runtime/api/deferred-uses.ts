/**
 * Uses of task values the plugin moved after later submissions, so that tasks whose values one piece of code needs
 * run side by side: an array method's callback split in two (eachThen), a statement's expression evaluated once all
 * its task calls were submitted (withValues), a loop split in two (take, dismissUntaken). Only for silent tasks that read
 * their arguments, so the order cannot be seen; submissions the plain program would never have made (an earlier call
 * failed) are dismissed. And the calls of async tasks, which plain code uses as Promises (promised).
 */
import { current, peek } from './lifecycle';
import { Future } from './future';
import { programClock } from './program-clock';
import { submittingAhead } from './inline';
import { closeAheadPass, madeAtTurn, openAheadPass } from './made-ahead';
import { PlainTurns, type Turn } from './settle-order';
import { turnClock } from './turn-clock';
import { waitOn } from './program-waits';

/** An inline call's failure, handed to the callback's use half to be thrown where the plain callback called the task. */
class FailedAtOnce { constructor(readonly error: unknown) {} }

/**
 * `xs.map((x) => stats(x).max)` split by the plugin (transformer/rewrite/split-callbacks.ts): the task is submitted for
 * every element first, then the array method runs with each element's result (a Future) handed to `use` before the
 * callback's own arguments. Only for quiet tasks that read their arguments, so the order cannot be seen.
 */
export function eachThen(array: unknown[], method: 'map' | 'filter' | 'reduce' | 'flatMap' | 'forEach', submit: (x: unknown, i: number, a: unknown[]) => unknown,
  use: (result: unknown, ...args: unknown[]) => unknown, ...rest: unknown[]): unknown {
  const apply = (resultOf: (x: unknown, i: number, a: unknown[]) => unknown): unknown => (method === 'reduce'
    ? array.reduce((acc, x, i, a) => use(resultOf(x, i, a), acc, x, i, a), rest[0])
    : (array[method] as (cb: (x: unknown, i: number, a: unknown[]) => unknown, ...more: unknown[]) => unknown)
      .call(array, (x: unknown, i: number, a: unknown[]) => use(resultOf(x, i, a), x, i, a), ...rest));
  // Inline (TASKIFY_WORKERS=0) a submission runs the task at once: one element at a time, as the plain callback. A
  // failure is thrown where the callback made the call (inside `use`: an async callback's rejection, as in plain code).
  const atTurn = (x: unknown, i: number, a: unknown[]): unknown => { try { return submit(x, i, a); } catch (error) { return new FailedAtOnce(error); } };
  if (array.length === 0 || current().kind !== 'pool') return apply(atTurn);
  openAheadPass();
  const results: unknown[] = new Array(array.length);
  // (A read of the first pass may throw, `work(o.meta.x)` of an element without meta, where the plain callback threw
  // after the elements before it ran, and printed: the pass stops there, and that element's calls and the later ones'
  // are made at their turn, throwing inside the use half as the plain callback did.)
  let reached = array.length;
  let at = 0;
  try {
    array.forEach((x, i, a) => { at = i; results[i] = submit(x, i, a); });
  } catch {
    reached = at;
  } finally {
    closeAheadPass();
  }
  rewindTo(results.flatMap(callsOf));
  try {
    return apply((x, i, a) => (i < reached ? results[i] : atTurn(x, i, a)));
  } catch (error) {
    // The plain program stopped at this element: later elements' calls never happened, so their failures are nobody's.
    for (const result of results.flatMap(callsOf)) if (result instanceof Future) dismiss(result);
    throw error;
  }
}

/** One element's submissions: a callback with several task calls submits them together (`several`). */
const callsOf = (result: unknown): unknown[] => (severals.has(result as unknown[]) ? result as unknown[] : [result]);
const severals = new WeakSet<unknown[]>();

/**
 * A split callback's submissions for one element, made in the callback's order: a submission that throws (inline, a
 * failing task) stands for itself and every later one, so the use half throws at that call, as the plain callback did,
 * and the calls after it are never made. The use half reads result k as `r[k]`.
 */
export function several(...submissions: (() => unknown)[]): unknown[] {
  const results: unknown[] = [];
  for (const submit of submissions) {
    try {
      results.push(submit());
    } catch (error) {
      const failed = new FailedAtOnce(error);
      while (results.length < submissions.length) results.push(failed);
      break;
    }
  }
  severals.add(results);
  return results;
}

/**
 * Code moved after later submissions (the use half of a split callback or loop) has reached the call whose result is
 * `value`: main's output from here on sits after that call in the plain program's order (output/program-order.ts).
 */
export function reached<T>(result: T): T {
  if (result instanceof FailedAtOnce) throw result.error;
  // (A call the pass postponed or made in halves, made-ahead.ts: made or finished here, its turn.)
  const value = madeAtTurn(result) as T;
  const a = peek();
  // (Inline, a call submitted ahead is made here: inline.ts.)
  if (value instanceof Future && a) a.runtime.reached(value);
  return value;
}

/**
 * A split loop's first pass starts: its calls are submitted ahead of the plain program's order, so inline
 * (TASKIFY_WORKERS=0) a failing call must not throw at once: its pass's use throws it (runtime/api/inline.ts).
 */
export function ahead(): void { submittingAhead.depth++; openAheadPass(); }

/** The second pass, which uses those calls' results, starts (their results: `results`). */
export function inOrder(results: readonly unknown[]): void {
  submittingAhead.depth = Math.max(0, submittingAhead.depth - 1);
  closeAheadPass();
  rewindTo(results);
}

/** Code that uses the results of calls submitted ahead starts: it sits before the first of them in the plain order. */
function rewindTo(results: readonly unknown[]): void {
  const a = peek();
  const first = results.find((result) => result instanceof Future);
  if (first && a?.kind === 'pool') a.runtime.rewind(first as Future<unknown>);
}

/** The program learns of the task's failure some other way (or never should): no wait or exit report throws it. */
function letGo(future: Future<unknown>): void {
  const a = peek();
  if (a?.kind === 'pool') a.runtime.letGo(future);
  else { const producer = future.entry.producer; if (producer) producer.observed = true; }
}

/**
 * A submission the plain program never made (see eachThen): stopped if still running, its failure never reported.
 * (The tasks sharing its thread run again: engine/local-pool.ts stopThreadOf.)
 */
function dismiss(future: Future<unknown>): void {
  letGo(future);
  const a = peek();
  if (a?.kind === 'pool') a.runtime.cancel(future);
}

/**
 * `console.log(total(a), total(b))` batched by the plugin (transformer/rewrite/batched-values.ts): every task call of
 * the expression was submitted first; their values are waited for in the plain program's order and handed to `use`,
 * the expression with the values in place of the calls. The first failure is thrown, as the plain call threw it.
 */
export function withValues(results: readonly unknown[], use: (...values: unknown[]) => unknown): unknown {
  const values: unknown[] = [];
  try {
    // (A maker's call gives the object it made with its task's write pending, no Future: its contents are waited for
    // too, as a Future's value is: rv69's r6, `[...primes(30), ...primes(20)]` of `const out: number[] = []` makers.)
    for (const result of results) values.push(result instanceof Future ? result.wait() : waitOn(result));
  } catch (error) {
    dismissFrom(results, values.length + 1);
    throw error;
  }
  return use(...values);
}

/**
 * A split loop's second pass makes the call whose result is `results[i]`: it is the program's from now on, as are the
 * calls made in its arguments (`nested`: `prepare(n)` of `norm(prepare(n))`), which the body no longer shows.
 */
export function take(results: unknown[], i: number, ...nested: number[]): unknown {
  const result = results[i];
  results[i] = undefined;
  for (const k of nested) results[k] = undefined;
  return result;
}

/**
 * A loop split by the plugin (transformer/rewrite/split-loops.ts) ended, normally, by `break` or by a failure: the
 * submissions its second pass never took (a `continue` or `break` before the call, the passes after a failure) are
 * the plain program's calls never made. Also each pass's, as the next begins (`from`, `to`): a call a `continue` left
 * untaken is never made, and its failure must not be met by the next pass's wait or try as an earlier failure
 * (rv72's r-continue: the next pass's catch got the skipped call's error).
 */
export function dismissUntaken(results: readonly unknown[], from = 0, to = results.length): void {
  for (let i = from; i < to; i++) if (results[i] instanceof Future) dismiss(results[i] as Future<unknown>);
}

/** `for (const k in o)` split in two (split-loops.ts): the keys the plain loop enumerates, listed once for both passes. */
export function keysIn(object: object): string[] {
  const keys: string[] = [];
  for (const key in object) keys.push(key);
  return keys;
}

/** The statement's calls after a failing one (withValues) were never made by the plain program. */
function dismissFrom(results: readonly unknown[], next: number): void {
  for (const later of results.slice(next)) if (later instanceof Future) dismiss(later);
}

/**
 * An async task's call, as plain code has it: a Promise of the task's value (rejected with its failure, which reaches
 * the program that way only: an unhandled one ends it as in plain code). The tasks run side by side, but their
 * Promises settle in the order of the calls: an async function that does not wait on anything has settled when its
 * call returns, so `Promise.all` rejects with the first failure in the array and `Promise.race` gives the first
 * call's value, as in plain code. One that awaited a timer or I/O settles at its own time (settle-order.ts).
 */
interface CallPromise extends Turn {
  readonly settle: () => void;
}
const callPromises = new PlainTurns<CallPromise>((call) => call.settle());

export function promised<T>(future: Future<T>): Promise<T> {
  letGo(future);
  // Inline (TASKIFY_WORKERS=0) the task ran at its call, and its value is the plain call's own Promise.
  if (peek()?.kind !== 'pool') return Promise.resolve(future);
  const value = Promise.resolve(future);
  value.catch(() => {}); // handled through `settle` below, possibly after later ticks
  const record = future.entry.producer;
  if (record) programClock.runsBeside(record.id); // the plain program went on beside it: no timer waits for it
  // Settled by `settle` alone: a handler on it would make its rejection handled, and a failure nobody handles must
  // end the program as an unhandled rejection does.
  let settle!: () => void;
  const ordered = new Promise<T>((resolve, reject) => { settle = () => value.then(resolve, reject); });
  const call: CallPromise = { record, at: turnClock.stamp(), state: 'pending', settle };
  callPromises.push(call);
  value.then(() => { call.state = 'ok'; callPromises.ready(); }, () => { call.state = 'failed'; callPromises.ready(); });
  return ordered;
}
