/**
 * The main thread's side of a run: it turns calls into submissions, keeps the registry of data, talks to the
 * engine thread in batches, and implements the two kinds of wait. A blocking wait drains the engine's messages
 * with receiveMessageOnPort and sleeps in Atomics.wait between them, so it works in synchronous code while the
 * engine thread goes on scheduling. An async wait is a promise resolved from the port's 'message' event.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EngineToMain, MainToEngine, RunEvent, SerializedError, StdioLook, TaskOutcome } from '../protocol';
import { versionKey } from '../protocol';
import {
  dependencyFailed, deserializeError, engineDied, nameOutput, runStopped, serializeError, shutDown, storeWriteFailed, taskCancelled, taskTimedOut,
} from '../errors';
import { StallWatch, formatStall } from './stall';
import type { RuntimeConfig } from '../config';
import { Stats } from '../stats';
import { Signal } from '../engine/signal';
import type { EngineData } from '../engine/engine-thread';
import { defaultStoreRoot } from '../store/run-dir';
import { OwnedRun } from '../store/owned-run';
import { removeVersion, versionPath, writeEncoded } from '../store/version-file';
import { observeFailure, type DataEntry, type TaskRecord } from './records';
import { Future, type FutureHost } from './future';
import { MainData } from './main-data';
import { resumeSignalHandlers, suspendSignalHandlers } from './signals';
import { prepareArguments, type Prepared } from './arguments';
import type { TaskHandle } from './task-handle';
import { collectAccesses } from '../engine/accesses';
import { Within } from './within';
import { Observers, epochNow } from '../observe/hooks';
import { submissionLabels } from '../observe/data-names';
import { programOutput } from '../output/program-output';
import type { TaskPositions } from '../output/program-order';

const BATCH_LIMIT = 64;
const WAIT_SLICE_MS = 500;

/** What the engine hears of a snapshot the main thread wrote. */
type SnapshotNote = Extract<MainToEngine, { type: 'submit' }>['snapshots'][number];

export class Runtime implements FutureHost {
  readonly stats = new Stats();
  /** Waits for whole containers (see within.ts). */
  readonly within = new Within({
    submissions: () => this.nextTaskId,
    waitObject: (object) => this.waitObject(object),
    markWritten: (object) => this.data.markWritten(object),
  });
  /** Hooks watching this run (runtime/observe); the engine is told when the first arrives and the last leaves. */
  readonly observers: Observers;
  /** The run directory and segments, their leases and watcher (store/owned-run.ts); lifecycle.ts closes it. */
  readonly owned: OwnedRun;
  readonly runDir: string;
  /** Names of this run's shared-memory segments start with it. */
  readonly segmentPrefix: string;
  private readonly signal = new Signal();
  private readonly port: MessagePort;
  private readonly engine: Worker;
  private readonly pending = new Map<number, TaskRecord>();
  private readonly failures = new Map<number, TaskRecord>();
  /** Every failed task, root or cancelled, in submission order: what checkpoint() and the exit report look at. */
  private readonly failed: TaskRecord[] = [];
  private readonly defined = new Set<number>();
  private outgoing: MainToEngine[] = [];
  private flushQueued = false;
  private nextTaskId = 1;
  private engineError?: Error;
  private closed = false;
  private closing?: Promise<void>;
  private portRefed = false;
  private engineExited = false;
  /** Answers to 'fetch' (distributed runs), until the waiting read takes them. */
  private readonly fetched = new Map<string, { error?: SerializedError }>();
  /** Async waits for a 'fetched' answer, by version key. */
  private readonly fetchWaiters = new Map<string, (() => void)[]>();
  /** What the program's objects are as data, and bringing tasks' versions home into them. */
  readonly data: MainData;
  /** Failures let go by a task's 'ignore' policy: reported at exit. */
  private readonly ignored: Error[] = [];
  /** Says what runs and waits when a wait makes no progress. */
  private readonly stall: StallWatch;
  /** Async waits under way and since when, checked for a stall by one timer that never keeps the program alive. */
  private asyncWaits = 0;
  private asyncWaitSince = 0;
  private readonly stallTimer?: NodeJS.Timeout;
  /** The program's stdout/stderr, ordered (output/): taken over at the first run, shared by later ones. */
  private readonly output = programOutput();
  /** Unfinished tasks that may print (not declared `prints: false`), in id order: main's output waits for these only. */
  private readonly mayPrint = new Set<number>();
  /** Where this run's tasks sit in program order, for printing their output there (output/program-order.ts). */
  private readonly positions: TaskPositions = {
    firstMayPrint: () => this.mayPrint.values().next().value, // added in id order, so the first is the lowest
    lastSubmitted: () => this.nextTaskId - 1,
  };

