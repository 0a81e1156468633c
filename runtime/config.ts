/**
 * The one place TASKIFY_* settings are read and checked. Defaults suit one machine.
 *
 * `readConfig` turns the environment into a RuntimeConfig, refusing a malformed value with one line that names the
 * variable, its value and what is accepted (`TASKIFY_WORKERS must be a whole number, 0 or more, got "four"`).
 * `checkSettings` adds what can only be checked against the machine (an output file's directory exists and may be
 * written, the cluster secret file can be read) and names that are no setting (`TASKIFY_WORKER`, a typo): the runtime
 * runs it when it is loaded (settings.ts), so that a bad setting stops the program before it does anything, rather
 * than at its first task with a stack trace, or at its end after the whole run (a trace into a missing directory).
 */
import { closest } from './spelling';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { badRedisUrl, badSetting } from './errors';

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
  /** TASKIFY_PROGRESS_AFTER_MS: how long a run lasts before the progress line appears (default 1000): quick runs print none. */
  readonly progressAfterMs: number;
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

type Env = NodeJS.ProcessEnv;

export function readConfig(env: Env = process.env): RuntimeConfig {
  return {
    workers: wholeNumber(env, 'TASKIFY_WORKERS', availableParallelism()),
    tasksPerWorker: wholeNumber(env, 'TASKIFY_TASKS_PER_WORKER', 2) || 1,
    workerCacheBytes: wholeNumber(env, 'TASKIFY_WORKER_CACHE_MB', 512) * 1024 * 1024,
    workerHeapMb: workerHeapMb(env),
    storeRoot: storeSetting(env),
    statsFile: env.TASKIFY_STATS || undefined,
    sharedMemory: flag(env, 'TASKIFY_SHM', true),
    sharedMemoryLimitBytes: wholeNumber(env, 'TASKIFY_SHM_LIMIT_MB', Infinity) * 1024 * 1024,
    traceFile: env.TASKIFY_TRACE || undefined,
    graphFile: graphFile(env),
    progress: flag(env, 'TASKIFY_PROGRESS', process.stderr.isTTY === true),
    progressAfterMs: wholeNumber(env, 'TASKIFY_PROGRESS_AFTER_MS', 1000),
    redis: redisUrl(env.TASKIFY_REDIS, 'TASKIFY_REDIS'),
    redisTtlSeconds: wholeNumber(env, 'TASKIFY_REDIS_TTL_S', 24 * 3600) || 1,
    taskTimeoutSeconds: seconds(env, 'TASKIFY_TASK_TIMEOUT'),
    stallReportSeconds: seconds(env, 'TASKIFY_STALL_REPORT', true) ?? 60,
    summary: env.TASKIFY_SUMMARY === undefined || env.TASKIFY_SUMMARY === '' ? 'long-runs' : flag(env, 'TASKIFY_SUMMARY', false) ? 'always' : 'never',
  };
}

/**
 * Everything readConfig checks, and what needs the machine: the files written at exit go into directories that
 * exist and may be written, a distributed run's secret file can be read. Throws the first problem; returns the
 * config and warnings (TASKIFY_ variables that are no setting, with the one probably meant).
 */
export function checkSettings(env: Env = process.env): { config: RuntimeConfig; warnings: string[] } {
  const config = readConfig(env);
  for (const [variable, file] of [['TASKIFY_STATS', config.statsFile], ['TASKIFY_TRACE', config.traceFile], ['TASKIFY_GRAPH', config.graphFile]]) {
    if (file) writableFile(variable!, file);
  }
  if (config.redis) clusterSecret(env);
  const warnings = Object.keys(env).filter((name) => name.startsWith('TASKIFY_') && !isSetting(name)).sort().map((name) => {
    const meant = closestSetting(name);
    return `${name} is not a taskify setting${meant ? ` (did you mean ${meant}?)` : ''}; it is ignored`;
  });
  return { config, warnings };
}

/** TASKIFY_STORE, or undefined for the default place (store/run-dir.ts checks it can be used when the run starts). */
export const storeSetting = (env: Env = process.env): string | undefined => env.TASKIFY_STORE || undefined;

/** Below this a worker thread runs out of memory loading taskify itself (measured: 4 MB fails, 8 MB starts). */
export const MIN_WORKER_HEAP_MB = 16;

/** TASKIFY_WORKER_HEAP_MB, checked; undefined keeps Node's default. Read by the pool's own thread too (local-pool.ts). */
export function workerHeapMb(env: Env): number | undefined {
  const raw = env.TASKIFY_WORKER_HEAP_MB;
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < MIN_WORKER_HEAP_MB) {
    throw badSetting('TASKIFY_WORKER_HEAP_MB', raw, `be a whole number of megabytes, at least ${MIN_WORKER_HEAP_MB}`);
  }
  return value;
}

