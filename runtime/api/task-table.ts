/**
 * The submitted tasks from the main thread's side: those still pending, and what became of each that settled, from
 * the engine's outcome (its value, its own error, or one naming the failure it follows from). Apart from the Runtime
 * because waits, checkpoints and the report at exit all ask it, and settling is one rule of its own.
 */
import type { HeldByError, TaskOutcome } from '../protocol';
import { Future } from './future';
import { dependencyFailed, deserializeError, nameOutput, runStopped, taskCancelled, taskTimedOut } from '../errors';
import type { TaskRecord } from './records';
import { follows, precedes, type Chain } from './async-chains';

/** Tasks of one chain (async-chains.ts), or of every chain. */
export type ChainScope = Chain | undefined | 'every';
const inScope = (record: TaskRecord, scope: ChainScope) => scope === 'every' || record.chain === scope;

export class TaskTable {
  /** `metElsewhere(id)`: the program learnt of a task's failure other than at a wait (a Promise, a dismissal). */
  constructor(private readonly metElsewhere: (taskId: number) => void = () => {}) {}

  /** Unfinished tasks, in id order. */
  readonly pending = new Map<number, TaskRecord>();
  /** Failed tasks whose failure the program has not met yet (no wait threw it, nothing let it go): output waits at them. */
  private readonly unmet = new Set<TaskRecord>();
  /**
   * Calls the plain program never made: submitted after a failure it met, before it met it, in that failure's history
   * (ids first..last but those in `made`: other async functions' calls, async-chains.ts).
   */
  private readonly neverMade: { readonly first: number; readonly last: number; readonly made?: ReadonlySet<number> }[] = [];
  /** Failures of their own (not cancellations): what a dependent's or a stopped task's error names. */
  private readonly failures = new Map<number, TaskRecord>();
  /** Every failed task, root or cancelled, in the order they settled: what checkpoint() and the exit report look at. */
  private readonly failed: TaskRecord[] = [];
  /** Failures let go by a task's 'ignore' policy: reported at exit. */
  private readonly ignored: Error[] = [];

  /**
   * Submitted tasks, settled or not, that the plain program may turn out never to have made: a task before them has
   * not finished, or failed without the program having met it. In id order; a take-back looks here (plain-order.ts).
   */
  private readonly unsure: TaskRecord[] = [];

  add(record: TaskRecord): void {
    this.pending.set(record.id, record);
    const holding = this.firstHolding() ?? Infinity;
    let sure = 0;
    while (sure < this.unsure.length && this.unsure[sure]!.id <= holding) sure++;
    if (sure > 0) this.unsure.splice(0, sure);
    this.unsure.push(record);
  }

  /** The tasks among `[first, last]` that may be taken back. */
  unsureBetween(first: number, last: number): TaskRecord[] {
    return this.unsure.filter((record) => record.id >= first && record.id <= last);
  }

  /** The engine's word on a task: it is no longer pending, and its record says how it ended. Undefined if unknown. */
  settle(outcome: TaskOutcome): TaskRecord | undefined {
    const record = this.pending.get(outcome.taskId);
    if (!record) return undefined;
    this.pending.delete(outcome.taskId);
    collapseInputs(record);
    record.wentAsync = outcome.wentAsync;
    record.asyncMs = outcome.asyncMs;
    if (outcome.ok) {
      record.state = 'ok';
      if (outcome.inline) record.inline = { value: outcome.value };
      if (outcome.ignored) this.ignored.push(deserializeError(outcome.ignored, record.where()));
    } else {
      record.state = 'failed';
      const stoppedBy = outcome.stopped?.kind === 'run-stopped' ? outcome.stopped.by : undefined;
      const first = outcome.failedDependency ? this.failures.get(outcome.failedDependency.taskId)
        : stoppedBy !== undefined ? this.failures.get(stoppedBy) : undefined;
      record.error = failureOf(record, outcome, first);
      if (!outcome.failedDependency && stoppedBy === undefined) this.failures.set(record.id, record);
      else if (first) record.rootFailure = first;
      this.failed.push(record);
      if (this.wasNeverMade(record.id)) record.observed = true; // its failure is nobody's
      else if (record.observed) this.metElsewhere(record.id); // let go before it failed
      else this.unmet.add(record);
    }
    return record;
  }

  /**
   * Where the program's output must wait: the first task not finished, or failed with a failure the program has not
   * met (it may still end the program there, and then nothing printed after that call may appear).
   */
  firstHolding(): number | undefined {
    let first: number | undefined = this.pending.keys().next().value; // added in id order: the first is the lowest
    for (const record of this.unmet) {
      if (record.observed) this.unmet.delete(record);
      else if (first === undefined || record.id < first) first = record.id;
    }
    return first;
  }

  /**
   * The program learns of the task's failure some other way (its Promise), or never should (a call it never made):
   * no wait or exit report throws it.
   */
  letGo(record: TaskRecord): void {
    if (record.observed) return;
    record.observed = true;
    if (record.state === 'failed') this.metElsewhere(record.id);
  }

  /** Whether a task submitted before `id` is unfinished. */
  pendingBefore(id: number): boolean {
    const first: number | undefined = this.pending.keys().next().value;
    return first !== undefined && first < id;
  }