  constructor(readonly config: RuntimeConfig, configureObservers: (observers: Observers) => void = () => {}) {
    // First: settings that cannot work (no cluster secret with a Redis others can reach, an unusable store) fail the
    // start before anything else (run directory, observers, the engine) exists.
    const remote = config.redis ? remoteSettings(config.redis, config.redisTtlSeconds) : undefined;
    this.owned = new OwnedRun(config.storeRoot ?? defaultStoreRoot(), config.storeRoot !== undefined);
    this.runDir = this.owned.dir;
    let started = false;
    this.observers = new Observers((enabled) => { if (started) this.enqueue({ type: 'observe', enabled }); });
    configureObservers(this.observers);
    started = true;
    this.segmentPrefix = this.owned.segmentPrefix;
    this.stall = new StallWatch(config.stallReportSeconds * 1000, () => { this.enqueue({ type: 'status' }); this.flush(); });
    if (this.stall.pollMs !== Infinity) {
      this.stallTimer = setInterval(() => { if (this.asyncWaits > 0) this.stall.check(this.asyncWaitSince); }, this.stall.pollMs).unref();
    }
    this.data = new MainData({
      runDir: this.runDir, stats: this.stats, local: !config.redis, block: (done) => this.block(done),
      forgetData: (id) => this.forgetData(id), fetch: (key) => this.fetch(key),
    });
    this.output.order.attach(this.positions);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const data: EngineData = {
      port: port2, runDir: this.runDir, workers: Math.max(1, config.workers), tasksPerWorker: config.tasksPerWorker,
      workerCacheBytes: config.workerCacheBytes, statsBuffer: this.stats.buffer, signalBuffer: this.signal.buffer,
      shm: { enabled: config.sharedMemory, prefix: this.segmentPrefix, limitBytes: config.sharedMemoryLimitBytes },
      observe: this.observers.active,
      defaultTimeoutMs: config.taskTimeoutSeconds !== undefined ? config.taskTimeoutSeconds * 1000 : undefined,
      remote, stdio: stdioLook(),
    };
    this.engine = new Worker(join(__dirname, '..', 'engine', 'engine-thread.js'), { workerData: data, transferList: [port2] });
    this.engine.unref();
    this.engine.on('error', (error) => { this.engineError ??= engineDied(error.message); this.failAllPending(); });
    this.engine.on('exit', (code) => {
      this.engineExited = true;
      if (!this.closed) { this.engineError ??= engineDied(`exit code ${code}`); this.failAllPending(); }
    });
    this.port.on('message', (message: EngineToMain) => this.onEngineMessage(message));
    this.port.unref();
  }

  // ── submission ───────────────────────────────────────────────────────────────

  submit<T>(handle: TaskHandle, args: readonly unknown[], site?: string, labels?: string): Future<T> {
    if (this.closed || this.closing) throw shutDown();
    if (this.engineError) throw this.engineError;
    const { def } = handle;
    const where = describeSite(def.name, site);
    const started = performance.now();
    const prepared = prepareArguments(this.data, handle, args, where);
    const inputs = [...new Set([...prepared.data.values()].map((entry) => entry.producer).filter((p): p is TaskRecord => p !== undefined))];
    const seen = new Map([...prepared.data.values()].map((entry) => [entry.id, entry.version] as const));
    // Nothing is written until every argument was accepted: a rejected call leaves no file behind.
    const snapshots = this.writeSnapshots(prepared.snapshots, where);
    this.stats.add('snapshotsKept', prepared.kept.length);
    const record: TaskRecord = {
      id: this.nextTaskId++, where, params: handle.paramNames, state: 'pending', args: prepared.objects, data: prepared.data, inputs, seen,
    };
    for (const { entry, object } of prepared.writes) this.data.registry.producedByTask(entry, object, record);
    this.stats.add('mainEncodeMs', performance.now() - started);

    const result = this.data.registry.newEntry();
    result.producer = record;
    result.stored = true;
    const returned = this.returnedArgument<T>(def.returns, args, prepared.entries);
    const future = returned ?? new Future<T>(this, result);
    if (!returned) this.data.registry.watch(future, result);

    if (!this.defined.has(def.id)) { this.defined.add(def.id); this.enqueue({ type: 'define', def }); }
    this.pending.set(record.id, record);
    if (!handle.quiet) this.mayPrint.add(record.id);
    this.updateRef();
    this.stats.add('submitted');
    if (this.observers.active) this.observeSubmit(record.id, handle, prepared.wire, result.id, labels);
    this.enqueue({ type: 'submit', taskId: record.id, def: def.id, args: prepared.wire, result: result.id, snapshots });
    if (returned) this.forgetData(result.id); // nobody will read the stored copy of the returned argument
    return future;
  }

