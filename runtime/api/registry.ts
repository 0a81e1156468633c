/**
 * The main thread's view of data: which objects were passed to tasks (by identity), their data id, their latest
 * version and who produces it. Weak maps, so that passing an object to a task never keeps it alive; when the
 * user's object is collected, its versions are released.
 *
 * Three kinds of data, one entry type:
 * - an object (array, plain object, Map, class instance…) with everything reachable from it;
 * - a group: the objects of one call that shared parts (`t(arr, arr[0])`), kept together from then on as a
 *   tuple of roots, so that the worker sees the sharing the caller had;
 * - a typed-array range: bytes [start, end) of an ArrayBuffer (buffer-ranges.ts), whatever view names them.
 */
import type { Primitive } from '../protocol';
import type { Fingerprint } from '../store/fingerprint';

export interface TaskRecord {
  readonly id: number;
  /** `task <name> (<call site>)`, computed only when an error needs it. */
  readonly where: () => string;
  /** The task's parameter names, so that a worker's error about an output names the parameter. */
  readonly params?: readonly string[];
  state: 'pending' | 'ok' | 'failed';
  error?: Error;
  /** The error was thrown to the program at some wait: it was not lost. */
  observed?: boolean;
  /** For a task cancelled because another failed: that first failure. */
  rootFailure?: TaskRecord;
  /** A primitive result, carried in the message instead of a file. */
  inline?: { value: Primitive | unknown };
  waiters?: (() => void)[];
  /** The call's argument objects by ref, until its return value was loaded: a returned argument maps back to them. */
  args?: object[];
  /** The data the call read or wrote, by id: where origins in its outputs find the caller's objects. */
  data?: ReadonlyMap<number, DataEntry>;
  /**
   * The tasks that produced versions this call read, not yet loaded here: an object in those versions may have come
   * from their data (`link(holder, it); bumpAll(holder)`), so origins are looked up there too.
   */
  inputs?: TaskRecord[];
  /** The version of each datum of `data` when the call was made. */
  seen?: ReadonlyMap<number, number>;
}

/** Bytes [start, end) of a buffer, seen through a typed array of `type` covering exactly them. */
export interface BufferRange {
  /**
   * Held strongly: the entry lives only while the buffer does (the ranges table is a WeakMap keyed by it, and a
   * WeakRef would keep the buffer alive until a synchronous loop ends anyway).
   */
  readonly buffer: ArrayBufferLike;
  readonly start: number;
  /** Where the program's bytes begin (start is aligned down to 8 from here). */
  readonly own: number;
  readonly end: number;
  readonly type: string;
}

export interface DataEntry {
  readonly id: number;
  version: number;
  /** The task producing the latest version, until the main thread has loaded it. */
  producer?: TaskRecord;
  /** The latest version is (or will be) a file: a snapshot already written, or a task's output. */
  stored: boolean;
  /** A group's objects, encoded as a tuple in this order. Absent for one object or a range. */
  roots?: object[];
  /** The array a group's snapshots encode its roots in: one object, so its number stays the same. */
  tuple?: object[];
  /** A typed-array range's place. */
  range?: BufferRange;
  /**
   * The objects the main thread's snapshots of this datum held, by number: where copy-back finds the caller's
   * objects. Numbers are stable for the datum's life (a version written against an older snapshot still resolves),
   * so an object once held stays here until the datum goes.
   */
  base?: object[];
  numbers?: Map<object, number>;
  /**
   * Other data that changed objects (or buffer bytes) this datum's snapshot holds: before this datum is read again,
   * their writes come home and the datum is snapshotted anew (`const o = { a }; inc(a); read(o)`).
   */
  dirtyBy?: Set<DataEntry>;
  /**
   * The program marked this datum "may have changed" (`maybeWritten`): its snapshots are fingerprinted, so that a later
   * such mark writes a new version only when the contents really differ.
   */
  checked?: boolean;
  /** The fingerprint of the main thread's snapshot that is `version` of this datum (store/fingerprint.ts). */
  fingerprint?: { readonly version: number; readonly hash: Fingerprint };
}

/** Stands in `dirtyBy` for a change the main thread made itself: nothing to wait for, only a new snapshot. */
export const MAIN_THREAD: DataEntry = Object.freeze({ id: 0, version: 0, stored: false }) as DataEntry;

