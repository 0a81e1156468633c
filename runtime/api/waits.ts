/**
 * The main thread's waits, of two kinds. A blocking wait drains the engine's messages with receiveMessageOnPort and
 * sleeps in Atomics.wait between them, so it works in synchronous code while the engine thread goes on scheduling.
 * An async wait is a promise resolved when the task settles (the port's 'message' event). Each kind waits for a
 * Future's value, an object's contents, everything (barrier) or what came after a mark (checkpoint), and says so to
 * observers; a wait that makes no progress says why (stall.ts). Apart from the Runtime, which submits and settles,
 * because this is everything that waits for what it submitted.
 */
import { performance } from 'node:perf_hooks';
import type { RunEvent } from '../protocol';
import { versionKey } from '../protocol';
import { engineDied } from '../errors';
import type { Stats } from '../stats';
import { epochNow, type Observers } from '../observe/hooks';
import { StallWatch } from './stall';
import { MacrotaskHold } from './macrotask-hold';
import { Future, type FutureHost } from './future';
import type { MainData } from './main-data';
import type { DataEntry, TaskRecord } from './records';
import type { ChainScope, TaskTable } from './task-table';
import { currentChain } from './async-chains';
import type { EngineLink } from './engine-link';
import type { RemoteReads } from './remote-reads';
import { programClock } from './program-clock';
import { realSetInterval } from '../real-timers';

const WAIT_SLICE_MS = 500;

export interface WaitHost {
  readonly data: MainData;
  readonly observers: Observers;
  readonly stats: Stats;
  readonly tasks: TaskTable;
  readonly link: EngineLink;
  readonly reads: RemoteReads;
  engineError(): Error | undefined;
  /** The engine is gone (a blocked thread hears no 'exit' event: the signal says so): fail what is pending. */
  onDeath(error: Error): void;
  /** The task's failure reaches the program: the error to throw (PlainOrder.raise, plain-order.ts). */
  raise(record: TaskRecord): Error;
  /** The calls of a macrotask have finished (PlainOrder.macrotaskEnded: may throw). */
  macrotaskEnded(): void;
}

export class Waits implements FutureHost {
  /** Says what runs and waits when a wait makes no progress. */
  readonly stall: StallWatch;
  /** Async waits under way and since when, checked for a stall by one timer that never keeps the program alive. */
  private asyncWaits = 0;
  private asyncWaitSince = 0;
  private readonly stallTimer?: NodeJS.Timeout;
  /** Awaited tasks finish before the program's next macrotask, as its plain calls did. */
  private readonly hold = new MacrotaskHold((done) => this.blockBetweenMacrotasks(done), () => programClock.plainCallsUnfinished(),
    () => this.host.macrotaskEnded(), (record) => this.wentAsync(record));
  /** Blocking waits under way, and whether the outermost is the hold's, between the program's macrotasks. */
  private blocking = 0;
  private betweenMacrotasks = false;

  constructor(private readonly host: WaitHost, stallReportSeconds: number) {
    this.stall = new StallWatch(stallReportSeconds * 1000, () => { host.link.enqueue({ type: 'status' }); host.link.flush(); });
    if (this.stall.pollMs !== Infinity) {
      this.stallTimer = realSetInterval(() => { if (this.asyncWaits > 0) this.stall.check(this.asyncWaitSince); }, this.stall.pollMs).unref();
    }
  }

  /** The plugin submitted a call the plain program made at once: the program's next macrotask waits for it. */
  callMade(): void { this.hold.callsMade(); }

  /** The run is over: no more stall checks. */
  stop(): void { clearInterval(this.stallTimer); }

  // ── blocking ─────────────────────────────────────────────────────────────────

  /**
   * Whether no code of the program is running: no blocking wait is under way (this is a macrotask of the runtime's
   * own, a message from the engine), or the one under way is the hold's, which the program reached between its
   * macrotasks (macrotask-hold.ts).
   */
  programIdle(): boolean { return this.blocking === 0 || this.betweenMacrotasks; }

  /** An async task's call (let go: its failure is its Promise's) that went async: its worker said so (engine/signal.ts). */
  private wentAsync(record: TaskRecord): boolean {
    return record.observed === true && this.host.link.signal.hasGoneAsync(record.id);
  }

  private blockBetweenMacrotasks(done: () => boolean): void {
    this.betweenMacrotasks = this.blocking === 0;
    try { this.block(done); } finally { this.betweenMacrotasks = false; }
  }

  /** Block until `done()` holds, keeping the engine's messages flowing. */
  block(done: () => boolean): void {
    if (done()) return;
    const started = performance.now();
    this.host.link.flush();
    programClock.enter();
    this.blocking++;
    try {
      this.blockLoop(done);
    } finally {
      this.blocking--;
      programClock.leave();
    }
    this.host.stats.add('mainWaitMs', performance.now() - started);
  }

