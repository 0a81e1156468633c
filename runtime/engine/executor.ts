/**
 * Where the engine's ready tasks run. The local executor is a piscina pool on this machine (the default); the
 * remote one (runtime/distributed, loaded only when TASKIFY_REDIS is set) sends them to `taskify worker` machines
 * through BullMQ. The engine keeps the graph either way; an executor only runs, forgets and fetches versions.
 */
import type { SerializedError, WorkerReply, WorkerTask } from '../protocol';
import { serializeError, TaskifyError, workerDied } from '../errors';
import { LocalPool, type LocalPoolOptions } from './local-pool';
import * as graph from './graph';

export interface Executor {
  /** Tasks that may be running at once now (remote machines come and go). */
  capacity(): number;
  /** Rejects when the task's worker or machine died under it: the engine may run it again. */
  run(node: graph.TaskNode, message: WorkerTask): Promise<WorkerReply>;
  /** The version died: whoever holds it (worker ids as in WorkerReply.worker) may drop it. */
  released(key: string, holders: readonly number[]): void;
  /** Make the version readable in the engine's run directory, for the main thread. */
  fetch(key: string): Promise<void>;
  close(): Promise<void>;
}

/** What an executor may tell the engine between tasks. */
export interface ExecutorHooks {
  /** Capacity grew (a machine joined): dispatch again. */
  readonly capacityChanged: () => void;
  /** The executor cannot go on (its connection is lost): fail the run with this error. */
  readonly fatal: (error: Error) => void;
}

export function localExecutor(state: graph.GraphState, options: LocalPoolOptions): Executor {
  const pool = new LocalPool(options);
  return {
    capacity: () => pool.capacity,
    run: (node, message) => pool.run(message, (worker) => graph.bytesHeldBy(state, node, worker)),
    released: (key, holders) => pool.forget(key, holders),
    fetch: async () => {}, // the pool's threads write into the run directory itself
    close: () => pool.destroy(),
  };
}

/**
 * What to do when `run` rejected (the task's worker or machine died under it), after `attempts` runs. A thread that ran
 * out of heap (TASKIFY_WORKER_OUT_OF_MEMORY, from local-pool.ts) with the task alone on it is not run again: it would
 * only run out again; shared, it runs again within the usual attempts. Either way the failure keeps the out-of-memory
 * message (heap size, TASKIFY_WORKER_HEAP_MB). Any other death: once more, then workerDied.
 */
export function afterCrash(error: unknown, attempts: number, maxAttempts: number): { retry: true } | { retry: false; error: SerializedError } {
  if (error instanceof TaskifyError && error.code === 'TASKIFY_WORKER_OUT_OF_MEMORY') {
    return (error as { retry?: boolean }).retry && attempts < maxAttempts ? { retry: true } : { retry: false, error: serializeError(error) };
  }
  if (attempts < maxAttempts) return { retry: true };
  return { retry: false, error: workerDied(attempts, error instanceof Error ? error.message : String(error)) };
}
