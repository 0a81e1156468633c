/**
 * Where the engine's ready tasks run. The local executor is a piscina pool on this machine (the default); the
 * remote one (runtime/distributed, loaded only when TASKIFY_REDIS is set) sends them to `taskify worker` machines
 * through BullMQ. The engine keeps the graph either way; an executor only runs, stops, forgets and fetches versions.
 */
import { linkSync, rmSync } from 'node:fs';
import type { LandedVersion, WorkerReply, WorkerTask } from '../protocol';
import { versionPath } from '../store/version-file';
import { LocalPool, type LocalPoolOptions } from './local-pool';
import * as graph from './graph';

/**
 * How the engine stops a task it handed out (timeout, cancellation): an abort signal in the EventEmitter form piscina
 * accepts (`once`/`removeListener`). One is made per task, so it is the smallest thing that works: an AbortController
 * and its EventTarget cost several microseconds a task, which tiny tasks notice.
 */
export class TaskStopSignal {
  aborted = false;
  reason: unknown;
  private listener?: () => void;
  once(_event: 'abort', listener: () => void): void { this.listener = listener; }
  removeListener(_event: 'abort', _listener: () => void): void { this.listener = undefined; }
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listener = this.listener;
    this.listener = undefined;
    listener?.();
  }
}

export interface RunOptions {
  /** Aborted when the engine stops the task (timeout, cancellation): end it, its worker too, and reject. */
  readonly signal: TaskStopSignal;
  /** The task's timeout, if it has one: start it at once on a free worker, with nothing queued behind it. */
  readonly timeoutMs?: number;
  /** Called when the task is handed to a worker (piscina may queue it first): a timeout counts from here. */
  readonly onStart?: () => void;
}

export interface Executor {
  /** Tasks that may be running at once now (remote machines come and go). */
  capacity(): number;
  /** Rejects when the task's worker or machine died under it, or when it was aborted. */
  run(node: graph.TaskNode, message: WorkerTask, options: RunOptions): Promise<WorkerReply>;
  /** The version died: whoever holds it (worker ids as in WorkerReply.worker) may drop it. */
  released(key: string, holders: readonly number[]): void;
  /**
   * Make the version readable for the main thread: in the engine's run directory, or (a remote executor's blob) as
   * bytes in memory, which go to the main thread with the answer and leave no file.
   */
  fetch(key: string): Promise<LandedVersion | void>;
  /** Version `to` is to hold the same bytes as `from` (a failure ignored: its data stays as it was). */
  copyVersion(from: string, to: string): Promise<void>;
  /** Where a running task runs, for a stall report ("thread 3", "machine m1"). */
  placeOf?(taskId: number): string | undefined;
  /**
   * The error a failure that reaches the engine stands for, if the executor knows better: a client's bare
   * "Connection is closed." while the connection to Redis is being lost is that loss, named with its address.
   */
  explainFailure?(error: unknown): Error | undefined;
  close(): Promise<void>;
}

/** What an executor may tell the engine between tasks. */
export interface ExecutorHooks {
  /** Capacity grew (a machine joined): dispatch again. */
  readonly capacityChanged: () => void;
  /** The executor cannot go on (its connection is lost): fail the run with this error. */
  readonly fatal: (error: Error) => void;
}

export function localExecutor(state: graph.GraphState, options: LocalPoolOptions & { readonly runDir: string }): Executor {
  const pool = new LocalPool(options);
  return {
    capacity: () => pool.capacity,
    run: (node, message, run) => pool.run(message, (worker) => graph.bytesHeldBy(state, node, worker), run),
    released: (key, holders) => pool.forget(key, holders),
    fetch: async () => {}, // the pool's threads write into the run directory itself
    copyVersion: async (from, to) => copyVersionFile(options.runDir, from, to),
    placeOf: (taskId) => pool.placeOf(taskId),
    close: () => pool.destroy(),
  };
}

/** A version file under a second name: a hard link, since neither ever changes (a failed attempt's file goes first). */
export function copyVersionFile(runDir: string, from: string, to: string): void {
  rmSync(versionPath(runDir, to), { force: true });
  linkSync(versionPath(runDir, from), versionPath(runDir, to));
}
