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
import type { EngineToMain, MainToEngine, RunEvent, SerializedError, TaskOutcome } from '../protocol';
import { versionKey } from '../protocol';
import { dependencyFailed, deserializeError, engineDied, serializeError, shutDown } from '../errors';
import type { RuntimeConfig } from '../config';
import { Stats } from '../stats';
import { Signal } from '../engine/signal';
import type { EngineData } from '../engine/engine-thread';
import { createRunDir, defaultStoreRoot } from '../store/run-dir';
import { removeStaleSegments, segmentPrefix } from '../store/segments';
import { versionPath, writeEncoded } from '../store/version-file';
import { isTypedArray } from '../worker/shapes';
import { Registry, type DataEntry, type TaskRecord } from './registry';
import { Future, type FutureHost } from './future';
import { BufferRanges, type TypedView } from './buffer-ranges';
import { Loader } from './loader';
import { resumeSignalHandlers, suspendSignalHandlers } from './signals';
import { prepareArguments } from './arguments';
import type { TaskHandle } from './task-handle';
import { collectAccesses } from '../engine/graph';
import { Within } from './within';
import { Observers, epochNow } from '../observe/hooks';

const BATCH_LIMIT = 64;
const WAIT_SLICE_MS = 500;

export class Runtime implements FutureHost {
  readonly stats = new Stats();
  readonly registry = new Registry((data) => this.enqueue({ type: 'delete', data }));
  /** Typed arrays by storage: which ranges of which buffers are data (see buffer-ranges.ts). */
  readonly ranges = new BufferRanges(this.registry, { load: (entry) => this.bringHome(entry), retire: (id) => this.forgetData(id) });
  /** Waits for whole containers (see within.ts). */
  readonly within = new Within({
    submissions: () => this.nextTaskId,
    waitObject: (object) => this.waitObject(object),
    markWritten: (object) => this.markWritten(object),
  });
  /** Hooks watching this run (runtime/observe); the engine is told when the first arrives and the last leaves. */
  readonly observers: Observers;
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
  private readonly loader: Loader;

