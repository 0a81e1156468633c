/**
 * The main thread's data plane: which data each of the program's objects is part of (registry.ts, buffer-ranges.ts),
 * bringing tasks' versions home into them (loader.ts), and keeping data that share objects consistent with each
 * other. The Runtime drives it (submissions, waits); it owns no thread and waits only through `host.block`.
 *
 * Data that share objects: a snapshot records what it holds (`noteContents`); when an object changes through one
 * datum (a task writes it, the main thread changes it, a copy-back updates it), every other datum holding it is
 * marked `dirtyBy` that change, and is read anew (after the change came home) before a call reads it. A wait on an
 * object also waits for pending data that hold it.
 */
import { performance } from 'node:perf_hooks';
import { versionKey, type LandedVersion } from '../protocol';
import type { Stats } from '../stats';
import { isTypedArray } from '../worker/shapes';
import { Registry } from './registry';
import type { DataEntry, TaskRecord } from './records';
import { BufferRanges, type TypedView } from './buffer-ranges';
import { Loader } from './loader';
import { HELD_BYTES_LIMIT } from '../engine/graph-holds';
import type { ArgumentHost } from './arguments';
import type { Future } from './future';
import { programClock } from './program-clock';

/**
 * Objects the program marked "may have changed" (markMaybeWritten): their data's snapshots are fingerprinted. Kept for
 * the process, not a run: the first mark comes before the first call has started a runtime.
 */
const checked = new WeakSet<object>();

/** The program marked the object "may have changed" while no runtime was running (index.ts `maybeWritten`). */
export function noteMaybeWritten(object: object): void { checked.add(object); }

export interface MainDataHost {
  readonly runDir: string;
  readonly stats: Stats;
  /** Versions are files in the run directory (false: on other machines, fetched on demand). */
  readonly local: boolean;
  /** Block (keeping the engine's messages flowing) until `done()` holds. */
  block(done: () => boolean): void;
  /** The datum will not be used again: its versions may go. */
  forgetData(dataId: number): void;
  /** Make sure a version's file is in the run directory, or give its bytes landed in memory (loader.ts). */
  fetch(key: string): LandedVersion | undefined;
  /** The task's failure reaches the program: the error to throw (PlainOrder.raise, plain-order.ts). */
  raise(record: TaskRecord): Error;
}

export class MainData implements ArgumentHost {
  readonly registry: Registry;
  /** Typed arrays by storage: which ranges of which buffers are data. */
  readonly ranges: BufferRanges;
  private readonly loader: Loader;
  /** A take-back found a version gone: said once. */
  private toldNotTakenBack = false;

  constructor(private readonly host: MainDataHost) {
    this.registry = new Registry((data) => host.forgetData(data));
    this.ranges = new BufferRanges(this.registry, { load: (entry) => this.bringHome(entry), retire: (id) => this.retire(id) });
    this.loader = new Loader({
      runDir: host.runDir, registry: this.registry, stats: host.stats, local: host.local, fetch: (key) => host.fetch(key),
      updated: (entry, objects) => this.updatedByTask(entry, objects),
    });
  }

  /** A datum replaced by another (its objects joined a group, its range was redrawn): its versions may go. */
  retire(dataId: number): void { this.host.forgetData(dataId); }



  /**
   * The data an object is part of: its own entry (an object or a group) and, for a typed array, the ranges it overlaps;
   * with what changed inside them through other data.
   */
  entriesOf(object: object): DataEntry[] {
    const own = this.registry.get(object);
    const entries = own ? [own] : [];
    if (isTypedArray(object)) entries.push(...this.ranges.overlapping(object.buffer, object.byteOffset, object.byteOffset + object.byteLength));
    for (const entry of [...entries]) for (const other of entry.dirtyBy ?? []) if (!entries.includes(other) && other.producer) entries.push(other);
    for (const holder of this.pendingHolders(object)) if (!entries.includes(holder)) entries.unshift(holder);
    return entries;
  }

  /** Data with a pending producer whose snapshot holds this object (or bytes of its buffer): a task may be writing it. */
  private pendingHolders(object: object): DataEntry[] {
    const holders = [...this.registry.containers.holdersOf(object), ...(isTypedArray(object) ? this.registry.containers.holdersOf(object.buffer) : [])];
    return holders.filter((holder) => holder.producer !== undefined && holder !== this.registry.get(object));
  }

