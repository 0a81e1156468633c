/**
 * The versions a worker holds decoded, least recently used first out, bounded by bytes. A version is
 * immutable once written, so a cached one is as good as its file; a task that modifies its argument in place
 * takes the cached object out if nothing else can see it, else gets a fresh copy from the file (see task-worker.ts).
 */
export class VersionCache {
  private readonly entries = new Map<string, { value: unknown; bytes: number; exclusive: boolean }>();
  private used = 0;
  private evictedSinceReport: string[] = [];

  constructor(private readonly budget: number) {}

  get(key: string): unknown | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key); // re-insert: Map order is our recency order
    this.entries.set(key, entry);
    return entry.value;
  }

  /**
   * Hand a cached version over to a task that will modify it (it leaves the cache, reported as evicted), when
   * nothing else can see the object: it was put as exclusive (no other value shares its memory), it stands for
   * no other cached version, and `free` says no running task holds it. Saves re-reading the file along `inout` chains that stay on one worker.
   */
  take(key: string, free: (value: unknown) => boolean): unknown | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined || !entry.exclusive || !free(entry.value)) return undefined;
    for (const [other, { value }] of this.entries) if (other !== key && value === entry.value) return undefined;
    this.drop(key, entry.bytes);
    return entry.value;
  }

  /** Returns false when the value is larger than the whole budget and was not kept. */
  put(key: string, value: unknown, bytes: number, exclusive: boolean): boolean {
    if (bytes > this.budget) return false;
    const old = this.entries.get(key);
    if (old) this.drop(key, old.bytes);
    this.entries.set(key, { value, bytes, exclusive });
    this.used += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.used <= this.budget) break;
      this.drop(oldest, entry.bytes);
    }
    return true;
  }

  /** Some other value may now share this one's memory (a task put it, or part of it, into an output). */
  markShared(value: unknown): void {
    for (const entry of this.entries.values()) if (entry.value === value) entry.exclusive = false;
  }

  /** Versions the engine says are dead. */
  forget(keys: readonly string[]): void {
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry) { this.entries.delete(key); this.used -= entry.bytes; }
    }
  }

  /** Keys evicted since the last call: the engine's picture of this cache stays right. */
  takeEvicted(): string[] {
    const evicted = this.evictedSinceReport;
    this.evictedSinceReport = [];
    return evicted;
  }

  private drop(key: string, bytes: number): void {
    this.entries.delete(key);
    this.used -= bytes;
    this.evictedSinceReport.push(key);
  }
}