export class Registry {
  private nextId = 1;
  private readonly entries = new WeakMap<object, DataEntry>();
  /**
   * Data whose latest version a task produces: what a barrier must bring back. For one object, a weak reference to it
   * (a group holds its roots, a range its buffer).
   */
  readonly stale = new Map<DataEntry, WeakRef<object> | undefined>();
  private readonly collected: FinalizationRegistry<number>;
  /**
   * Object or buffer → data whose snapshot holds it as a part (not as a root). Weak both ways: a part must not keep
   * its containers (and everything in them) alive.
   */
  private readonly containers = new WeakMap<object, Set<WeakRef<DataEntry>>>();
  /** One weak reference per datum, so that snapshotting a datum again adds nothing to the sets above. */
  private readonly weakRefs = new WeakMap<DataEntry, WeakRef<DataEntry>>();

  constructor(onCollected: (dataId: number) => void) {
    this.collected = new FinalizationRegistry(onCollected);
  }

  newEntry(): DataEntry {
    return { id: this.nextId++, version: 1, stored: false };
  }

  get(object: object): DataEntry | undefined { return this.entries.get(object); }

  entryFor(object: object): DataEntry {
    let entry = this.entries.get(object);
    if (!entry) {
      entry = this.newEntry();
      this.entries.set(object, entry);
      this.collected.register(object, entry.id, entry);
    }
    return entry;
  }

  /**
   * One entry for the objects of a call that shared parts. Each leaves the entry it had: a one-object entry is retired
   * (`retire` gets its id), a group keeps its other roots (and may still hold the object as a part: data that share
   * objects are kept consistent by `changed`/`dirtyBy`). Not absorbing old groups keeps a group to what one call
   * needs, however many calls regrouped its objects.
   */
  group(objects: readonly object[], retire: (dataId: number) => void): DataEntry {
    const roots = [...new Set(objects)];
    const entry = this.newEntry();
    entry.roots = roots;
    for (const root of roots) {
      const old = this.entries.get(root);
      if (old?.roots) {
        old.roots = old.roots.filter((r) => r !== root);
        if (old.roots.length === 0) {
          this.drop(old);
          retire(old.id);
        } else {
          this.markEntryWritten(old); // a new tuple: a new snapshot
          // It was watched through one of its roots, which may be the one leaving: watch one that stays.
          this.collected.unregister(old);
          this.collected.register(old.roots[0]!, old.id, old);
        }
      } else if (old) {
        this.drop(old);
        retire(old.id);
      }
      this.entries.set(root, entry);
    }
    // The roots hold each other (entry.roots), so they are collected together: watching one is enough.
    this.collected.register(roots[0]!, entry.id, entry);
    return entry;
  }

  /** A range's entry lives as long as its buffer. */
  rangeEntry(range: BufferRange): DataEntry {
    const entry = this.newEntry();
    entry.range = range;
    this.collected.register(range.buffer, entry.id, entry);
    return entry;
  }

  /**
   * A Future's loaded value is that Future's data: passing the value on refers to the version that already exists.
   * The data now lives as long as the value (the Future holds the value, so it cannot outlive it).
   */
  adopt(object: object, entry: DataEntry): void {
    if (this.entries.has(object)) return;
    this.entries.set(object, entry);
    this.collected.unregister(entry);
    this.collected.register(object, entry.id, entry);
  }

  /** The same for a typed array value, which is data by its bytes: the entry becomes that range of its buffer. */
  adoptRange(entry: DataEntry, range: BufferRange): void {
    entry.range = range;
    this.collected.unregister(entry);
    this.collected.register(range.buffer, entry.id, entry);
  }

  /** Track an object whose owner (a Future) is collected rather than the object itself. */
  watch(owner: object, entry: DataEntry): void { this.collected.register(owner, entry.id, entry); }

  forget(object: object): DataEntry | undefined {
    const entry = this.entries.get(object);
    if (!entry) return undefined;
    for (const root of entry.roots ?? [object]) this.entries.delete(root);
    this.drop(entry);
    return entry;
  }

  /** The entry is gone (forgotten, grouped, or its range replaced): nothing refers to it any more. */
  drop(entry: DataEntry): void {
    this.collected.unregister(entry);
    this.stale.delete(entry);
  }

  /** The main thread changed the datum's objects: their contents are a new version, not yet written anywhere. */
  markEntryWritten(entry: DataEntry): void {
    entry.version++;
    entry.stored = false;
    entry.producer = undefined;
    this.stale.delete(entry);
  }

