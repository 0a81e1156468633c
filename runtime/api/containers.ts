/**
 * Data that share objects: which data's snapshots hold an object (or bytes of a buffer) as a part, so that a change
 * made through one datum marks every other holder `dirtyBy` it, to be snapshotted anew before it is read
 * (`const o = { a }; inc(a); read(o)`). Apart from the Registry's identities and versions because it is its own
 * weak table with its own rule (docs/ARCHITECTURE.md, "Data that share objects").
 */
import { MAIN_THREAD, type DataEntry } from './records';

export class Containers {
  /**
   * Object or buffer → data whose snapshot holds it as a part (not as a root). Weak both ways: a part must not keep
   * its containers (and everything in them) alive.
   */
  private readonly byPart = new WeakMap<object, Set<WeakRef<DataEntry>>>();
  /** One weak reference per datum, so that snapshotting a datum again adds nothing to the sets above. */
  private readonly weakRefs = new WeakMap<DataEntry, WeakRef<DataEntry>>();

  /** The objects of `entry`'s new snapshot (and the buffers of its typed arrays) are held by it. */
  noteContents(entry: DataEntry, objects: readonly object[]): void {
    let self: WeakRef<DataEntry> | undefined;
    const hold = (key: object) => {
      self ??= this.weakRefOf(entry);
      const set = this.byPart.get(key);
      if (set) set.add(self); else this.byPart.set(key, new Set([self]));
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
    const set = this.byPart.get(object);
    if (!set) return [];
    const holders: DataEntry[] = [];
    for (const ref of set) {
      const holder = ref.deref();
      if (holder) holders.push(holder); else set.delete(ref);
    }
    return holders;
  }
}
