/**
 * The versions a worker holds decoded, least recently used first out, bounded by bytes. A version is
 * immutable once written, so a cached one is as good as its file; a task that modifies its argument in place
 * gets a fresh copy from the file instead (see task-worker.ts).
 */
export class VersionCache {
  private readonly entries = new Map<string, { value: unknown; bytes: number }>();
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

  /** Returns false when the value is larger than the whole budget and was not kept. */
  put(key: string, value: unknown, bytes: number): boolean {
    if (bytes > this.budget) return false;
    const old = this.entries.get(key);
    if (old) this.drop(key, old.bytes);
    this.entries.set(key, { value, bytes });
    this.used += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.used <= this.budget) break;
      this.drop(oldest, entry.bytes);
    }
    return true;
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