  /**
   * The main thread may have changed the datum's objects. When its latest version is a snapshot of the main thread's
   * with a known fingerprint, that version stays, unconfirmed (`stored` false at the same version): the next call
   * reading it encodes it and keeps the version if the fingerprint is the same (`confirmSnapshot`), else writes the next.
   * Any other datum is marked written. Returns whether the version stayed.
   */
  markEntryMaybeWritten(entry: DataEntry): boolean {
    entry.checked = true;
    if (entry.producer === undefined && entry.fingerprint?.version === entry.version) {
      entry.stored = false;
      return true;
    }
    this.markEntryWritten(entry);
    return false;
  }

  /**
   * Whether a snapshot just encoded (at the datum's current version) is the same as the file of that version: a datum
   * marked "may have changed" whose contents did not. Then that file is the latest version again, and nothing is
   * written; otherwise a datum left unconfirmed at that version moves to the next.
   */
  confirmSnapshot(entry: DataEntry, hash: Fingerprint | undefined): boolean {
    if (entry.stored || entry.producer || entry.fingerprint?.version !== entry.version) return false;
    if (hash !== undefined && entry.fingerprint.hash === hash) {
      entry.stored = true;
      return true;
    }
    this.markEntryWritten(entry);
    return false;
  }

  /** The objects of `entry`'s new snapshot (and the buffers of its typed arrays) are held by it. */
  noteContents(entry: DataEntry, objects: readonly object[]): void {
    let self: WeakRef<DataEntry> | undefined;
    const hold = (key: object) => {
      self ??= this.weakRefOf(entry);
      const set = this.containers.get(key);
      if (set) set.add(self); else this.containers.set(key, new Set([self]));
    };
    objects.forEach((object, i) => {
      // A lone object's own datum needs no note (a change to it comes back through updatedByTask); a group's roots
      // do, as one root may be written through another datum while the group's stored version still holds it.
      const own = entry.roots ? object === entry.tuple : i === 0;
      if (!own) hold(object);
      if (ArrayBuffer.isView(object)) hold(object.buffer);
    });
  }

  private weakRefOf(entry: DataEntry): WeakRef<DataEntry> {
    let ref = this.weakRefs.get(entry);
    if (!ref) { ref = new WeakRef(entry); this.weakRefs.set(entry, ref); }
    return ref;
  }

  /**
   * `objects` (or bytes of a buffer) change through `entry`: every other datum holding them (but those in `besides`)
   * must read them again.
   */
  changed(entry: DataEntry | undefined, objects: readonly object[], besides: readonly DataEntry[] = []): void {
    for (const object of objects) {
      for (const key of ArrayBuffer.isView(object) ? [object, object.buffer] : [object]) {
        for (const holder of this.holdersOf(key)) {
          if (holder !== entry && !besides.includes(holder)) (holder.dirtyBy ??= new Set()).add(entry ?? MAIN_THREAD);
        }
      }
    }
  }

  /** Data whose snapshots hold the object (or bytes of the buffer). */
  holdersOf(object: object): DataEntry[] {
    const set = this.containers.get(object);
    if (!set) return [];
    const holders: DataEntry[] = [];
    for (const ref of set) {
      const holder = ref.deref();
      if (holder) holders.push(holder); else set.delete(ref);
    }
    return holders;
  }

  /** The objects a datum stands for: its roots, its buffer, or the one object. */
  objectsOf(entry: DataEntry, object: object | undefined): object[] {
    if (entry.roots) return entry.roots;
    if (entry.range) return [entry.range.buffer];
    return object ? [object] : [];
  }

  producedByTask(entry: DataEntry, object: object | undefined, producer: TaskRecord): void {
    // The task may change anything its datum holds, parts included: other data holding those parts must read anew.
    this.changed(entry, entry.base && !entry.range ? entry.base : this.objectsOf(entry, object));
    entry.version++;
    entry.producer = producer;
    entry.stored = true;
    if (entry.roots || entry.range) this.stale.set(entry, undefined);
    else if (object) this.stale.set(entry, new WeakRef(object));
  }

  loaded(entry: DataEntry): void {
    entry.producer = undefined;
    this.stale.delete(entry);
  }
}

/** The program is told of this failure now: it is no longer one to report at exit. */
export function observeFailure(record: TaskRecord): Error {
  record.observed = true;
  return record.error!;
}