  /**
   * The call's snapshots, as files. A write that fails (a full store) takes back the files this call wrote, so the call
   * leaves nothing behind and its data stay the main thread's, and says which parameter and version it was writing.
   */
  private writeSnapshots(snapshots: Prepared['snapshots'], where: () => string): SnapshotNote[] {
    const written: SnapshotNote[] = [];
    for (const { entry, encoded, param, hash } of snapshots) {
      const key = versionKey(entry.id, entry.version);
      try {
        writeEncoded(this.runDir, key, encoded);
      } catch (error) {
        for (const done of snapshots.slice(0, written.length)) {
          removeVersion(this.runDir, versionKey(done.entry.id, done.entry.version));
          done.entry.stored = false;
          done.entry.fingerprint = undefined; // its file is gone
        }
        throw storeWriteFailed(`${where()}: parameter ${param}`, this.runDir, key, encoded.byteLength, error);
      }
      entry.stored = true;
      if (hash !== undefined) entry.fingerprint = { version: entry.version, hash };
      this.stats.add('snapshotsWritten');
      this.stats.add('mainBytesWritten', encoded.byteLength);
      written.push({ data: entry.id, version: entry.version, bytes: encoded.byteLength });
    }
    return written;
  }

  /**
   * A task that returns an argument on every path: its result is that argument, as in the plain call. The same Future
   * for a Future argument; for an object, a Future on the object's own datum, whose value is the object. (The result
   * version the worker stores is never read; its data is deleted with the call.)
   */
  private returnedArgument<T>(index: number | undefined, args: readonly unknown[], entries: readonly (DataEntry | undefined)[]): Future<T> | undefined {
    if (index === undefined) return undefined;
    const arg = args[index];
    const entry = entries[index];
    if (arg instanceof Future) return arg as Future<T>;
    if (!entry || typeof arg !== 'object' || arg === null) return undefined;
    const future = new Future<T>(this, entry);
    future.value = { current: arg as T };
    return future;
  }

  private observeSubmit(taskId: number, handle: TaskHandle, wire: Parameters<typeof collectAccesses>[0], resultData: number, labels?: string): void {
    const reads = new Set<string>();
    const writes: string[] = [];
    collectAccesses(wire, reads, writes);
    const { name } = handle.def;
    const result = versionKey(resultData, 1);
    this.observers.emit({
      kind: 'submit', time: epochNow(), taskId, name, reads: [...reads], writes, result,
      labels: submissionLabels(wire, handle.paramNames, labels, name, result, handle.def.state),
    });
  }

