/**
 * The main thread's side of a run: it turns calls into submissions, keeps the registry of data (main-data.ts),
 * tells the engine thread what was submitted and settles each task from the engine's answer. Its parts are apart:
 * the link to the engine thread (engine-link.ts), the tasks pending and what became of them (task-table.ts), the
 * blocking and async waits (waits.ts), reading versions kept on other machines (remote-reads.ts), a call's snapshot
 * files (snapshot-writes.ts), the Future of a task returning an argument (returned-arguments.ts) and the submit event
 * observers hear (submit-events.ts).
 */
import { inspectLook } from '../output/inspect-look';
import { FileOrder } from './file-order';
import { performance } from 'node:perf_hooks';
import type { EngineToMain, TaskOutcome } from '../protocol';
import { serializeError, shutDown } from '../errors';
import { formatStall } from './stall';
import type { RuntimeConfig } from '../config';
import { Stats } from '../stats';
import { defaultStoreRoot } from '../store/run-dir';
import { OwnedRun } from '../store/owned-run';
import type { TaskRecord } from './records';
import { Future } from './future';
import { MainData } from './main-data';
import { prepareArguments } from './arguments';
import type { TaskHandle } from './task-handle';
import { Within } from './within';
import { Observers } from '../observe/hooks';
import { programOutput } from '../output/program-output';
import { describeSite } from './call-site';
import { EngineLink, fatalError, remoteSettings } from './engine-link';
import { TaskTable } from './task-table';
import { PlainOrder } from './plain-order';
import { Waits } from './waits';
import { RemoteReads } from './remote-reads';
import { groupIndent } from '../output/group-indent';
import { programClock } from './program-clock';
import { attachHandedOn, attachRunningSince } from './settle-order';
import { turnClock } from './turn-clock';
import { writeSnapshots } from './snapshot-writes';
import { returnedArgument } from './returned-arguments';
import { observeSubmit } from './submit-events';
import { currentChain, runInChain } from './async-chains';

export class Runtime {
  readonly stats = new Stats();
  /** Waits for whole containers (see within.ts). */
  readonly within = new Within({
    submissions: () => this.nextTaskId,
    waitObject: (object) => this.waits.waitObject(object),
    markWritten: (object) => this.data.markWritten(object),
  });
  /** Hooks watching this run (runtime/observe); the engine is told when the first arrives and the last leaves. */
  readonly observers: Observers;
  /** The run directory and segments, their leases and watcher (store/owned-run.ts); lifecycle.ts closes it. */
  readonly owned: OwnedRun;
  readonly runDir: string;
  /** Names of this run's shared-memory segments start with it. */
  readonly segmentPrefix: string;
  /** What the program's objects are as data, and bringing tasks' versions home into them. */
  readonly data: MainData;
  private readonly link: EngineLink;
  private readonly tasks = new TaskTable((taskId) => { this.link.enqueue({ type: 'met', task: taskId }); this.link.flush(); });
  private readonly waits: Waits;
  private readonly fileOrder = new FileOrder((records) => this.waits.block(() => records.every((record) => record.state !== 'pending')));
  private readonly reads: RemoteReads;
  private readonly defined = new Set<number>();
  private nextTaskId = 1;
  private engineError?: Error;
  private closing?: Promise<void>;
  /** The program's stdout/stderr, ordered (output/): taken over at the first run, shared by later ones. */
  private readonly output = programOutput();
  /** Where this run's tasks sit in program order, for printing their output there (output/program-order.ts). */
  /** Where the plain program is, for the output's order and for failures met at waits (plain-order.ts). */
  private readonly plain = new PlainOrder({
    tasks: this.tasks,
    lastSubmitted: () => this.nextTaskId - 1,
    block: (done) => this.waits.block(done),
    programIdle: () => this.waits.programIdle(),
    order: this.output.order,
    takeBack: (records) => this.data.takeBack(records),
    failuresMet: (last) => { this.link.enqueue({ type: 'met', upTo: last }); this.link.flush(); },
    handOverFailure: (record) => this.data.handOverFailure(record),
  });

