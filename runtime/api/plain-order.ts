/**
 * Where the plain program is, as the run's output and failures need it (output/program-order.ts): the last call it
 * had made at this point (the last submission, or the call that code moved after later submissions has reached), and
 * what a failure met at a wait takes back, since the plain call threw before anything after it happened. Apart from
 * the Runtime, which submits and settles, because this is one rule about program order: its verbs are few and small.
 */
import type { Future } from './future';
import type { TaskRecord } from './records';
import type { TaskTable } from './task-table';
import type { ProgramOrder, TaskPositions } from '../output/program-order';
import { currentChain, follows, precedes, type Chain, type ChainPosition } from './async-chains';
import { turnWaitsFor } from './settle-order';

export interface PlainOrderHost {
  readonly tasks: TaskTable;
  /** The id of the last task submitted (0 before the first). */
  lastSubmitted(): number;
  /** Block (keeping the engine's messages flowing) until `done()` holds. */
  block(done: () => boolean): void;
  /** No code of the program runs now (waits.ts programIdle). */
  programIdle(): boolean;
  readonly order: ProgramOrder;
  /** Calls the plain program never made wrote data: their objects get back what they held before (main-data.ts). */
  takeBack(records: readonly TaskRecord[]): void;
  /** The program met the failures up to task `last`: what the engine held for a take-back may go (graph-holds.ts). */
  failuresMet(last: number): void;
  /** What the failed call wrote before it threw, into the program's objects; what its error holds may change (main-data.ts). */
  handOverFailure(record: TaskRecord): void;
}

export class PlainOrder {
  /** Where code the plugin moved after later submissions is in the plain program (reached()); the next submission ends it. */
  private reachedCall?: number;
  /**
   * The task each error a wait threw failed in: a `catch` whose try began after that call, in its own history, lets it
   * go on (catchAt).
   */
  private readonly raisedIn = new WeakMap<object, ChainPosition>();
  /**
   * Such an error on its way out past try blocks that began after its call: their `finally` blocks never ran. In the
   * chain it passes through: another async function resuming meanwhile runs its own finally blocks (stop 70's f13: a
   * job's finally was skipped after a sibling job's failure had passed its own).
   */
  private passing?: { readonly error: unknown; readonly id: number; readonly chain: Chain | undefined };

  /** What the program's output asks of the run. */
  readonly positions: TaskPositions = {
    firstHolding: () => this.host.tasks.firstHolding(),
    endAtFirstUnmetFailure: () => this.endAtFirstUnmetFailure(),
    neverMade: (taskId) => this.host.tasks.wasNeverMade(taskId),
    lastSubmitted: () => this.host.lastSubmitted(),
    position: () => this.reachedCall ?? this.host.lastSubmitted(),
    chain: currentChain,
    settleAll: () => this.settleAll(),
    programIdle: () => this.host.programIdle(),
    turnWaitsFor,
  };

  constructor(private readonly host: PlainOrderHost) {}

  /** Code moved after later submissions runs (reached, rewind), until the next submission. */
  private moved = false;

  /** A task was submitted: it is the plain program's last call now. */
  submitted(): void { this.reachedCall = undefined; this.moved = false; }

  /**
   * Where code moved after later submissions (a split loop's second pass) is: the last call it made in the plain order,
   * before calls already submitted ahead. A try block it begins counts from the next (runtime.ts mark): the calls
   * after that one, made ahead, are not the block's (split-loops.ts passStatement).
   */
  movedCodeAt(): number | undefined { return this.moved ? this.reachedCall : undefined; }

  /**
   * Code the plugin runs after later submissions (the second pass of a split loop or callback) has reached the call
   * whose result is `future`: main's output from here on sits after that call.
   */
  reached(future: Future<unknown>): void {
    const producer = future.entry.producer;
    if (producer && producer.id <= this.host.lastSubmitted()) { this.reachedCall = producer.id; this.moved = true; }
  }

  /** That code starts again before the call whose result is `future` (the first of its submissions). */
  rewind(future: Future<unknown>): void {
    const producer = future.entry.producer;
    if (producer && producer.id <= this.host.lastSubmitted()) { this.reachedCall = producer.id - 1; this.moved = true; }
  }

