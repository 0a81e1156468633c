/**
 * The pool of worker threads on one machine: piscina running worker/task-worker.js, with a balancer that sends a
 * task to the free thread holding most of its input bytes, and per-thread lists of versions that died, delivered
 * with that thread's next task. The engine thread runs tasks on one; so does each `taskify worker` machine.
 */
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { Piscina } from 'piscina';
import { SHARE_ENV } from 'node:worker_threads';
import type { ProgramLook, ShmSettings, StdioLook, WorkerReply, WorkerTask } from '../protocol';
import type { RunOptions } from './executor';
import { mostHeld } from './placement';
import type { PoolWorkerData } from '../worker/task-worker';
import { workerHeapMb } from '../config';
import { stoppedBeside, workerOutOfMemory } from '../errors';

export interface LocalPoolOptions {
  readonly workers: number;
  /** Tasks a thread may have posted at once: the second hides the turnaround. */
  readonly tasksPerWorker: number;
  /** Bytes of decoded versions each thread keeps. */
  readonly workerCacheBytes: number;
  readonly shm: ShmSettings;
  /** Each thread's heap limit in MB; absent, TASKIFY_WORKER_HEAP_MB of this thread's environment, else Node's default. */
  readonly workerHeapMb?: number;
  /** The program's terminal, if it has one: the threads' stdout/stderr look like it (worker/task-output.ts). */
  readonly stdio?: StdioLook;
  /** The program's argv and main module, which task code reads as its own (worker/program-process.ts). */
  readonly program?: ProgramLook;
  /** The main thread's wake-up signal, where an async task's call says it went async (signal.ts). */
  readonly signalBuffer?: SharedArrayBuffer;
}

/** Bytes of a task's inputs a thread (by id) already holds: the balancer prefers the thread with most. */
export type HeldBytes = (worker: number) => number;

/** The part of piscina's worker interface the balancer reads. */
interface PiscinaWorker { readonly id: number; readonly currentUsage: number; readonly terminating: boolean; readonly destroyed: boolean }
interface Carrier { readonly message: WorkerTask; readonly held?: HeldBytes; readonly options?: RunOptions }

export class LocalPool {
  /** Versions that died, per thread that still holds them. */
  private readonly forgetLists = new Map<number, string[]>();
  private readonly pool: Piscina;
  /**
   * Thread of each task handed to one, until it settles: for stall reports, to keep timed tasks alone, and to know who
   * else was on a thread that died.
   */
  private readonly placed = new Map<number, { readonly worker: number; readonly timed: boolean }>();
  /** Tasks on a thread terminated to stop another task (stopThreadOf): their rejection is no failure of theirs. */
  private readonly besideStopped = new Set<number>();
  /** Threads this pool is terminating: until they are gone, piscina still lists them, and must not be given tasks. */
  private readonly stopping = new Set<number>();
  private timedRunning = 0;
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
      env: SHARE_ENV, // the program's process.env, live (engine-link.ts)
      concurrentTasksPerWorker: options.tasksPerWorker,
      workerData: { cacheBytes: options.workerCacheBytes, shm: options.shm, stdio: options.stdio, program: options.program, signal: options.signalBuffer } satisfies PoolWorkerData,
      resourceLimits: { stackSizeMb: programStackMb(), ...(this.heapMb !== undefined ? { maxOldGenerationSizeMb: this.heapMb } : {}) },
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
   * when the task ran alone there: it would only run out again. Aborting `signal` ends the task: piscina terminates
   * its thread (and starts another), so nothing of it goes on running.
   */
  run(message: WorkerTask, held?: HeldBytes, options?: RunOptions): Promise<WorkerReply> {
    const carrier: Carrier = { message, held, options };
    // piscina's own abort is used for timed tasks only: any signal given to piscina costs about 15 µs a task (measured:
    // 20000 tiny tasks, 17-23 µs without, 34-37 with). An untimed task is stopped by terminating its thread directly.
    const timed = options?.timeoutMs !== undefined;
    if (options && !timed) options.signal.once('abort', () => this.stopThreadOf(message.taskId));
    // (One .then rather than an async function: a promise hop less per task.)
    // Handed bytes are moved to the thread, not copied (a machine's fetch: distributed/machine-run.ts).
    const transferList = message.landed ? Object.values(message.landed).map((landed) => landed.bytes.buffer as ArrayBuffer) : undefined;
    const runOptions = timed || transferList ? { ...(timed ? { signal: options.signal as never } : {}), ...(transferList ? { transferList } : {}) } : undefined;
    return this.pool.run(Object.assign(message, { [Piscina.queueOptionsSymbol]: carrier }), runOptions).then(
      (reply: WorkerReply) => { this.unplace(message.taskId); return reply; },
      (error: unknown) => {
        const thrown = this.besideStopped.delete(message.taskId) ? stoppedBeside() : this.deathOf(message.taskId, error);
        this.unplace(message.taskId);
        throw thrown;
      },
    );
  }

