/** Runtime settings, read once from the environment. Defaults suit one machine. */
import { availableParallelism } from 'node:os';
import { badRedisUrl } from './errors';

export interface RuntimeConfig {
  /** Pool size; 0 runs every task inline on the calling thread, sequentially (a debugging aid). */
  readonly workers: number;
  /** Tasks a worker may have posted at once: the second hides the engine's turnaround. */
  readonly tasksPerWorker: number;
  /** Bytes of versions each worker keeps decoded, so data it already holds is not read again. */
  readonly workerCacheBytes: number;
  /**
   * TASKIFY_WORKER_HEAP_MB: each pool thread's JavaScript heap limit (piscina's resourceLimits.maxOldGenerationSizeMb).
   * Unset, Node's own default, which V8 sizes from the machine's memory (about 4 GB on a 64-bit machine with 16 GB):
   * a smaller default would fail tasks that hold large object graphs and run fine today, and typed arrays (most data)
   * live outside this heap anyway. Setting it makes an out-of-memory task fail in seconds rather than after V8 has
   * struggled near a 4 GB limit (33 s measured), and keeps several threads from taking the machine's memory together.
   */
  readonly workerHeapMb?: number;
  /** Where the run directory goes; default /dev/shm when present, else the OS temp dir. */
  readonly storeRoot?: string;
  /** TASKIFY_STATS=<file>: JSON statistics written at exit. */
  readonly statsFile?: string;
  /** TASKIFY_SHM=0 reads @rro arguments from their files like any other (no shared memory). */
  readonly sharedMemory: boolean;
  /** TASKIFY_SHM_LIMIT_MB: most bytes the run's shared-memory segments may take; Infinity when unset. */
  readonly sharedMemoryLimitBytes: number;
  /** TASKIFY_TRACE=<file.json>: a Chrome trace-event file of the run, written at exit. */
  readonly traceFile?: string;
  /** TASKIFY_GRAPH=<file.dot|file.svg>: the task graph, written at exit. */
  readonly graphFile?: string;
  /** TASKIFY_PROGRESS: the live progress line; default on when stderr is a terminal. */
  readonly progress: boolean;
  /** TASKIFY_SUMMARY: 1 always, 0 never; unset, after runs longer than 10 s on a terminal. */
  readonly summary: 'always' | 'never' | 'long-runs';
  /** TASKIFY_REDIS=redis://host:port: run tasks on `taskify worker` machines through BullMQ instead of a local pool. */
  readonly redis?: string;
  /** TASKIFY_REDIS_TTL_S: the expiry of the run's Redis keys, a safety net for a run that was killed (default one day). */
  readonly redisTtlSeconds: number;
  /** TASKIFY_TASK_TIMEOUT (seconds): the timeout of tasks that set none (`@timeout`, the `timeout` option); none when unset. */
  readonly taskTimeoutSeconds?: number;
  /** TASKIFY_STALL_REPORT (seconds, default 60; 0: never): say what runs and what waits when a wait makes no progress. */
  readonly stallReportSeconds: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  return {
    workers: nonNegativeInt(env, 'TASKIFY_WORKERS', availableParallelism()),
    tasksPerWorker: nonNegativeInt(env, 'TASKIFY_TASKS_PER_WORKER', 2) || 1,
    workerCacheBytes: nonNegativeInt(env, 'TASKIFY_WORKER_CACHE_MB', 512) * 1024 * 1024,
    workerHeapMb: workerHeapMb(env),
    storeRoot: env.TASKIFY_STORE || undefined,
    statsFile: env.TASKIFY_STATS || undefined,
    sharedMemory: flag(env, 'TASKIFY_SHM', true),
    sharedMemoryLimitBytes: nonNegativeInt(env, 'TASKIFY_SHM_LIMIT_MB', Infinity) * 1024 * 1024,
    traceFile: env.TASKIFY_TRACE || undefined,
    graphFile: graphFile(env),
    progress: flag(env, 'TASKIFY_PROGRESS', process.stderr.isTTY === true),
    redis: redisUrl(env.TASKIFY_REDIS, 'TASKIFY_REDIS'),
    redisTtlSeconds: nonNegativeInt(env, 'TASKIFY_REDIS_TTL_S', 24 * 3600) || 1,
    taskTimeoutSeconds: positiveSeconds(env, 'TASKIFY_TASK_TIMEOUT'),
    stallReportSeconds: positiveSeconds(env, 'TASKIFY_STALL_REPORT', true) ?? 60,
    summary: env.TASKIFY_SUMMARY === undefined || env.TASKIFY_SUMMARY === '' ? 'long-runs' : flag(env, 'TASKIFY_SUMMARY', false) ? 'always' : 'never',
  };
}

/** Below this a worker thread runs out of memory loading taskify itself (measured: 4 MB fails, 8 MB starts). */
export const MIN_WORKER_HEAP_MB = 16;

/** TASKIFY_WORKER_HEAP_MB, checked; undefined keeps Node's default. Read by the pool's own thread too (local-pool.ts). */
export function workerHeapMb(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.TASKIFY_WORKER_HEAP_MB;
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < MIN_WORKER_HEAP_MB) {
    throw new Error(`TASKIFY_WORKER_HEAP_MB must be a whole number of megabytes, at least ${MIN_WORKER_HEAP_MB}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** A redis:// or rediss:// address, checked here so that a typo fails before anything starts. */
export function redisUrl(raw: string | undefined, where: string): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try { url = new URL(raw); } catch { throw badRedisUrl(raw, where); }
  if ((url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '') throw badRedisUrl(raw, where);
  return raw;
}

function graphFile(env: NodeJS.ProcessEnv): string | undefined {
  const file = env.TASKIFY_GRAPH;
  if (!file) return undefined;
  if (!/\.(dot|gv|svg)$/i.test(file)) throw new Error(`TASKIFY_GRAPH must name a .dot or .svg file, got ${JSON.stringify(file)}`);
  return file;
}

function nonNegativeInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  return value;
}

/** A duration in seconds, fractions allowed; `zeroAllowed`: 0 is a value (off) rather than an error. */
function positiveSeconds(env: NodeJS.ProcessEnv, name: string, zeroAllowed = false): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !zeroAllowed)) {
    throw new Error(`${name} must be a ${zeroAllowed ? 'non-negative' : 'positive'} number of seconds, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new Error(`${name} must be 0 or 1, got ${JSON.stringify(raw)}`);
}