  /**
   * A task's failure reaches the program: a wait throws it. The plain program met it at the call, when every call
   * before it had finished and none after it had been made. So the calls before it are waited for (their output comes
   * first), and what came after the call is taken back: main's held output and the output of later tasks, whose
   * failures are nobody's, and their writes, which are taken back. A program that catches it goes on from that call. A failure
   * met before (thrown again by a later wait) or let go (an async task's, which reaches the program as a rejection)
   * changes nothing more. Returns the error to throw.
   */
  raise(failed: TaskRecord): Error {
    if (failed.observed) return failed.error!;
    const { tasks } = this.host;
    this.host.block(() => !tasks.pendingBefore(failed.id));
    // A call before it failed too, and nothing met that failure yet: the plain program died there, before it made this
    // call (`energy(s)` waited on fails because `blur(s)` did, or failed on its own after an unrelated earlier failure).
    // (Before it in its own history: another async function's failure is that function's, async-chains.ts.)
    const record = tasks.firstUnmetBefore(failed);
    if (record.observed) return record.error!;
    record.observed = true;
    const last = this.host.lastSubmitted();
    // (The later tasks are not cancelled: by hand, `const [a, b] = [spin(), spin()]` waits on each and catches each.)
    tasks.neverMadeAfter(record, last);
    // Nor did they write anything: `try { bump(a); bump(b) } catch {}` leaves b as it was when bump(a) threw.
    const neverMade = tasks.unsureBetween(record.id + 1, last).filter((r) => r.inPlainOrder && tasks.wasNeverMade(r.id));
    try {
      if (neverMade.length > 0) this.host.takeBack(neverMade);
    } finally {
      this.host.failuresMet(last);
    }
    this.host.order.discard(record.id, (write) => follows(record, write));
    // Its error may hold what it wrote (`throw new BadInput(xs)` after changing xs), which the plain call had changed
    // before it threw: home before the program's catch reads it through the error (tester np35's q22/q23).
    this.host.handOverFailure(record);
    this.reachedCall = record.id;
    if (typeof record.error === 'object' && record.error !== null) this.raisedIn.set(record.error, record);
    return record.error!;
  }

  /**
   * A macrotask's calls have finished. If one made outside every async function failed and nothing met it, the plain
   * program threw there, out of that macrotask: with an `uncaughtException` handler, the handler ran then, before the
   * program's next timer, and the program went on. So it is thrown now (from the end of the macrotask), met as a wait
   * would meet it. (Without a handler the failure ends the program, and the end says so: endAtFirstUnmetFailure.)
   */
  macrotaskEnded(): void {
    if (process.listenerCount('uncaughtException') === 0) return;
    const failed = this.host.tasks.firstUnmet();
    if (failed && failed.chain === undefined && failed.inPlainOrder) throw this.raise(failed);
  }

  /**
   * A `catch` of a try block that began at `mark` gets `error`. Whether it must let it go on: a task's failure a wait
   * threw, of a call made before the try, which the plain program threw there, before the try began (`const d =
   * load(-2); try { sum(d) } catch {}`: the wait on sum inside the try met load's failure; tester #28's P0).
   */
  catchAt(error: unknown, mark: number): boolean {
    const failed = typeof error === 'object' && error !== null ? this.raisedIn.get(error) : undefined;
    // (In the catching code's own history: a call another async function made, whose promise rejected into this try
    // (`const p = job(4); try { await p } catch`), had thrown in that function, and the rejection reaches this catch:
    // rv70's p5c.)
    const chain = currentChain();
    if (failed !== undefined && precedes(failed, { chain, id: mark })) {
      this.passing = { error, id: failed.id, chain };
      return true;
    }
    this.passing = undefined; // caught: whatever was on its way out stopped here
    return false;
  }

  /** Whether the `finally` of a try block that began at `mark` runs: not while such an error passes it. */
  finallyRuns(mark: number): boolean {
    return this.passing === undefined || this.passing.id >= mark || this.passing.chain !== currentChain();
  }

  /**
   * A try block or a function begins (`mark()`): code runs as usual again, so no such error is on its way out any more
   * (a catch the plugin left as written took it: `try { f(-2) } catch {}` where `f` is a function value). Code runs
   * again only in a catch or finally of a try that began before the failing call, as did every try still open then.
   */
  marked(): void { this.passing = undefined; }

  /**
   * The program ends (exit, an uncaught error, a signal): if a task failed and nothing met its failure, the plain
   * program ended at that call, and the calls after it never happened. Its id, or undefined.
   */
  private endAtFirstUnmetFailure(): number | undefined {
    const failed = this.host.tasks.firstUnmet();
    if (failed) this.host.tasks.neverMadeAfter(failed, this.host.lastSubmitted(), true);
    return failed?.id;
  }

  /**
   * Block until every submitted task has finished: the program ends (process.exit, an uncaught error of its own) at a
   * point the plain program reached only after every call before it returned, their output printed. Never throws.
   */
  settleAll(): void {
    try { this.host.block(() => this.host.tasks.pending.size === 0); } catch { /* the engine is gone: nothing more will come */ }
  }
}
