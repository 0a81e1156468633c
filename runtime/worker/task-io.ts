/** What one task read, wrote and printed, reported back with its reply (task-worker.ts). */
import type { PhaseTimes, RroCounts } from '../protocol';
import type { TaskOutput } from './task-output';
import { cache } from './thread-state';
import { detachedPayload } from './detached';

export interface Io {
  bytesRead: number; bytesWritten: number; written: { key: string; bytes: number }[]; cached: string[];
  /** Set when the task has @rro arguments; when any of them is a shared-memory view, outputs are not cached. */
  rro?: RroCounts; sharedViews: boolean;
  /** What the task prints, sent with the reply (task-output.ts). */
  readonly output: TaskOutput;
  /** Objects of the main thread's snapshots the task took out of the data it wrote (detached.ts), sent with the reply. */
  readonly detached: object[];
}

export function report(io: Io, times: PhaseTimes) {
  return {
    bytesRead: io.bytesRead, bytesWritten: io.bytesWritten, times, written: io.written, cached: io.cached,
    evicted: cache.takeEvicted(), rro: io.rro, output: io.output.close(), detached: detachedPayload(io.detached),
  };
}