  constructor(readonly config: RuntimeConfig, configureObservers: (observers: Observers) => void = () => {}) {
    let started = false;
    this.observers = new Observers((enabled) => { if (started) this.enqueue({ type: 'observe', enabled }); });
    configureObservers(this.observers);
    started = true;
    this.runDir = createRunDir(config.storeRoot ?? defaultStoreRoot());
    this.segmentPrefix = segmentPrefix(this.runDir);
    removeStaleSegments();
    this.loader = new Loader({
      runDir: this.runDir, registry: this.registry, stats: this.stats, local: !config.redis, fetch: (key) => this.fetch(key),
      updated: (entry, objects) => this.updatedByTask(entry, objects),
    });
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const data: EngineData = {
      port: port2, runDir: this.runDir, workers: Math.max(1, config.workers), tasksPerWorker: config.tasksPerWorker,
      workerCacheBytes: config.workerCacheBytes, statsBuffer: this.stats.buffer, signalBuffer: this.signal.buffer,
      shm: { enabled: config.sharedMemory, prefix: this.segmentPrefix, limitBytes: config.sharedMemoryLimitBytes },
      observe: this.observers.active,
      remote: config.redis ? { url: config.redis, ttlSeconds: config.redisTtlSeconds } : undefined,
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

  submit<T>(handle: TaskHandle, args: readonly unknown[], site?: string): Future<T> {
    if (this.closed || this.closing) throw shutDown();
    if (this.engineError) throw this.engineError;
    const { def } = handle;
    const where = describeSite(def.name, site);
    const started = performance.now();
    const prepared = prepareArguments(this, handle, args, where);
    const record: TaskRecord = { id: this.nextTaskId++, where, state: 'pending', args: prepared.objects };
    // Nothing is written until every argument was accepted: a rejected call leaves no file behind.
    const snapshots = prepared.snapshots.map(({ entry, encoded }) => {
      writeEncoded(this.runDir, versionKey(entry.id, entry.version), encoded);
      entry.stored = true;
      this.stats.add('mainBytesWritten', encoded.byteLength);
      return { data: entry.id, version: entry.version, bytes: encoded.byteLength };
    });
    for (const { entry, object } of prepared.writes) this.registry.producedByTask(entry, object, record);
    this.stats.add('mainEncodeMs', performance.now() - started);

    const result = this.registry.newEntry();
    result.producer = record;
    result.stored = true;
    const future = new Future<T>(this, result);
    this.registry.watch(future, result);

    if (!this.defined.has(def.id)) { this.defined.add(def.id); this.enqueue({ type: 'define', def }); }
    this.pending.set(record.id, record);
    this.updateRef();
    this.stats.add('submitted');
    if (this.observers.active) this.observeSubmit(record.id, def.name, prepared.wire, result.id);
    this.enqueue({ type: 'submit', taskId: record.id, def: def.id, args: prepared.wire, result: result.id, snapshots });
    return future;
  }

  private observeSubmit(taskId: number, name: string, wire: Parameters<typeof collectAccesses>[0], resultData: number): void {
    const reads = new Set<string>();
    const writes: string[] = [];
    collectAccesses(wire, reads, writes);
    this.observers.emit({ kind: 'submit', time: epochNow(), taskId, name, reads: [...reads], writes, result: versionKey(resultData, 1) });
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

  /** The data will not be used again by the program. */
  forgetData(dataId: number): void { this.enqueue({ type: 'delete', data: dataId }); }

  /** A datum replaced by another (its objects joined a group, its range was redrawn): its versions may go. */
  retire(dataId: number): void { this.forgetData(dataId); }

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
      case 'closed': break;
    }
  }

  private settle(outcome: TaskOutcome): void {
    const record = this.pending.get(outcome.taskId);
    if (!record) return;
    this.pending.delete(outcome.taskId);
    if (outcome.ok) {
      record.state = 'ok';
      if (outcome.inline) record.inline = { value: outcome.value };
    } else {
      record.state = 'failed';
      const first = outcome.failedDependency && this.failures.get(outcome.failedDependency.taskId);
      record.error = outcome.failedDependency && first?.error
        ? dependencyFailed(record.where(), outcome.failedDependency.key, first.where(), first.error)
        : deserializeError(outcome.error, record.where());
      if (!outcome.failedDependency) this.failures.set(record.id, record);
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
    // Signal listeners cannot run while this thread is blocked: let Ctrl-C kill the process meanwhile.
    suspendSignalHandlers();
    try {
      this.blockLoop(done);
    } finally {
      resumeSignalHandlers();
    }
    this.stats.add('mainWaitMs', performance.now() - started);
  }

  private blockLoop(done: () => boolean): void {
    while (true) {
      const seen = this.signal.current();
      this.drain();
      if (done()) break;
      if (this.engineError || this.signal.isDead()) {
        this.engineError ??= engineDied('it reported a fatal error');
        this.failAllPending();
        break;
      }
      this.signal.waitPast(seen, WAIT_SLICE_MS);
    }
  }

  private settled(record: TaskRecord): Promise<void> {
    if (record.state !== 'pending') return Promise.resolve();
    this.flush();
    return new Promise((resolve) => (record.waiters ??= []).push(resolve));
  }

  waitValue(future: Future<unknown>): unknown {
    const producer = future.entry.producer;
    if (!producer) return this.loadFuture(future);
    const start = epochNow();
    this.block(() => producer.state !== 'pending');
    try { return this.loadFuture(future); } finally { this.observeWait(start, 'value', future.entry, producer); }
  }

  async waitValueAsync(future: Future<unknown>): Promise<unknown> {
    const producer = future.entry.producer;
    if (!producer) return this.loadFuture(future);
    const start = epochNow();
    await this.settled(producer);
    await this.fetchAsync([future.entry]);
    try { return this.loadFuture(future); } finally { this.observeWait(start, 'value', future.entry, producer); }
  }

  private observeWait(start: number, what: Extract<RunEvent, { kind: 'wait' }>['what'], entry?: DataEntry, producer?: TaskRecord): void {
    if (!this.observers.active) return;
    this.observers.emit({
      kind: 'wait', time: epochNow(), start, what, key: entry && versionKey(entry.id, entry.version), producer: producer?.id,
    });
  }

  /** The object's latest contents, in place: for a typed array, every range of its buffer it overlaps. */
  waitObject<T extends object>(object: T): T {
    for (const entry of this.entriesOf(object)) {
      const producer = entry.producer;
      if (!producer) continue;
      const start = epochNow();
      this.block(() => producer.state !== 'pending');
      try { this.loadEntry(entry, object); } finally { this.observeWait(start, 'object', entry, producer); }
    }
    return object;
  }

  async waitObjectAsync<T extends object>(object: T): Promise<T> {
    for (const entry of this.entriesOf(object)) {
      const producer = entry.producer;
      if (!producer) continue;
      const start = epochNow();
      await this.settled(producer);
      await this.fetchAsync([entry]);
      try { this.loadEntry(entry, object); } finally { this.observeWait(start, 'object', entry, producer); }
    }
    return object;
  }

  /**
   * The data an object is part of: its own entry (an object or a group) and, for a typed array, the ranges it overlaps;
   * with what changed inside them through other data.
   */
  private entriesOf(object: object): DataEntry[] {
    const own = this.registry.get(object);
    const entries = own ? [own] : [];
    if (isTypedArray(object)) entries.push(...this.ranges.overlapping(object.buffer, object.byteOffset, object.byteOffset + object.byteLength));
    for (const entry of [...entries]) for (const other of entry.dirtyBy ?? []) if (!entries.includes(other) && other.producer) entries.push(other);
    for (const holder of this.pendingHolders(object)) if (!entries.includes(holder)) entries.unshift(holder);
    return entries;
  }

  /** Data with a pending producer whose snapshot holds this object (or bytes of its buffer): a task may be writing it. */
  private pendingHolders(object: object): DataEntry[] {
    const holders = [...this.registry.holdersOf(object), ...(isTypedArray(object) ? this.registry.holdersOf(object.buffer) : [])];
    return holders.filter((holder) => holder.producer !== undefined && holder !== this.registry.get(object));
  }

  /** The main thread changed the object: later tasks must read its new contents, also through data that hold it. */
  markWritten(object: object): void {
    for (const entry of this.entriesOf(object)) this.registry.markEntryWritten(entry);
    this.registry.changed(undefined, isTypedArray(object) ? [object, object.buffer] : [object]);
  }

  /** Caller's objects that a task's version of `entry` updated: their own data's versions are old now. */
  private updatedByTask(entry: DataEntry, objects: readonly object[]): void {
    for (const object of objects) {
      this.registry.changed(entry, isTypedArray(object) ? [object, object.buffer] : [object]);
      for (const other of this.entriesOf(object)) if (other !== entry && !other.producer) this.registry.markEntryWritten(other);
    }
  }

  /**
   * Before a call reads a datum: objects inside it that other data changed come home, and the datum is snapshotted
   * anew; a typed array's buffer held inside other data waits for their pending writes.
   */
  refresh(entry: DataEntry): void {
    if (!entry.dirtyBy?.size) return;
    if (entry.producer) this.bringHome(entry);
    for (const other of entry.dirtyBy) if (other.producer) this.bringHome(other);
    entry.dirtyBy.clear();
    this.registry.markEntryWritten(entry);
  }

  /** Pending writes of data holding bytes of this buffer come home before a range of it is read or written. */
  settleHolders(object: object): void {
    for (const holder of this.pendingHolders(object)) this.bringHome(holder);
  }

  /** The object (or typed array's ranges) will not be used again. */
  forgetObject(object: object): void {
    const entries = isTypedArray(object) && !this.registry.get(object) ? this.ranges.forget(object as TypedView) : [this.registry.forget(object)];
    for (const entry of entries) if (entry) this.forgetData(entry.id);
  }

  /** A datum whose current contents a call needs in the main thread (to regroup or re-range it): wait and load. */
  bringHome(entry: DataEntry): void {
    const producer = entry.producer;
    if (!producer) return;
    this.block(() => producer.state !== 'pending');
    this.loadEntry(entry, entry.roots?.[0] ?? this.registry.stale.get(entry)?.deref());
  }

  /**
   * Load a finished producer's version into the caller's objects. If a task writing it failed, the objects get the
   * state sequential code would leave, and the failure is raised here unless the program saw it already (caught).
   */
  private loadEntry(entry: DataEntry, object: object | undefined): void {
    const producer = entry.producer;
    if (!producer) return;
    this.loader.load(entry, object);
    if (producer.state !== 'failed') return;
    // Sequential code would have seen the first failure of the chain, not the cancellations after it.
    const root = producer.rootFailure ?? producer;
    const unseen = !producer.observed && !root.observed;
    producer.observed = true;
    if (unseen) throw observe(root);
  }

  /** A datum a call reads whose producer failed: the caller's objects as sequential code left them, then a snapshot. */
  settleFailed(entry: DataEntry, object: object | undefined): void {
    if (entry.producer?.state === 'failed') this.loadEntry(entry, object);
  }

  barrier(): void {
    const start = epochNow();
    this.block(() => this.pending.size === 0);
    try { this.loadAllStale(); } finally { this.observeWait(start, 'barrier'); }
  }

  async barrierAsync(): Promise<void> {
    const start = epochNow();
    await this.settledSince(0);
    await this.fetchAsync([...this.registry.stale.keys()]);
    try { this.loadAllStale(); } finally { this.observeWait(start, 'barrier'); }
  }

  /** Resolves when every task submitted at or after `mark` has finished (or the engine is gone). */
  private async settledSince(mark: number): Promise<void> {
    for (let r = this.firstPendingSince(mark); r && !this.engineError; r = this.firstPendingSince(mark)) await this.settled(r);
  }

  /** Bring back every object tasks wrote; a failure the program has not seen is raised once, after all were loaded. */
  private loadAllStale(): void {
    let firstError: Error | undefined;
    for (const [entry, ref] of [...this.registry.stale]) {
      const object = ref.deref();
      if (!object && !entry.roots) { this.registry.stale.delete(entry); continue; }
      try { this.loadEntry(entry, entry.range ? undefined : object); } catch (error) { firstError ??= error as Error; }
    }
    if (firstError) throw firstError;
  }

  private loadFuture(future: Future<unknown>): unknown {
    const { entry } = future;
    const producer = entry.producer;
    if (!producer) return future.value?.current;
    if (producer.state === 'failed') throw observe(producer);
    // Version 1 is the task's result; later versions were written by tasks that took this Future as inout.
    if (entry.version === 1 && producer.inline) {
      future.value = { current: producer.inline.value };
    } else if (future.value && typeof future.value.current === 'object' && future.value.current !== null) {
      this.loadEntry(entry, future.value.current); // a later task changed this value in place
      return future.value.current;
    } else {
      const started = performance.now();
      future.value = { current: this.loader.result(versionKey(entry.id, entry.version), producer) };
      this.stats.add('mainDecodeMs', performance.now() - started);
      const value = future.value.current;
      if (typeof value === 'object' && value !== null && !(isTypedArray(value) && this.ranges.adopt(value as TypedView, entry))) this.registry.adopt(value, entry);
    }
    producer.args = undefined;
    this.registry.loaded(entry);
    return future.value.current;
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
    if (first) throw observe(first);
  }

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
      this.port.close();
    })();
    return this.closing;
  }

  /** Synchronous last resort at process exit: stop the engine thread without waiting. */
  abandon(): number {
    if (!this.closed) this.drain(); // what already happened still reaches the observers
    const left = this.pending.size;
    this.closed = true;
    void this.engine.terminate();
    return left;
  }
}

function observe(record: TaskRecord): Error {
  record.observed = true;
  return record.error!;
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