  constructor(readonly config: RuntimeConfig, configureObservers: (observers: Observers) => void = () => {}) {
    // First: settings that cannot work (no cluster secret with a Redis others can reach, an unusable store) fail the
    // start before anything else (run directory, observers, the engine) exists.
    const remote = config.redis ? remoteSettings(config.redis, config.redisTtlSeconds) : undefined;
    this.owned = new OwnedRun(config.storeRoot ?? defaultStoreRoot(), config.storeRoot !== undefined);
    this.runDir = this.owned.dir;
    let started = false;
    this.observers = new Observers((enabled) => { if (started) this.link.enqueue({ type: 'observe', enabled }); });
    configureObservers(this.observers);
    started = true;
    this.segmentPrefix = this.owned.segmentPrefix;
    this.data = new MainData({
      runDir: this.runDir, stats: this.stats, local: !config.redis, block: (done) => this.waits.block(done), raise: (record) => this.plain.raise(record),
      forgetData: (id) => this.forgetData(id), fetch: (key) => this.reads.fetch(key),
    });
    this.output.order.attach(this.plain.positions);
    const onDeath = (error: Error) => { this.engineError ??= error; this.failAllPending(); };
    this.link = new EngineLink({
      runDir: this.runDir, workers: Math.max(1, config.workers), tasksPerWorker: config.tasksPerWorker,
      workerCacheBytes: config.workerCacheBytes, statsBuffer: this.stats.buffer,
      shm: { enabled: config.sharedMemory, prefix: this.segmentPrefix, limitBytes: config.sharedMemoryLimitBytes },
      observe: this.observers.active,
      defaultTimeoutMs: config.taskTimeoutSeconds !== undefined ? config.taskTimeoutSeconds * 1000 : undefined,
      remote,
    }, {
      onMessage: (message) => this.onEngineMessage(message),
      onDeath,
      shortOfWork: () => this.tasks.pending.size <= config.workers * config.tasksPerWorker,
    });
    const engineError = () => this.engineError;
    this.reads = new RemoteReads({
      remote: Boolean(config.redis), runDir: this.runDir, link: this.link, block: (done) => this.waits.block(done), engineError,
      updateRef: () => this.updateRef(),
    });
    this.waits = new Waits({
      data: this.data, observers: this.observers, stats: this.stats, tasks: this.tasks, link: this.link, reads: this.reads, engineError, onDeath,
      raise: (record) => this.plain.raise(record), macrotaskEnded: () => this.plain.macrotaskEnded(),
    }, config.stallReportSeconds);
    programClock.attach(() => this.nextTaskId - 1, () => this.tasks.pending.keys());
    // (A remote machine's calls say nothing while they run: each counts as running since its call.)
    attachRunningSince(config.redis ? undefined : (taskId) => this.link.signal.runningSince(taskId));
    attachHandedOn((taskId) => this.output.order.handedOn(taskId));
  }

  // ── submission ───────────────────────────────────────────────────────────────

  submit<T>(handle: TaskHandle, args: readonly unknown[], site?: string, labels?: string): Future<T> {
    // The plain call spent the task's run time instead (settle: programClock.taskRan).
    programClock.enter();
    try {
      const future = this.submitNow<T>(handle, args, site, labels);
      programClock.taskSubmitted();
      return future;
    } finally {
      programClock.leave();
    }
  }

