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
 *
 * The shapes of entries and task records are in records.ts; which data hold which objects as parts in containers.ts.
 */
import { Containers } from './containers';
import type { BufferRange, DataEntry, TaskRecord } from './records';
import type { Fingerprint } from '../store/fingerprint';

export class Registry {
  private nextId = 1;
  private readonly entries = new WeakMap<object, DataEntry>();
  /**
   * Data whose latest version a task produces: what a barrier must bring back. For one object, a weak reference to it
   * (a group holds its roots, a range its buffer).
   */
  readonly stale = new Map<DataEntry, WeakRef<object> | undefined>();
  private readonly collected: FinalizationRegistry<number>;
  /** Which data's snapshots hold an object as a part (containers.ts). */
  readonly containers = new Containers();

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

  /** The objects a datum stands for: its roots, its buffer, or the one object. */
  objectsOf(entry: DataEntry, object: object | undefined): object[] {
    if (entry.roots) return entry.roots;
    if (entry.range) return [entry.range.buffer];
    return object ? [object] : [];
  }

  producedByTask(entry: DataEntry, object: object | undefined, producer: TaskRecord): void {
    // The task may change anything its datum holds, parts included: other data holding those parts must read anew.
    this.containers.changed(entry, entry.base && !entry.range ? entry.base : this.objectsOf(entry, object));
    if (!producer.before?.has(entry)) (producer.before ??= new Map()).set(entry, { version: entry.version, producer: entry.producer });
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
