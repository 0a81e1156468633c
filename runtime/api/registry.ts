/**
 * The main thread's view of data: which objects were passed to tasks (by identity), their data id, their latest
 * version and who produces it. A weak map, so that passing an object to a task never keeps it alive; when the
 * user's object is collected, its versions are released.
 */
import type { Primitive } from '../protocol';

export interface TaskRecord {
  readonly id: number;
  /** `task <name> (<call site>)`, computed only when an error needs it. */
  readonly where: () => string;
  state: 'pending' | 'ok' | 'failed';
  error?: Error;
  /** The error was thrown to the program at some wait: it was not lost. */
  observed?: boolean;
  /** A primitive result, carried in the message instead of a file. */
  inline?: { value: Primitive | unknown };
  waiters?: (() => void)[];
}

export interface DataEntry {
  readonly id: number;
  version: number;
  /** The task producing the latest version, until the main thread has loaded it. */
  producer?: TaskRecord;
  /** The latest version is (or will be) a file: a snapshot already written, or a task's output. */
  stored: boolean;
}

export class Registry {
  private nextId = 1;
  private readonly entries = new WeakMap<object, DataEntry>();
  /** Objects whose latest version a task produces: what a barrier must bring back. */
  readonly stale = new Map<DataEntry, WeakRef<object>>();
  private readonly collected: FinalizationRegistry<number>;

  constructor(onCollected: (dataId: number) => void) {
    this.collected = new FinalizationRegistry(onCollected);
  }

  newEntry(): DataEntry { return { id: this.nextId++, version: 1, stored: false }; }

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

  /** A Future's loaded value is that Future's data: passing the value on refers to the version that already exists. */
  adopt(object: object, entry: DataEntry): void {
    if (!this.entries.has(object)) this.entries.set(object, entry);
  }

  /** Track an object whose owner (a Future) is collected rather than the object itself. */
  watch(owner: object, entry: DataEntry): void { this.collected.register(owner, entry.id, entry); }

  forget(object: object): DataEntry | undefined {
    const entry = this.entries.get(object);
    if (!entry) return undefined;
    this.entries.delete(object);
    this.collected.unregister(entry);
    this.stale.delete(entry);
    return entry;
  }

  /** The main thread changed the object: its contents are a new version, not yet written anywhere. */
  markWritten(object: object): void {
    const entry = this.entries.get(object);
    if (!entry) return;
    entry.version++;
    entry.stored = false;
    entry.producer = undefined;
    this.stale.delete(entry);
  }

  producedByTask(entry: DataEntry, object: object | undefined, producer: TaskRecord): void {
    entry.version++;
    entry.producer = producer;
    entry.stored = true;
    if (object) this.stale.set(entry, new WeakRef(object));
  }

  loaded(entry: DataEntry): void {
    entry.producer = undefined;
    this.stale.delete(entry);
  }
}