  private submitNow<T>(handle: TaskHandle, args: readonly unknown[], site?: string, labels?: string): Future<T> {
    if (this.link.closed || this.closing) throw shutDown();
    if (this.engineError) throw this.engineError;
    const { def } = handle;
    const where = describeSite(def.name, site);
    // A task touching files follows the earlier ones it must (file-order.ts), as the plain calls did.
    if (handle.files) this.fileOrder.before(handle.files);
    const started = performance.now();
    const prepared = prepareArguments(this.data, handle, args, where);
    const inputs = [...new Set([...prepared.data.values()].map((entry) => entry.producer).filter((p): p is TaskRecord => p !== undefined))];
    const seen = new Map([...prepared.data.values()].map((entry) => [entry.id, entry.version] as const));
    // Nothing is written until every argument was accepted: a rejected call leaves no file behind.
    const snapshots = writeSnapshots(this.runDir, this.stats, prepared.snapshots, where);
    this.stats.add('snapshotsKept', prepared.kept.length);
    const record: TaskRecord = {
      id: this.nextTaskId++, where, params: handle.paramNames, state: 'pending', args: prepared.objects, data: prepared.data, inputs, seen,
      inPlainOrder: site !== undefined, chain: currentChain(), calledAt: turnClock.stamp(),
    };
    // A call of the runtime's own API (no call site): a program written for parallelism, whose timers wait for nothing.
    if (site === undefined) programClock.runsBeside(record.id);
    else this.waits.callMade(); // its macrotask ends when it has finished, as the plain call had (macrotask-hold.ts)
    for (const { entry, object } of prepared.writes) this.data.registry.producedByTask(entry, object, record);
    if (handle.files) this.fileOrder.submitted(record, handle.files);
    this.stats.add('mainEncodeMs', performance.now() - started);

    const result = this.data.registry.newEntry();
    result.producer = record;
    result.stored = true;
    const returned = returnedArgument<T>(this.waits, def.returns, args, prepared.entries, record);
    const future = returned ?? new Future<T>(this.waits, result);
    if (!returned) this.data.registry.watch(future, result);
    if (def.holdsArguments) future.holdsArguments = true;

    if (!this.defined.has(def.id)) { this.defined.add(def.id); this.link.enqueue({ type: 'define', def }); }
    this.tasks.add(record);
    this.stats.raise('mostPending', this.tasks.pending.size);
    this.plain.submitted();
    this.output.order.submittedIn(record.id, groupIndent());
    this.updateRef();
    this.stats.add('submitted');
    if (this.observers.active) observeSubmit(this.observers, record.id, handle, prepared.wire, result.id, labels);
    const inspect = inspectLook();
    this.link.enqueue({ type: 'submit', taskId: record.id, def: def.id, args: prepared.wire, result: result.id, snapshots, ...(inspect ? { inspect } : {}) });
    if (returned) this.forgetData(result.id); // nobody will read the stored copy of the returned argument
    return future;
  }

  /** Before a call runs in place (direct-calls.ts): the failure of an earlier call since `mark` that had stopped the plain program. */
  failureBefore(mark: number): void { this.waits.failureBefore(mark, this.plain.positions.position()); }

  /** A Future of a value the main thread made (a call run directly: direct-calls.ts). */
  settledFuture<T>(value: T): Future<T> {
    const future = new Future<T>(this.waits, this.data.registry.newEntry());
    future.value = { current: value };
    return future;
  }

  // ── where the plain program is (plain-order.ts) ──────────────────────────────

  reached(future: Future<unknown>): void { this.plain.reached(future); }
  rewind(future: Future<unknown>): void { this.plain.rewind(future); }
  settleAll(): void { this.plain.settleAll(); }

  /** The program learns of the task's failure some other way, or never should (deferred-uses.ts). */
  letGo(future: Future<unknown>): void {
    const producer = future.entry.producer;
    if (producer) this.tasks.letGo(producer);
  }

  /** Stop the future's task if it has not finished (see cancel() in index.ts). */
  cancel(future: Future<unknown>): void {
    const producer = future.entry.producer;
    if (producer?.state !== 'pending' || !this.tasks.pending.has(producer.id)) return;
    this.link.enqueue({ type: 'cancel', taskId: producer.id });
    this.link.flush();
  }

  /** The data will not be used again by the program. */
  forgetData(dataId: number): void { this.link.enqueue({ type: 'delete', data: dataId }); }

  // ── what the engine says ─────────────────────────────────────────────────────

  private onEngineMessage(message: EngineToMain): void {
    switch (message.type) {
      case 'done':
        // Events first: an observer hears a task end before the program's wait on it returns.
        if (message.events) for (const event of message.events) this.observers.emit(event);
        for (const outcome of message.outcomes) this.settle(outcome);
        break;
      case 'fatal': this.engineError ??= fatalError(message.error); this.failAllPending(); break;
      case 'fetched': this.reads.received(message); break;
      case 'status':
        this.output.say(formatStall(message.report, this.config.stallReportSeconds, (taskId, name) => this.tasks.pending.get(taskId)?.where() ?? `task ${name} #${taskId}`));
        break;
      case 'closed': break;
    }
  }

  private settle(outcome: TaskOutcome): void {
    const record = this.tasks.settle(outcome);
    if (!record) return;
    if (outcome.ranMs !== undefined) programClock.taskRan(outcome.taskId, outcome.ranMs, outcome.wentAsync);
    programClock.taskSettled(outcome.taskId);
    this.output.order.finished(outcome.taskId, outcome.output); // before any waiter goes on and prints
    // A call the plain program never made changed nothing (its detached objects stay as they were).
    if (outcome.detached !== undefined && !this.tasks.wasNeverMade(record.id)) this.data.applyDetached(outcome.detached, record);
    this.waits.stall.progress();
    this.updateRef();
    for (const wake of record.waiters?.splice(0) ?? []) wake();
  }