  /** Queue a message; send at once while the engine may be short of work, else in batches. */
  private enqueue(message: MainToEngine): void {
    this.outgoing.push(message);
    if (this.pending.size <= this.config.workers * this.config.tasksPerWorker || this.outgoing.length >= BATCH_LIMIT) {
      this.flush();
    } else if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => { this.flushQueued = false; this.flush(); });
    }
  }

  private flush(): void {
    if (this.outgoing.length === 0 || this.closed) return;
    this.port.postMessage({ type: 'batch', messages: this.outgoing });
    this.outgoing = [];
  }

  /** Stop the future's task if it has not finished (see cancel() in index.ts). */
  cancel(future: Future<unknown>): void {
    const producer = future.entry.producer;
    if (producer?.state !== 'pending' || !this.pending.has(producer.id)) return;
    this.enqueue({ type: 'cancel', taskId: producer.id });
    this.flush();
  }

  /** The data will not be used again by the program. */
  forgetData(dataId: number): void { this.enqueue({ type: 'delete', data: dataId }); }



  // ── what the engine says ─────────────────────────────────────────────────────

  private drain(): void {
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      this.onEngineMessage(m.message as EngineToMain);
    }
  }

  private onEngineMessage(message: EngineToMain): void {
    switch (message.type) {
      case 'done':
        // Events first: an observer hears a task end before the program's wait on it returns.
        if (message.events) for (const event of message.events) this.observers.emit(event);
        for (const outcome of message.outcomes) this.settle(outcome);
        break;
      case 'fatal': this.engineError ??= fatalError(message.error); this.failAllPending(); break;
      case 'fetched': {
        this.fetched.set(message.key, message);
        const waiters = this.fetchWaiters.get(message.key);
        this.fetchWaiters.delete(message.key);
        this.updateRef();
        for (const wake of waiters ?? []) wake();
        break;
      }
      case 'status':
        this.output.say(formatStall(message.report, this.config.stallReportSeconds, (taskId, name) => this.pending.get(taskId)?.where() ?? `task ${name} #${taskId}`));
        break;
      case 'closed': break;
    }
  }

  private settle(outcome: TaskOutcome): void {
    const record = this.pending.get(outcome.taskId);
    if (!record) return;
    this.pending.delete(outcome.taskId);
    this.mayPrint.delete(outcome.taskId);
    this.output.order.finished(outcome.taskId, outcome.output); // before any waiter goes on and prints
    this.stall.progress();
    collapseInputs(record);
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
    }
    this.updateRef();
    for (const wake of record.waiters?.splice(0) ?? []) wake();
  }

  private failAllPending(): void {
    for (const record of this.pending.values()) {
      this.settle({ taskId: record.id, ok: false, error: serializeError(this.engineError) });
      record.error = this.engineError; // the one error itself, so that it is reported once
    }
  }

  /** Keep the process alive exactly while tasks (or fetches) are unfinished, so programs exit when their work is done. */
  private updateRef(): void {
    const want = this.pending.size > 0 || this.fetchWaiters.size > 0;
    if (want === this.portRefed) return;
    this.portRefed = want;
    if (want) this.port.ref(); else this.port.unref();
  }

  // ── waits ────────────────────────────────────────────────────────────────────

  /** Block until `done()` holds, keeping the engine's messages flowing. */
  private block(done: () => boolean): void {
    if (done()) return;
    const started = performance.now();
    this.flush();
    // Signal listeners cannot run while this thread is blocked: let Ctrl-C kill the process meanwhile (the run's
    // watcher then removes its files).
    suspendSignalHandlers();
    try {
      this.blockLoop(done);
    } finally {
      resumeSignalHandlers();
    }
    this.stats.add('mainWaitMs', performance.now() - started);
  }

  private blockLoop(done: () => boolean): void {
    const started = performance.now();
    while (true) {
      const seen = this.signal.current();
      this.drain();
      if (done()) break;
      if (this.engineError || this.signal.isDead()) {
        this.engineError ??= engineDied('it reported a fatal error');
        this.failAllPending();
        break;
      }
      this.stall.check(started);
      this.signal.waitPast(seen, WAIT_SLICE_MS); // (a slice is shorter than the stall watch's poll)
    }
  }

  private settled(record: TaskRecord): Promise<void> {
    if (record.state !== 'pending') return Promise.resolve();
    this.flush();
    if (this.asyncWaits++ === 0) this.asyncWaitSince = performance.now();
    return new Promise((resolve) => (record.waiters ??= []).push(() => { this.asyncWaits--; resolve(); }));
  }


  waitValue(future: Future<unknown>): unknown {
    const producer = future.entry.producer;
    if (!producer) return this.currentValue(this.data.loadFuture(future));
    const start = epochNow();
    this.block(() => producer.state !== 'pending');
    try { return this.currentValue(this.data.loadFuture(future)); } finally { this.observeWait(start, 'value', future.entry, producer); }
  }

  /** A value that is one of the caller's objects (a task returned its argument) may have later tasks writing it. */
  private currentValue(value: unknown): unknown {
    return typeof value === 'object' && value !== null && !(value instanceof Future) ? this.waitObject(value) : value;
  }

  async waitValueAsync(future: Future<unknown>): Promise<unknown> {
    const producer = future.entry.producer;
    if (!producer) return this.data.loadFuture(future);
    const start = epochNow();
    await this.settledLatest(future.entry);
    let value: unknown;
    try { value = this.data.loadFuture(future); } finally { this.observeWait(start, 'value', future.entry, producer); }
    return typeof value === 'object' && value !== null ? this.waitObjectAsync(value) : value;
  }

  /**
   * Until the entry's latest producer has finished and its version is here: while this waits, the program may submit
   * another task writing the same data, which the value read must include.
   */
  private async settledLatest(entry: DataEntry): Promise<void> {
    do {
      for (let producer = entry.producer; producer?.state === 'pending'; producer = entry.producer) await this.settled(producer);
      await this.fetchAsync([entry]);
    } while (entry.producer?.state === 'pending');
  }

  private observeWait(start: number, what: Extract<RunEvent, { kind: 'wait' }>['what'], entry?: DataEntry, producer?: TaskRecord): void {
    if (!this.observers.active) return;
    this.observers.emit({
      kind: 'wait', time: epochNow(), start, what, key: entry && versionKey(entry.id, entry.version), producer: producer?.id,
    });
  }

  /** The object's latest contents, in place: for a typed array, every range of its buffer it overlaps. */
  waitObject<T extends object>(object: T): T {
    for (const entry of this.data.entriesOf(object)) {
      const producer = entry.producer;
      if (!producer) continue;
      const start = epochNow();
      this.block(() => producer.state !== 'pending');
      try { this.data.loadEntry(entry, this.data.objectFor(entry, object)); } finally { this.observeWait(start, 'object', entry, producer); }
    }
    return object;
  }

  async waitObjectAsync<T extends object>(object: T): Promise<T> {
    for (const entry of this.data.entriesOf(object)) {
      const producer = entry.producer;
      if (!producer) continue;
      const start = epochNow();
      await this.settledLatest(entry);
      try { this.data.loadEntry(entry, this.data.objectFor(entry, object)); } finally { this.observeWait(start, 'object', entry, producer); }
    }
    return object;
  }

  barrier(): void {
    const start = epochNow();
    this.block(() => this.pending.size === 0);
    try { this.data.loadAllStale(); } finally { this.observeWait(start, 'barrier'); }
  }

  async barrierAsync(): Promise<void> {
    const start = epochNow();
    await this.settledSince(0);
    await this.fetchAsync([...this.data.registry.stale.keys()]);
    try { this.data.loadAllStale(); } finally { this.observeWait(start, 'barrier'); }
  }

  /** Resolves when every task submitted at or after `mark` has finished (or the engine is gone). */
  private async settledSince(mark: number): Promise<void> {
    for (let r = this.firstPendingSince(mark); r && !this.engineError; r = this.firstPendingSince(mark)) await this.settled(r);
  }

  /**
   * In a distributed run, versions stay on the machines (in Redis) until the program reads one: bring it into the run
   * directory first. A local run's workers write into the run directory themselves.
   */
  private fetch(key: string): void {
    if (!this.config.redis) return;
    const earlier = this.fetched.get(key); // an async wait fetched it already
    this.fetched.delete(key);
    if (earlier?.error) throw deserializeError(earlier.error, `reading ${key}`);
    if (earlier || existsSync(versionPath(this.runDir, key))) return;
    this.enqueue({ type: 'fetch', key });
    this.block(() => this.fetched.has(key) || this.engineError !== undefined);
    const answer = this.fetched.get(key);
    this.fetched.delete(key);
    if (this.engineError) throw this.engineError;
    if (answer?.error) throw deserializeError(answer.error, `reading ${key}`);
  }

  /** The same for async waits: the event loop goes on while the engine brings the versions of these entries. */
  private async fetchAsync(entries: readonly DataEntry[]): Promise<void> {
    if (!this.config.redis) return;
    const keys = entries
      .filter((entry) => entry.producer?.state === 'ok' && !(entry.version === 1 && entry.producer.inline))
      .map((entry) => versionKey(entry.id, entry.version))
      .filter((key) => !this.fetched.has(key) && !existsSync(versionPath(this.runDir, key)));
    await Promise.all(keys.map((key) => new Promise<void>((resolve) => {
      const waiters = this.fetchWaiters.get(key);
      if (waiters) { waiters.push(resolve); return; }
      this.fetchWaiters.set(key, [resolve]);
      this.updateRef();
      this.enqueue({ type: 'fetch', key });
      this.flush();
    })));
  }

  /** A point in the submission order, for checkpoint(). */
  mark(): number { return this.nextTaskId; }

  /**
   * Wait for every task submitted since `mark` and throw the first failure among them, as the sequential program
   * would have thrown it inside the same try block.
   */
  checkpoint(mark: number): void {
    const start = epochNow();
    this.block(() => !this.hasPendingSince(mark));
    this.observeWait(start, 'checkpoint');
    this.throwFirstFailureSince(mark);
  }

  async checkpointAsync(mark: number): Promise<void> {
    const start = epochNow();
    await this.settledSince(mark);
    this.observeWait(start, 'checkpoint');
    this.throwFirstFailureSince(mark);
  }

  private hasPendingSince(mark: number): boolean { return this.firstPendingSince(mark) !== undefined; }

  private firstPendingSince(mark: number): TaskRecord | undefined {
    for (const record of this.pending.values()) if (record.id >= mark) return record;
    return undefined;
  }

  private throwFirstFailureSince(mark: number): void {
    const first = this.failed.find((r) => r.id >= mark && !r.observed);
    if (first) throw observeFailure(first);
  }

  /** Failures a task's 'ignore' policy let go: said at exit. */
  ignoredFailures(): readonly Error[] { return this.ignored; }

  /** Failures no wait ever reported: said at exit, so that nothing is lost silently. */
  unobservedFailures(): Error[] {
    // Once each: when the engine stops, every pending task fails with its one error.
    const seen = new Set(this.failed.filter((r) => r.observed).map((r) => r.error));
    return [...new Set(this.failed.filter((r) => !r.observed && this.failures.has(r.id) && !seen.has(r.error)).map((r) => r.error!))];
  }

  // ── the end ──────────────────────────────────────────────────────────────────

  /** Finish pending work, stop the pool and the engine. The run directory goes at process exit. */
  shutdown(): Promise<void> {
    this.closing ??= (async () => {
      await this.settledSince(0);
      if (!this.engineExited) {
        this.flush();
        this.port.postMessage({ type: 'batch', messages: [{ type: 'shutdown' }] });
        this.closed = true;
        const exited = new Promise<void>((resolve) => this.engine.once('exit', () => resolve()));
        this.engine.ref(); // the engine is unref'd so programs can exit; here we must wait for it
        await exited;
      }
      this.closed = true;
      clearInterval(this.stallTimer);
      this.port.close();
    })();
    return this.closing;
  }

  /** The run's output is all printed (what is held, in order); later writes go straight out. */
  releaseOutput(): void { this.output.order.detach(this.positions); }

  /** Synchronous last resort at process exit: stop the engine thread without waiting. */
  abandon(): number {
    if (!this.closed) this.drain(); // what already happened still reaches the observers
    const left = this.pending.size;
    this.closed = true;
    clearInterval(this.stallTimer);
    void this.engine.terminate();
    return left;
  }
}


