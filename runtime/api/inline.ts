/**
 * TASKIFY_WORKERS=0: every task runs at once on the calling thread, on the caller's own objects: the sequential
 * program exactly, through the same API. A debugging aid and a reference for the parallel runs. Failure policies
 * 'retry' and 'ignore' apply; timeouts and cancellation do not, since a call has finished when it returns.
 */
import { isProxy } from 'node:util/types';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Future, type FutureHost } from './future';
import { settleNestedFutures } from './nested-futures';
import type { TaskRecord } from './records';
import type { TaskHandle } from './task-handle';
import { deserializeError, serializeError } from '../errors';
import { Within } from './within';
import { turnClock } from './turn-clock';

const load = createRequire(__filename);

/** The task's function itself, loaded on this thread (the program has imported its module already); undefined if none. */
export function taskFunction(handle: TaskHandle): ((...args: unknown[]) => unknown) | undefined {
  const { module, name } = handle.def;
  const path = module.startsWith('file:') ? fileURLToPath(module) : module;
  // The module as loaded; else the program's entry module as it is: if its top level threw (an uncaughtException
  // handler kept the process alive), Node dropped it from the require cache, and requiring it again would run the
  // whole program again. (An entry Node loaded through its ES module loader has a `require.main` of its own.)
  const loaded = (require.cache[path] ?? (require.main?.filename === path ? require.main : undefined))?.exports as Record<string, unknown> | undefined;
  const fn = (loaded && name in loaded ? loaded : load(path) as Record<string, unknown>)[name];
  return typeof fn === 'function' ? fn as (...args: unknown[]) => unknown : undefined;
}

/**
 * Calls submitted ahead of the plain program's order (a split loop's first pass: deferred-uses.ts ahead/inOrder):
 * their failures are thrown where their results are used. Any other call throws its task's failure at once, as the
 * plain call does (the task has run by then).
 */
export const submittingAhead = { depth: 0 };

export class InlineRuntime implements FutureHost {
  private nextId = 1;
  private readonly failed: TaskRecord[] = [];
  /** Failures a task's 'ignore' policy let go: said at exit. */
  readonly ignored: Error[] = [];
  submitted = 0;
  /** Tasks already ran: only Futures need replacing. */
  readonly within = new Within({ submissions: () => this.submitted, waitObject: () => {}, markWritten: () => {} });

  submit<T>(handle: TaskHandle, args: readonly unknown[], where: () => string): Future<T> {
    const record: TaskRecord = { id: this.nextId++, where, state: 'ok', calledAt: turnClock.stamp() };
    // Submitted ahead of its turn (a split loop's first pass): made where the program reaches it, as the plain call
    // was, or never when it does not (np71's min-ahead-costly ran the guarded `fib(50)` the plain loop skipped, for ever).
    if (submittingAhead.depth > 0) record.madeAtTurn = () => { delete record.madeAtTurn; this.run(handle, args, record); };
    else this.run(handle, args, record);
    return new Future<T>(this, { id: 0, version: 1, producer: record, stored: false });
  }

  /** A call submitted ahead is made now, where the program reaches it (deferred-uses.ts reached, or a wait). */
  reached(future: Future<unknown>): void { future.entry.producer?.madeAtTurn?.(); }

  private run(handle: TaskHandle, args: readonly unknown[], record: TaskRecord): void {
    const { module, name } = handle.def;
    const where = record.where;
    this.submitted++;
    const { onFailure, retries = 1 } = handle.def;
    for (let attempt = 1; ; attempt++) {
      try {
        const fn = taskFunction(handle);
        if (!fn) throw new TypeError(`taskify: module ${module} has no exported function ${JSON.stringify(name)}`);
        record.inline = { value: fn(...args.map((arg) => this.resolve(arg))) };
      } catch (error) {
        if (onFailure === 'retry' && attempt <= retries) continue;
        // Inline the task had the caller's own objects: an error holding one of them (or a part) holds it still.
        const held: object[] = [];
        const ref = (value: unknown) => (typeof value === 'object' && value !== null && !(value instanceof Error) ? { ref: held.push(value) - 1 } : undefined);
        const failure = deserializeError(serializeError(error, [], ref), where(), [], (h) => ('ref' in h ? held[h.ref] : undefined));
        // Inline, the task ran on the caller's own objects: an ignored failure leaves what it changed before throwing.
        if (onFailure === 'ignore') { record.inline = { value: undefined }; this.ignored.push(failure); break; }
        record.state = 'failed';
        record.error = failure;
        this.failed.push(record);
        if (submittingAhead.depth === 0) { record.observed = true; throw failure; }
      }
      break;
    }
  }

  /** Futures (alone or gathered in an array) stand for their values, as they do for workers. (Not looked for in a Proxy, whose traps are the program's code.) */
  private resolve(arg: unknown): unknown {
    if (arg instanceof Future) return this.waitValue(arg);
    settleNestedFutures(arg, (future) => this.waitValue(future));
    if (Array.isArray(arg) && !isProxy(arg) && arg.some((item) => item instanceof Future)) return arg.map((item) => this.resolve(item));
    return arg;
  }

  mark(): number { return this.nextId; }

  unobservedFailures(): Error[] { return this.failed.filter((r) => !r.observed).map((r) => r.error!); }

  checkpoint(mark: number): void {
    const first = this.failed.find((r) => r.id >= mark && !r.observed);
    if (first) { first.observed = true; throw first.error; }
  }

  waitValue(future: Future<unknown>): unknown {
    const record = future.entry.producer!;
    record.madeAtTurn?.();
    if (record.state === 'failed') { record.observed = true; throw record.error; }
    return record.inline!.value;
  }

  async waitValueAsync(future: Future<unknown>): Promise<unknown> {
    const value = this.waitValue(future);
    return value instanceof Promise ? await value : value;
  }
}