  /**
   * The thread running the task is terminated; piscina rejects what ran on it and starts another. (Not yet on a thread:
   * piscina queues a task only when every thread is full, which the engine's capacity avoids; it would run, unheard.)
   */
  private stopThreadOf(taskId: number): void {
    const placed = this.placed.get(taskId);
    if (!placed) return;
    // The other tasks on that thread die with it through no fault of theirs (a dismissed call of a split loop stopped
    // while the next, taken one ran beside it): they reject with stoppedBeside, and run again.
    for (const [other, where] of this.placed) if (other !== taskId && where.worker === placed.worker) this.besideStopped.add(other);
    this.stopping.add(placed.worker);
    void this.pool.threads.find((thread) => thread.threadId === placed.worker)?.terminate();
  }

  private unplace(taskId: number): void {
    if (this.placed.get(taskId)?.timed) this.timedRunning--;
    this.placed.delete(taskId);
  }

  /** A thread out of heap says so, with how many tasks shared it; any other rejection is passed on as it is. */
  private deathOf(taskId: number, error: unknown): unknown {
    const thread = this.placed.get(taskId)?.worker;
    if ((error as NodeJS.ErrnoException)?.code !== 'ERR_WORKER_OUT_OF_MEMORY' || thread === undefined) return error;
    let tasks = this.diedWith.get(error as object);
    if (tasks === undefined) this.diedWith.set(error as object, tasks = [...this.placed.values()].filter((p) => p.worker === thread).length);
    return workerOutOfMemory(this.heapDescription(), tasks - 1);
  }

  /** The thread a task was handed to. */
  placeOf(taskId: number): string | undefined {
    const placed = this.placed.get(taskId);
    return placed && `thread ${placed.worker}`;
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
    const timed = carrier?.options?.timeoutMs !== undefined;
    const timedOn = this.timedRunning > 0 ? new Set([...this.placed.values()].filter((p) => p.timed).map((p) => p.worker)) : undefined;
    const best = mostHeld(workers, {
      held: (worker) => (carrier?.held ? carrier.held(worker.id) : 0),
      // A timed task starts at once and alone: its clock is its own run, and stopping it stops nothing else.
      eligible: (worker) => !worker.terminating && !worker.destroyed && !this.stopping.has(worker.id) && worker.currentUsage < this.options.tasksPerWorker &&
        !timedOn?.has(worker.id) && !(timed && worker.currentUsage > 0),
      load: (worker) => worker.currentUsage,
    });
    if (!best || !carrier) return best ?? null;
    this.placed.set(carrier.message.taskId, { worker: best.id, timed });
    if (timed) this.timedRunning++;
    carrier.options?.onStart?.();
    const forget = this.forgetLists.get(best.id);
    if (forget?.length) { carrier.message.forget = forget; this.forgetLists.set(best.id, []); }
    return best;
  }
}

/**
 * A pool thread's stack as deep as the program's thread: a recursion that overflows in the plain call (V8's 984 KB,
 * or `--stack-size`) overflows in the task too, where a thread's default 4 MB let it go five times deeper. Node keeps
 * 192 KB of a thread's stack for itself, outside V8's limit.
 */
function programStackMb(): number {
  const flag = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].map((a) => /^--stack[-_]size=(\d+)$/.exec(a)).find(Boolean);
  const kb = flag ? Number(flag[1]) : 984;
  return (kb + 192) / 1024;
}