  private blockLoop(done: () => boolean): void {
    const { link } = this.host;
    const started = performance.now();
    while (true) {
      const seen = link.signal.current();
      link.drain();
      if (done()) break;
      if (this.host.engineError() || link.signal.isDead()) {
        this.host.onDeath(engineDied('it reported a fatal error'));
        break;
      }
      this.stall.check(started);
      link.signal.waitPast(seen, WAIT_SLICE_MS); // (a slice is shorter than the stall watch's poll)
    }
  }

  waitValue(future: Future<unknown>): unknown {
    const { data } = this.host;
    const call = future.madeBy;
    if (call?.state === 'pending') this.block(() => call.state !== 'pending');
    if (call?.state === 'failed') throw this.host.raise(call);
    const producer = future.entry.producer;
    if (!producer) return this.currentValue(data.loadFuture(future), future);
    const start = epochNow();
    this.block(() => producer.state !== 'pending');
    let value: unknown;
    try { value = data.loadFuture(future); } finally { this.observeWait(start, 'value', future.entry, producer); }
    return this.currentValue(value, future);
  }

  /** A value that is one of the caller's objects (a task returned its argument) may have later tasks writing it. */
  private currentValue(value: unknown, future: Future<unknown>): unknown {
    // The caller's objects it holds too (`{ items: STATE.items }`): a use of the value may read them.
    for (const object of future.held ?? []) this.waitObject(object);
    return typeof value === 'object' && value !== null && !(value instanceof Future) ? this.waitObject(value) : value;
  }

  /** The object's latest contents, in place: for a typed array, every range of its buffer it overlaps. */
  waitObject<T extends object>(object: T): T {
    const { data } = this.host;
    for (const entry of data.entriesOf(object)) {
      const producer = entry.producer;
      if (!producer) continue;
      const start = epochNow();
      this.block(() => producer.state !== 'pending');
      try { data.loadEntry(entry, data.objectFor(entry, object)); } finally { this.observeWait(start, 'object', entry, producer); }
    }
    return object;
  }

  barrier(): void {
    const start = epochNow();
    this.block(() => this.host.tasks.pending.size === 0);
    try { this.host.data.loadAllStale(); } finally { this.observeWait(start, 'barrier'); }
  }

  /** Block until every submitted task has run, bringing nothing home: the program is about to change what they read. */
  allRan(): void {
    const start = epochNow();
    try { this.block(() => this.host.tasks.pending.size === 0); } finally { this.observeWait(start, 'barrier'); }
  }

  /**
   * Wait for every task submitted since `mark` and throw the first failure among them, as the sequential program
   * would have thrown it inside the same try block.
   */
  checkpoint(mark: number): void {
    const { tasks } = this.host;
    const start = epochNow();
    const chain = currentChain(); // (another async function's calls are not this code's: async-chains.ts)
    // (An async task's call only until it went async: the plain call returned its Promise then, and the program went
    // on beside it, printing meanwhile (tester np36's asyncread); its failure is that Promise's. Not before: what the
    // call did up to its first await, such as reading a file the program then removes, came first.)
    this.block(() => tasks.firstPendingSince(mark, chain, (record) => this.wentAsync(record)) === undefined);
    this.observeWait(start, 'checkpoint');
    this.throwFirstFailureSince(mark, chain);
  }

  /**
   * A call run in place (direct-calls.ts) in a try block came, in the plain program, after every call the block made
   * before it (since `mark`, up to `upTo`, where the plain program is): a failure among them in this chain that the
   * program has not met had stopped the plain program before this call (np41's F1: `try { fail(); incAll(arr) }` kept the in-place incAll's write). Waits for
   * them and throws that failure.
   */
  failureBefore(mark: number, upTo: number): void {
    const { tasks } = this.host;
    const chain = currentChain();
    this.block(() => (tasks.firstPendingSince(mark, chain, (record) => this.wentAsync(record))?.id ?? Infinity) > upTo);
    const first = tasks.firstFailureSince(mark, chain);
    if (first && first.id <= upTo) throw this.host.raise(first);
  }

  /** The first failure since `mark` in submission order, as the sequential program met it inside the same try block. */
  private throwFirstFailureSince(mark: number, chain = currentChain()): void {
    const first = this.host.tasks.firstFailureSince(mark, chain);
    if (first) throw this.host.raise(first);
  }

