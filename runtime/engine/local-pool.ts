/**
 * The pool of worker threads on one machine: piscina running worker/task-worker.js, with a balancer that sends a
 * task to the free thread holding most of its input bytes, and per-thread lists of versions that died, delivered
 * with that thread's next task. The engine thread runs tasks on one; so does each `taskify worker` machine.
 */
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { Piscina } from 'piscina';
import type { ShmSettings, WorkerReply, WorkerTask } from '../protocol';
import type { PoolWorkerData } from '../worker/task-worker';
import { workerHeapMb } from '../config';
import { workerOutOfMemory } from '../errors';

export interface LocalPoolOptions {
  readonly workers: number;
  /** Tasks a thread may have posted at once: the second hides the turnaround. */
  readonly tasksPerWorker: number;
  /** Bytes of decoded versions each thread keeps. */
  readonly workerCacheBytes: number;
  readonly shm: ShmSettings;
  /** Each thread's heap limit in MB; absent, TASKIFY_WORKER_HEAP_MB of this thread's environment, else Node's default. */
  readonly workerHeapMb?: number;
}

/** Bytes of a task's inputs a thread (by id) already holds: the balancer prefers the thread with most. */
export type HeldBytes = (worker: number) => number;

/** The part of piscina's worker interface the balancer reads. */
interface PiscinaWorker { readonly id: number; readonly currentUsage: number; readonly terminating: boolean; readonly destroyed: boolean }
/** `thread`: where the balancer put the task, to know who else was on it if it dies. */
interface Carrier { readonly message: WorkerTask; readonly held?: HeldBytes; thread?: number }

export class LocalPool {
  /** Versions that died, per thread that still holds them. */
  private readonly forgetLists = new Map<number, string[]>();
  private readonly pool: Piscina;
  /** Tasks posted to each thread and not yet settled. */
  private readonly onThread = new Map<number, number>();
  /** A dying thread rejects all its tasks with one error: how many tasks it had, counted when the first settles. */
  private readonly diedWith = new WeakMap<object, number>();
  private readonly heapMb: number | undefined;

  constructor(private readonly options: LocalPoolOptions) {
    this.heapMb = options.workerHeapMb ?? workerHeapMb(process.env);
    this.pool = new Piscina({
      filename: join(__dirname, '..', 'worker', 'task-worker.js'),
      minThreads: options.workers,
      maxThreads: options.workers,
      idleTimeout: Infinity,
      concurrentTasksPerWorker: options.tasksPerWorker,
      workerData: { cacheBytes: options.workerCacheBytes, shm: options.shm } satisfies PoolWorkerData,
      ...(this.heapMb !== undefined ? { resourceLimits: { maxOldGenerationSizeMb: this.heapMb } } : {}),
      loadBalancer: ((task: { [key: symbol]: unknown }, workers: PiscinaWorker[]) => this.balance(task, workers)) as never,
    });
    // piscina emits 'error' when an idle thread dies; the pool replaces it, and the caller retries a running task.
    this.pool.on('error', () => {});
  }

  /** Tasks that may run at once. */
  get capacity(): number { return this.options.workers * this.options.tasksPerWorker; }

  /**
   * Rejects when the thread died under the task (process.exit, a crash): the caller decides about a retry. A thread
   * that ran out of heap rejects with workerOutOfMemory (code TASKIFY_WORKER_OUT_OF_MEMORY), whose `retry` is false
   * when the task ran alone there: it would only run out again.
   */
  async run(message: WorkerTask, held?: HeldBytes): Promise<WorkerReply> {
    const carrier: Carrier = { message, held };
    try {
      return await this.pool.run(Object.assign(message, { [Piscina.queueOptionsSymbol]: carrier }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException)?.code !== 'ERR_WORKER_OUT_OF_MEMORY' || carrier.thread === undefined) throw error;
      let tasks = this.diedWith.get(error as object);
      if (tasks === undefined) this.diedWith.set(error as object, tasks = this.onThread.get(carrier.thread) ?? 1);
      throw workerOutOfMemory(this.heapDescription(), tasks - 1);
    } finally {
      const left = carrier.thread !== undefined ? (this.onThread.get(carrier.thread) ?? 1) - 1 : 0;
      if (left > 0) this.onThread.set(carrier.thread!, left); else if (carrier.thread !== undefined) this.onThread.delete(carrier.thread);
    }
  }

  /** The limit a thread ran into, for the message: the setting, or Node's default as this thread (also a worker) has it. */
  private heapDescription(): string {
    if (this.heapMb !== undefined) return `${this.heapMb} MB (TASKIFY_WORKER_HEAP_MB=${this.heapMb})`;
    return `Node's default, about ${Math.round(getHeapStatistics().heap_size_limit / 2 ** 20)} MB here (TASKIFY_WORKER_HEAP_MB is not set)`;
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
      carrier.thread = best.id;
      this.onThread.set(best.id, (this.onThread.get(best.id) ?? 0) + 1);
      const forget = this.forgetLists.get(best.id);
      if (forget?.length) { carrier.message.forget = forget; this.forgetLists.set(best.id, []); }
    }
    return best;
  }
}
