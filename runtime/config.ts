/** Runtime settings, read once from the environment. Defaults suit one machine. */
import { availableParallelism } from 'node:os';

export interface RuntimeConfig {
  /** Pool size; 0 runs every task inline on the calling thread, sequentially (a debugging aid). */
  readonly workers: number;
  /** Tasks a worker may have posted at once: the second hides the engine's turnaround. */
  readonly tasksPerWorker: number;
  /** Bytes of versions each worker keeps decoded, so data it already holds is not read again. */
  readonly workerCacheBytes: number;
  /** Where the run directory goes; default /dev/shm when present, else the OS temp dir. */
  readonly storeRoot?: string;
  /** TASKIFY_STATS=<file>: JSON statistics written at exit. */
  readonly statsFile?: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  return {
    workers: nonNegativeInt(env, 'TASKIFY_WORKERS', availableParallelism()),
    tasksPerWorker: nonNegativeInt(env, 'TASKIFY_TASKS_PER_WORKER', 2) || 1,
    workerCacheBytes: nonNegativeInt(env, 'TASKIFY_WORKER_CACHE_MB', 512) * 1024 * 1024,
    storeRoot: env.TASKIFY_STORE || undefined,
    statsFile: env.TASKIFY_STATS || undefined,
  };
}

function nonNegativeInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  return value;
}