/**
 * A redis:// or rediss:// address, checked here so that a typo fails before anything starts. `@path` reads it from
 * that file (`TASKIFY_REDIS=@/run/secrets/redis`, `--redis @…`): an address holding a password then appears in no
 * environment and no process list.
 */
export function redisUrl(given: string | undefined, where: string): string | undefined {
  if (given === undefined || given === '') return undefined;
  let raw = given;
  if (given.startsWith('@')) {
    try { raw = readFileSync(given.slice(1), 'utf8').trim(); } catch (error) {
      throw badSetting(where, given, 'name a readable file holding the Redis address after its @', (error as Error).message);
    }
    if (!raw) throw badSetting(where, given, 'name a file holding the Redis address after its @', 'it is empty');
  }
  let url: URL;
  try { url = new URL(raw); } catch { throw badRedisUrl(raw, where); }
  if ((url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '') throw badRedisUrl(raw, where);
  return raw;
}

/** The cluster secret of a distributed run: TASKIFY_SECRET, or the contents of the file TASKIFY_SECRET_FILE names. */
export function clusterSecret(env: Env = process.env): string | undefined {
  if (env.TASKIFY_SECRET) return env.TASKIFY_SECRET;
  const file = env.TASKIFY_SECRET_FILE;
  if (!file) return undefined;
  let secret: string;
  try { secret = readFileSync(file, 'utf8').trim(); } catch (error) {
    throw badSetting('TASKIFY_SECRET_FILE', file, 'name a readable file holding the cluster secret', (error as Error).message);
  }
  if (!secret) throw badSetting('TASKIFY_SECRET_FILE', file, 'name a file holding the cluster secret', 'it is empty');
  return secret;
}

const SETTINGS = new Set([
  'TASKIFY_WORKERS', 'TASKIFY_TASKS_PER_WORKER', 'TASKIFY_WORKER_CACHE_MB', 'TASKIFY_WORKER_HEAP_MB', 'TASKIFY_STORE', 'TASKIFY_STATS',
  'TASKIFY_SHM', 'TASKIFY_SHM_LIMIT_MB', 'TASKIFY_TRACE', 'TASKIFY_GRAPH', 'TASKIFY_PROGRESS', 'TASKIFY_PROGRESS_AFTER_MS', 'TASKIFY_SUMMARY', 'TASKIFY_REDIS',
  'TASKIFY_REDIS_TTL_S', 'TASKIFY_TASK_TIMEOUT', 'TASKIFY_STALL_REPORT', 'TASKIFY_SECRET', 'TASKIFY_SECRET_FILE',
  'TASKIFY_HUGEPAGES', // read by taskify run and taskify worker (hugepages.ts), allowed in a program's environment too
  'TASKIFY_PLAN_ROUNDS', // read by the plugin as it builds (transformer/rewrite/plan.ts), allowed in a program's environment too
]);
export const settingNames = (): readonly string[] => [...SETTINGS];
const isSetting = (name: string): boolean => SETTINGS.has(name);

/** The setting a misspelt name probably meant: at most two letters off (TASKIFY_WORKER, TASKIFY_GRPAH). */
const closestSetting = (name: string): string | undefined => closest(name, [...SETTINGS], 2);

function graphFile(env: Env): string | undefined {
  const file = env.TASKIFY_GRAPH;
  if (!file) return undefined;
  if (!/\.(dot|gv|svg)$/i.test(file)) throw badSetting('TASKIFY_GRAPH', file, 'name a .dot or .svg file');
  return file;
}

/** A file written at exit: its directory must exist and be writable now, not only when the run is over. */
function writableFile(variable: string, file: string): void {
  const dir = dirname(resolve(file));
  let isDirectory = false;
  try { isDirectory = statSync(dir).isDirectory(); } catch { /* said below */ }
  if (!isDirectory) throw badSetting(variable, file, 'name a file in an existing directory', `${dir} does not exist`);
  try { accessSync(dir, constants.W_OK); } catch {
    throw badSetting(variable, file, 'name a file in a directory this user may write', `${dir} is not writable`);
  }
}

function wholeNumber(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(value)) throw badSetting(name, raw, 'be a whole number, 0 or more');
  return value;
}

/** A duration in seconds, fractions allowed; `zeroAllowed`: 0 is a value (off) rather than an error. */
function seconds(env: Env, name: string, zeroAllowed = false): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || (value === 0 && !zeroAllowed)) {
    throw badSetting(name, raw, `be a ${zeroAllowed ? 'number of seconds, 0 or more (0: never)' : 'positive number of seconds'}`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw badSetting(name, raw, 'be 0 or 1');
}