  /** The main thread changed the object: later tasks must read its new contents, also through data that hold it. */
  markWritten(object: object): void {
    for (const entry of this.entriesOf(object)) this.registry.markEntryWritten(entry);
    this.registry.containers.changed(undefined, [object]);
  }

  /**
   * The main thread may have changed the object (code the plugin cannot follow had it): data whose latest version is
   * its own snapshot stay at that version until a call reads them, which keeps it if the contents are the same
   * (registry.ts `markEntryMaybeWritten`); other data holding it are marked changed, as by markWritten.
   */
  markMaybeWritten(object: object): void {
    checked.add(object);
    const unconfirmed = this.entriesOf(object).filter((entry) => this.registry.markEntryMaybeWritten(entry));
    // Data left unconfirmed compare their own new encoding: they need no `dirtyBy` (which would make them new versions).
    this.registry.containers.changed(undefined, [object], unconfirmed);
  }

  checksContents(object: object): boolean { return checked.has(object); }

  /** Caller's objects that a task's version of `entry` updated: their own data's versions are old now. */
  private updatedByTask(entry: DataEntry, objects: readonly object[]): void {
    for (const object of objects) {
      this.registry.containers.changed(entry, [object]);
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
  settleHolders(object: object, except?: DataEntry): void {
    for (const holder of this.pendingHolders(object)) if (holder !== except) this.bringHome(holder);
  }

  /** The object (or typed array's ranges) will not be used again. */
  forgetObject(object: object): void {
    const entries = isTypedArray(object) && !this.registry.get(object) ? this.ranges.forget(object as TypedView) : [this.registry.forget(object)];
    for (const entry of entries) if (entry) this.host.forgetData(entry.id);
  }

  /**
   * Which of the program's objects an entry's version goes into, when a wait on `object` found it: `object` for its
   * own datum; for other data (a range of its buffer, data holding it, data that changed parts of it) their own.
   */
  objectFor(entry: DataEntry, object: object): object | undefined {
    if (this.registry.get(object) === entry) return object;
    if (entry.range) return undefined;
    return this.homeObject(entry);
  }

  /** The program's object an object datum's versions go into: a group's first root, or the one object. */
  private homeObject(entry: DataEntry): object | undefined {
    return entry.roots?.[0] ?? this.registry.stale.get(entry)?.deref() ?? entry.base?.[0];
  }

  /** A datum whose current contents a call needs in the main thread (to regroup or re-range it): wait and load. */
  bringHome(entry: DataEntry): void {
    const producer = entry.producer;
    if (!producer) return;
    this.host.block(() => producer.state !== 'pending');
    this.loadEntry(entry, entry.range ? undefined : this.homeObject(entry));
  }

  /**
   * A failed call's failure reaches the program (plain-order.ts raise): what it wrote before it threw comes home, where
   * it is still the latest version, and the caller's objects its error holds may change through the error from now on.
   */
  handOverFailure(record: TaskRecord): void {
    for (const entry of record.before?.keys() ?? []) if (entry.producer === record) this.bringHome(entry);
    for (const object of record.heldByError ?? []) this.markMaybeWritten(object);
  }

  /** A task settled having taken objects out of the data it wrote (loader.ts applyDetached). */
  applyDetached(payload: string, producer: TaskRecord): void {
    programClock.enter(); // decoding is no time of the plain program's
    try { this.loader.applyDetached(payload, producer); } finally { programClock.leave(); }
  }

  /**
   * Load a finished producer's version into the caller's objects. If a task writing it failed, the objects get the
   * state sequential code would leave, and the failure is raised here unless the program saw it already (caught).
   */
  loadEntry(entry: DataEntry, object: object | undefined): void {
    const producer = entry.producer;
    if (!producer) return;
    this.loader.load(entry, object);
    if (producer.state !== 'failed') return;
    // Sequential code would have seen the first failure of the chain, not the cancellations after it.
    const root = producer.rootFailure ?? producer;
    const unseen = !producer.observed && !root.observed;
    // raise() first: it does nothing for a failure already marked met.
    const error = unseen ? this.host.raise(root) : undefined;
    producer.observed = true;
    if (error) throw error;
  }

  /**
   * Calls the plain program never made (they came after a failure it met) wrote these data: each datum gets back what
   * it held before the first of them, and is the main thread's again (a new snapshot before the next call).
   */
  takeBack(records: readonly TaskRecord[]): void {
    const first = new Map<DataEntry, { readonly version: number; readonly producer?: TaskRecord }>();
    for (const record of records) for (const [entry, before] of record.before ?? []) if (!first.has(entry)) first.set(entry, before);
    for (const [entry, before] of first) {
      const latest = entry.version;
      // Nothing newer came home: the program's objects still hold what they held before.
      const untouched = before.producer === undefined && entry.producer !== undefined;
      if (!untouched && !this.loader.rewind(entry, before.version, before.producer, entry.range ? undefined : this.homeObject(entry)) && !this.toldNotTakenBack) {
        this.toldNotTakenBack = true;
        process.stderr.write('taskify: warning: after a failure the program caught, a call it never made kept its write: the contents ' +
          `before it were no longer kept (an out argument's, never sent; or past the ${HELD_BYTES_LIMIT >> 20} MiB held while an earlier task ran)\n`);
      }
      entry.version = latest; // past every version issued, so the next is new to the engine too
      this.registry.markEntryWritten(entry);
    }
  }

  /** A datum a call reads whose producer failed: the caller's objects as sequential code left them, then a snapshot. */
  settleFailed(entry: DataEntry, object: object | undefined): void {
    if (entry.producer?.state === 'failed') this.loadEntry(entry, object);
  }

  /** Bring back every object tasks wrote; a failure the program has not seen is raised once, after all were loaded. */
  loadAllStale(): void {
    let firstError: Error | undefined;
    for (const [entry, ref] of [...this.registry.stale]) {
      const object = ref?.deref();
      if (ref && !object) { this.registry.stale.delete(entry); continue; } // collected: nobody can see it
      try { this.loadEntry(entry, entry.range ? undefined : object); } catch (error) { firstError ??= error as Error; }
    }
    if (firstError) throw firstError;
  }

  /** Whether the object is already some datum's (its own, a group's root, or a range of its buffer). */
  private isData(object: object): boolean {
    if (this.registry.get(object)) return true;
    return isTypedArray(object) && this.ranges.overlapping(object.buffer, object.byteOffset, object.byteOffset + object.byteLength).length > 0;
  }

  /** A Future's value, loaded once (and again after a later task wrote it in place). */
  loadFuture(future: Future<unknown>): unknown {
    const { entry } = future;
    const producer = entry.producer;
    if (!producer) return future.value?.current;
    if (producer.state === 'failed') throw this.host.raise(producer);
    // Version 1 is the task's result; later versions were written by tasks that took this Future as inout.
    if (entry.version === 1 && producer.inline) {
      future.value = { current: producer.inline.value };
    } else if (future.value && typeof future.value.current === 'object' && future.value.current !== null) {
      this.loadEntry(entry, future.value.current); // a later task changed this value in place
      return future.value.current;
    } else {
      const started = performance.now();
      programClock.enter(); // decoding is no time of the plain program's
      let result: ReturnType<Loader['result']>;
      try { result = this.loader.result(versionKey(entry.id, entry.version), producer); } finally { programClock.leave(); }
      const { value: loaded, fresh, existing, created, held } = result;
      future.value = { current: loaded };
      if (held.length > 0) future.held = held;
      // Objects the task also stored in data it wrote are those data's too: a later task writing them changed them.
      if (created) for (const written of producer.before?.keys() ?? []) if (written.producer && written.producer !== producer) this.bringHome(written);
      this.host.stats.add('mainDecodeMs', performance.now() - started);
      const value = future.value.current;
      // A new object is this Future's data; one of the caller's own (a returned argument) already is other data.
      if (typeof value === 'object' && value !== null && !existing && !this.isData(value) &&
        !(isTypedArray(value) && this.ranges.adopt(value as TypedView, entry))) {
        this.registry.adopt(value, entry);
        // Its objects have no number in any snapshot yet: the next call passing it snapshots it, so that a task
        // writing it gives the program's nested objects (`const inner = v.inner`) their new contents in place.
        if (fresh) { this.registry.loaded(entry); this.registry.markEntryWritten(entry); }
      }
    }
    producer.args = undefined;
    this.registry.loaded(entry);
    return future.value.current;
  }
}