/** The program's terminals, which pool threads' stdout/stderr imitate (worker/task-output.ts). */
function stdioLook(): StdioLook {
  const look = (stream: NodeJS.WriteStream) => (stream.isTTY ? { columns: stream.columns || 80, rows: stream.rows || 24 } : undefined);
  return { stdout: look(process.stdout), stderr: look(process.stderr) };
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

/** A distributed run's settings; without a cluster secret it starts only with Redis on loopback (signing.ts). */
function remoteSettings(url: string, ttlSeconds: number): { url: string; ttlSeconds: number; secret?: string } {
  const { checkSecretPolicy, clusterSecret } = require('../distributed/signing') as typeof import('../distributed/signing');
  const secret = clusterSecret();
  checkSecretPolicy(url, secret, 'taskify');
  return { url, ttlSeconds, ...(secret ? { secret } : {}) };
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
  return nameOutput(deserializeError(outcome.error, where), where, record.params);
}

/** The task's name and call site, formatted only if an error needs it. */
export function describeSite(name: string, site: string | undefined): () => string {
  if (site !== undefined) return () => `task ${name} (${site})`;
  const capture = new Error(); // V8 formats the stack lazily: cheap unless read
  return () => `task ${name} (${callerOf(capture)})`;
}

function callerOf(capture: Error): string {
  const lines = (capture.stack ?? '').split('\n').slice(1).map((l) => l.trim());
  const outside = lines.find((l) => !l.includes(`${join('runtime', 'api')}`) && !l.includes('runtime/index'));
  return outside?.replace(/^at\s+/, '') ?? 'unknown call site';
}

/** A fatal error of the engine: ours (a lost Redis, say) as it was raised; anything else as an engine failure. */
function fatalError(error: SerializedError): Error {
  return error.name === 'TaskifyError' ? deserializeError(error, 'the taskify engine') : engineDied(`${error.name}: ${error.message}`);
}