  /** The failure the plain program meets first among those not met yet: the lowest. */
  firstUnmet(): TaskRecord | undefined {
    let first: TaskRecord | undefined;
    for (const record of this.unmet) if (!record.observed && (!first || record.id < first.id)) first = record;
    return first;
  }

  /** The first failure not met yet among the calls before `failed` in its own history, or `failed` itself. */
  firstUnmetBefore(failed: TaskRecord): TaskRecord {
    let first = failed;
    for (const record of this.unmet) if (!record.observed && record.id < first.id && precedes(record, failed)) first = record;
    return first;
  }

  /**
   * The program met the failure of task `met`: the calls submitted after it in its history, up to `last`, never
   * happened in the plain program (all of them where `met` ends the program: `everywhere`). Their failures, now or
   * when they settle, are nobody's.
   */
  neverMadeAfter(met: TaskRecord, last: number, everywhere = false): void {
    if (last <= met.id) return;
    // (Every call after `met` is still here: `met` has held the unsure list since it was submitted.)
    const made = new Set(everywhere ? [] : this.unsureBetween(met.id + 1, last).filter((r) => !follows(met, r)).map((r) => r.id));
    this.neverMade.push({ first: met.id + 1, last, ...(made.size > 0 ? { made } : {}) });
    for (const record of this.failed) if (record.id > met.id && !made.has(record.id)) record.observed = true;
  }

  /** Whether the task is a call the plain program never made (submitted after a failure it met, before it met it). */
  wasNeverMade(id: number): boolean {
    return this.neverMade.some(({ first, last, made }) => id >= first && id <= last && !made?.has(id));
  }

  /** The first unfinished task submitted since `mark` in the chain, passing over those `passed` says may go on. */
  firstPendingSince(mark: number, scope: ChainScope, passed?: (record: TaskRecord) => boolean): TaskRecord | undefined {
    for (const record of this.pending.values()) if (record.id >= mark && inScope(record, scope) && !passed?.(record)) return record;
    return undefined;
  }

  /** The first failure since `mark` in the chain that the program has not met: what a checkpoint raises. */
  firstFailureSince(mark: number, scope: ChainScope): TaskRecord | undefined {
    // The first in submission order, as the sequential program met it: `failed` is in the order the engine settled
    // them, and a task cancelled because an earlier one failed may be settled before that one.
    let first: TaskRecord | undefined;
    for (const r of this.failed) if (r.id >= mark && !r.observed && inScope(r, scope) && (!first || r.id < first.id)) first = r;
    return first;
  }

  /** Failures a task's 'ignore' policy let go: said at exit. */
  ignoredFailures(): readonly Error[] { return this.ignored; }

  /** Failures no wait ever reported: said at exit, so that nothing is lost silently. */
  unobservedFailures(): Error[] {
    // Once each: when the engine stops, every pending task fails with its one error. In call order: the first is where
    // the plain program ended.
    const seen = new Set(this.failed.filter((r) => r.observed).map((r) => r.error));
    const lost = this.failed.filter((r) => !r.observed && this.failures.has(r.id) && !seen.has(r.error)).sort((a, b) => a.id - b.id);
    return [...new Set(lost.map((r) => r.error!))];
  }
}

/**
 * A finished task keeps the data of the calls it read from (where origins in its versions may point), not those
 * calls themselves: a long chain of tasks on one datum does not keep every earlier task alive.
 */
function collapseInputs(record: TaskRecord): void {
  if (!record.inputs?.length) return;
  const data = new Map(record.data);
  const seen = new Map(record.seen);
  for (const input of record.inputs) {
    if (input.state === 'pending') continue; // it collapses when it settles; keep the link
    collapseInputs(input);
    for (const [id, entry] of input.data ?? []) if (!data.has(id)) { data.set(id, entry); seen.set(id, input.seen?.get(id) ?? entry.version); }
  }
  record.data = data;
  record.seen = seen;
  record.inputs = record.inputs.filter((input) => input.state === 'pending');
}

/** The error a failed task's waiters get: its own, or one that names the failure it follows from. */
function failureOf(record: TaskRecord, outcome: Extract<TaskOutcome, { ok: false }>, first: TaskRecord | undefined): Error {
  const where = record.where();
  if (outcome.failedDependency && first?.error) return dependencyFailed(where, outcome.failedDependency.key, first.where(), first.error);
  switch (outcome.stopped?.kind) {
    case 'timed-out': return taskTimedOut(where, outcome.stopped.seconds);
    case 'cancelled': return taskCancelled(where);
    case 'run-stopped': return runStopped(where, first?.where() ?? `task #${outcome.stopped.by}`, first?.error);
  }
  // An argument the error holds is the caller's object (a Future argument stands for its value, loaded by then).
  const argOf = (held: HeldByError) => {
    const arg = 'ref' in held ? record.args?.[held.ref] : record.data?.get(held.data)?.base?.[held.index]; // or a part of one
    const object = arg instanceof Future ? arg.value?.current : arg;
    if (typeof object === 'object' && object !== null) (record.heldByError ??= []).push(object);
    return object;
  };
  return nameOutput(deserializeError(outcome.error, where, [], argOf), where, record.params);
}