  /**
   * Fenced tasks (api/fences.ts) until each has finished; then the first failure since `mark`, in submission order, is
   * thrown, after every object they write holds what they wrote (a failed task's writes too, as the sequential call
   * that threw half way left them).
   */
  fence(mark: number, records: readonly TaskRecord[], objects: readonly object[]): void {
    const start = epochNow();
    this.block(() => records.every((record) => record.state !== 'pending'));
    this.observeWait(start, 'checkpoint');
    let failed = false;
    try {
      this.throwFirstFailureSince(mark);
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      let firstLoadError: unknown;
      for (const object of objects) {
        try { this.waitObject(object); } catch (error) { firstLoadError ??= error; }
      }
      // A failure of an earlier task, which nothing observed before, if the fenced ones did not fail.
      if (!failed && firstLoadError !== undefined) throw firstLoadError;
    }
  }

  // ── async ────────────────────────────────────────────────────────────────────

  private settled(record: TaskRecord): Promise<void> {
    if (record.state !== 'pending') return Promise.resolve();
    this.host.link.flush();
    if (this.asyncWaits++ === 0) this.asyncWaitSince = performance.now();
    if (record.inPlainOrder) this.hold.hold(record); // a call the plugin placed; the runtime API's awaits never block
    return new Promise((resolve) => (record.waiters ??= []).push(() => { this.asyncWaits--; resolve(); }));
  }

  async waitValueAsync(future: Future<unknown>): Promise<unknown> {
    const { data } = this.host;
    const call = future.madeBy;
    if (call?.state === 'pending') await this.settled(call);
    if (call?.state === 'failed') throw this.host.raise(call);
    const producer = future.entry.producer;
    if (!producer) return data.loadFuture(future);
    const start = epochNow();
    await this.settledLatest(future.entry);
    let value: unknown;
    try { value = data.loadFuture(future); } finally { this.observeWait(start, 'value', future.entry, producer); }
    for (const object of future.held ?? []) await this.waitObjectAsync(object);
    return typeof value === 'object' && value !== null ? this.waitObjectAsync(value) : value;
  }

  /**
   * Until the entry's latest producer has finished and its version is here: while this waits, the program may submit
   * another task writing the same data, which the value read must include.
   */
  private async settledLatest(entry: DataEntry): Promise<void> {
    do {
      for (let producer = entry.producer; producer?.state === 'pending'; producer = entry.producer) await this.settled(producer);
      await this.host.reads.fetchAsync([entry]);
    } while (entry.producer?.state === 'pending');
  }

  async waitObjectAsync<T extends object>(object: T): Promise<T> {
    const { data } = this.host;
    for (const entry of data.entriesOf(object)) {
      const producer = entry.producer;
      if (!producer) continue;
      const start = epochNow();
      await this.settledLatest(entry);
      try { data.loadEntry(entry, data.objectFor(entry, object)); } finally { this.observeWait(start, 'object', entry, producer); }
    }
    return object;
  }

  async barrierAsync(): Promise<void> {
    const { data } = this.host;
    const start = epochNow();
    await this.settledSince(0);
    await this.host.reads.fetchAsync([...data.registry.stale.keys()]);
    try { data.loadAllStale(); } finally { this.observeWait(start, 'barrier'); }
  }

  /**
   * Where an async function resumes after its own task calls (`await x`, api/awaited.ts checkedAwait): undefined once
   * every task since `mark` in its chain has finished, after throwing their first failure as checkpoint() does; else a
   * promise that settles as checkpointAsync's. Unlike a checkpoint, it never blocks: the program's code goes on (the
   * calls of the functions beside this one are submitted meanwhile), and only this await waits.
   */
  resumeCheck(mark: number): Promise<void> | undefined {
    const chain = currentChain();
    if (this.host.tasks.firstPendingSince(mark, chain, (record) => this.wentAsync(record)) !== undefined) return this.checkpointAsync(mark);
    this.throwFirstFailureSince(mark, chain);
    return undefined;
  }

  async checkpointAsync(mark: number): Promise<void> {
    const start = epochNow();
    const chain = currentChain();
    await this.settledSince(mark, chain, (record) => this.wentAsync(record));
    this.observeWait(start, 'checkpoint');
    this.throwFirstFailureSince(mark, chain);
  }

  /** Resolves when every task submitted at or after `mark` (in the chain) has finished (or the engine is gone). */
  async settledSince(mark: number, scope: ChainScope = 'every', passed?: (record: TaskRecord) => boolean): Promise<void> {
    const { tasks } = this.host;
    for (let r = tasks.firstPendingSince(mark, scope, passed); r && !this.host.engineError(); r = tasks.firstPendingSince(mark, scope, passed)) await this.settled(r);
  }

  private observeWait(start: number, what: Extract<RunEvent, { kind: 'wait' }>['what'], entry?: DataEntry, producer?: TaskRecord): void {
    const { observers } = this.host;
    if (!observers.active) return;
    observers.emit({
      kind: 'wait', time: epochNow(), start, what, key: entry && versionKey(entry.id, entry.version), producer: producer?.id,
    });
  }
}
