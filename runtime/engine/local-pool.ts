/**
 * The pool of worker threads on one machine: piscina running worker/task-worker.js, with a balancer that sends a
 * task to the free thread holding most of its input bytes, and per-thread lists of versions that died, delivered
 * with that thread's next task. The engine thread runs tasks on one; so does each `taskify worker` machine.
 */
import { join } from 'node:path';
import { Piscina } from 'piscina';
import type { ShmSettings, WorkerReply, WorkerTask } from '../protocol';
import type { PoolWorkerData } from '../worker/task-worker';

export interface LocalPoolOptions {
  readonly workers: number;
  /** Tasks a thread may have posted at once: the second hides the turnaround. */
  readonly tasksPerWorker: number;
  /** Bytes of decoded versions each thread keeps. */
  readonly workerCacheBytes: number;
  readonly shm: ShmSettings;
}

/** Bytes of a task's inputs a thread (by id) already holds: the balancer prefers the thread with most. */
export type HeldBytes = (worker: number) => number;

/** The part of piscina's worker interface the balancer reads. */
interface PiscinaWorker { readonly id: number; readonly currentUsage: number; readonly terminating: boolean; readonly destroyed: boolean }
interface Carrier { readonly message: WorkerTask; readonly held?: HeldBytes }

export class LocalPool {
  /** Versions that died, per thread that still holds them. */
  private readonly forgetLists = new Map<number, string[]>();
  private readonly pool: Piscina;

  constructor(private readonly options: LocalPoolOptions) {
    this.pool = new Piscina({
      filename: join(__dirname, '..', 'worker', 'task-worker.js'),
      minThreads: options.workers,
      maxThreads: options.workers,
      idleTimeout: Infinity,
      concurrentTasksPerWorker: options.tasksPerWorker,
      workerData: { cacheBytes: options.workerCacheBytes, shm: options.shm } satisfies PoolWorkerData,
      loadBalancer: ((task: { [key: symbol]: unknown }, workers: PiscinaWorker[]) => this.balance(task, workers)) as never,
    });
    // piscina emits 'error' when an idle thread dies; the pool replaces it, and the caller retries a running task.
    this.pool.on('error', () => {});
  }

  /** Tasks that may run at once. */
  get capacity(): number { return this.options.workers * this.options.tasksPerWorker; }

  /** Rejects when the thread died under the task (process.exit, a crash): the caller decides about a retry. */
  run(message: WorkerTask, held?: HeldBytes): Promise<WorkerReply> {
    const carrier: Carrier = { message, held };
    return this.pool.run(Object.assign(message, { [Piscina.queueOptionsSymbol]: carrier }));
  }

  /** The version died: each thread holding it drops it with its next task. */
  forget(key: string, holders: readonly number[]): void {
    for (const worker of holders) {
      const list = this.forgetLists.get(worker) ?? [];
      list.push(key);
      this.forgetLists.set(worker, list);
    }
  }

  destroy(): Promise<void> { return this.pool.destroy(); }

  private balance(task: { [key: symbol]: unknown }, workers: PiscinaWorker[]): PiscinaWorker | null {
    const carrier = task[Piscina.queueOptionsSymbol] as Carrier | null;
    let best: PiscinaWorker | null = null;
    let bestHeld = -1;
    for (const worker of workers) {
      if (worker.terminating || worker.destroyed || worker.currentUsage >= this.options.tasksPerWorker) continue;
      const held = carrier?.held ? carrier.held(worker.id) : 0;
      if (held > bestHeld || (held === bestHeld && best !== null && worker.currentUsage < best.currentUsage)) {
        best = worker;
        bestHeld = held;
      }
    }
    if (best && carrier) {
      const forget = this.forgetLists.get(best.id);
      if (forget?.length) { carrier.message.forget = forget; this.forgetLists.set(best.id, []); }
    }
    return best;
  }
}