  private failAllPending(): void {
    for (const record of this.tasks.pending.values()) {
      this.settle({ taskId: record.id, ok: false, error: serializeError(this.engineError) });
      record.error = this.engineError; // the one error itself, so that it is reported once
    }
  }

  /** Keep the process alive exactly while tasks (or fetches) are unfinished, so programs exit when their work is done. */
  private updateRef(): void { this.link.keepAlive(this.tasks.pending.size > 0 || this.reads.waiting); }

  // ── waits (waits.ts) ─────────────────────────────────────────────────────────

  /** The object's latest contents, in place: for a typed array, every range of its buffer it overlaps. */
  waitObject<T extends object>(object: T): T { return this.waits.waitObject(object); }
  waitObjectAsync<T extends object>(object: T): Promise<T> { return this.waits.waitObjectAsync(object); }
  barrier(): void { this.waits.barrier(); }
  allRan(): void { this.waits.allRan(); }
  barrierAsync(): Promise<void> { return this.waits.barrierAsync(); }

  /** A point in the submission order, for checkpoint(): in code moved after later submissions, its place among them. */
  mark(): number {
    this.plain.marked();
    const at = this.plain.movedCodeAt();
    return at === undefined ? this.nextTaskId : at + 1;
  }
  /** Runs `body` in a chain of its own: an async function's run (async-chains.ts). */
  inChain<T>(body: () => T): T { return runInChain(this.nextTaskId, body); }
  /** A catch of a try that began at `mark` lets the error go on (plain-order.ts catchAt). */
  catchAt(error: unknown, mark: number): boolean { return this.plain.catchAt(error, mark); }
  finallyRuns(mark: number): boolean { return this.plain.finallyRuns(mark); }
  /** Wait for every task submitted since `mark` and throw the first failure among them. */
  checkpoint(mark: number): void {
    // (In moved code, the calls since `mark` up to where it is: those after it were submitted ahead of their place.)
    const at = this.plain.movedCodeAt();
    if (at === undefined) this.waits.checkpoint(mark); else this.waits.failureBefore(mark, at);
  }
  fence(mark: number, records: readonly TaskRecord[], objects: readonly object[]): void { this.waits.fence(mark, records, objects); }
  checkpointAsync(mark: number): Promise<void> { return this.waits.checkpointAsync(mark); }

  /** An async function resumes after its own task calls: see Waits.resumeCheck. */
  resumeCheck(mark: number): Promise<void> | undefined { return this.waits.resumeCheck(mark); }

  /** Failures a task's 'ignore' policy let go: said at exit. */
  ignoredFailures(): readonly Error[] { return this.tasks.ignoredFailures(); }

  /** Failures no wait ever reported: said at exit, so that nothing is lost silently. */
  unobservedFailures(): Error[] { return this.tasks.unobservedFailures(); }

  /**
   * The program ran out of work with a failure nothing met: the plain program died at that call. Met now, as a wait
   * would meet it (the calls after it taken back, their output dropped): the error for the end to throw while this
   * run still serves the program's `uncaughtException` and `exit` handlers, which read what the calls before it left.
   */
  meetLostFailure(): Error | undefined {
    const first = this.tasks.firstUnmet();
    return first ? this.plain.raise(first) : undefined;
  }

  // ── the end ──────────────────────────────────────────────────────────────────

  /**
   * Finish pending work, stop the pool and the engine. The run directory goes at process exit. `bringHome`: what tasks
   * wrote reaches the program's objects first (code that runs after the run, an `exit` listener, reads them).
   */
  shutdown(bringHome = false): Promise<void> {
    this.closing ??= (async () => {
      await this.waits.settledSince(0);
      if (bringHome) this.data.loadAllStale();
      await this.link.close();
      this.waits.stop();
    })();
    return this.closing;
  }

  /** The run's output is all printed (what is held, in order); later writes go straight out. */
  releaseOutput(): void { this.output.order.detach(this.plain.positions); }

  /** Synchronous last resort at process exit: stop the engine thread without waiting. */
  abandon(): number {
    if (!this.link.closed) this.link.drain(); // what already happened still reaches the observers
    const left = this.tasks.pending.size;
    this.waits.stop();
    this.link.terminate();
    return left;
  }
}
