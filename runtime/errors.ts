/**
 * Every error taskify raises, as named constructors in one place, so messages stay consistent and
 * tests can match on `code`. Errors from user code are carried across threads as SerializedError and
 * rebuilt here with their original name, message, own properties and stack.
 */
import { dirname, join } from 'node:path';
import type { SerializedError } from './protocol';
import { describeThrown, serializeError } from './error-travel';

export type TaskifyErrorCode =
  | 'TASKIFY_UNSUPPORTED_ARGUMENT'
  | 'TASKIFY_UNSUPPORTED_OUTPUT'
  | 'TASKIFY_STORE'
  | 'TASKIFY_STORE_FULL'
  | 'TASKIFY_WORKER_OUT_OF_MEMORY'
  | 'TASKIFY_BAD_TASK'
  | 'TASKIFY_DEPENDENCY_FAILED'
  | 'TASKIFY_WORKER_DIED'
  | 'TASKIFY_STOPPED_BESIDE'
  | 'TASKIFY_TIMED_OUT'
  | 'TASKIFY_CANCELLED'
  | 'TASKIFY_RUN_STOPPED'
  | 'TASKIFY_ENGINE_DIED'
  | 'TASKIFY_SHUT_DOWN'
  | 'TASKIFY_REDIS'
  | 'TASKIFY_CORRUPT_DATA'
  | 'TASKIFY_SETTING';

export class TaskifyError extends Error {
  constructor(readonly code: TaskifyErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TaskifyError';
  }
}

/** `where` names the task and call site, e.g. `task scale (main.ts:12)`. */
export function unsupportedArgument(where: string, param: string, detail: string, cause?: Error): TaskifyError {
  return new TaskifyError('TASKIFY_UNSUPPORTED_ARGUMENT',
    `${where}: parameter ${param} cannot be sent to a worker: ${detail}`, cause ? { cause } : undefined);
}

/**
 * What a worker was storing when it failed: the task's return value, or the version a parameter (by position) writes.
 * A worker knows neither the call site nor the parameters' names: the main thread puts them in (nameOutput).
 */
export interface OutputPlace { readonly task: string; readonly argument?: number; readonly version: string }

const outputSubject = (place: OutputPlace, where?: string, params?: readonly string[]): string =>
  `${where ?? `task ${place.task}`}: ${place.argument === undefined ? 'its return value'
    : `parameter ${params?.[place.argument] ?? `#${place.argument}`}`}`;

/** `what`: the output's subject ("task t (site): parameter p"); `detail`: what the codec refused, with its path. */
export function outputUnsupported(what: string, detail: string): TaskifyError {
  return new TaskifyError('TASKIFY_UNSUPPORTED_OUTPUT', `${what} cannot be stored after the task ran: ${detail}`);
}

/** A worker's error about one of its outputs; the subject it wrote is replaced by the caller's names in nameOutput. */
export function aboutOutput(place: OutputPlace, make: (what: string) => TaskifyError): TaskifyError {
  const subject = outputSubject(place);
  return Object.assign(make(subject), { output: { ...place, subject } });
}

/** On the main thread: a task's error about an output gets the call site and the parameter's name. */
export function nameOutput(error: Error, where: string, params: readonly string[] | undefined): Error {
  // (A task may throw anything, `null` too: only taskify's own errors name an output.)
  if (!(error instanceof TaskifyError)) return error;
  const output = (error as { output?: OutputPlace & { subject: string } }).output;
  if (!output || !error.message.startsWith(output.subject)) return error;
  const message = outputSubject(output, where, params) + error.message.slice(output.subject.length);
  if (error.stack?.includes(error.message)) error.stack = error.stack.replace(error.message, message);
  error.message = message;
  return error;
}

/**
 * The store (TASKIFY_STORE, else /dev/shm or the temp dir) cannot hold a run directory: said once, at start, before
 * any task runs, in one line.
 */
export function storeUnusable(root: string, fromEnv: boolean, cause: NodeJS.ErrnoException): TaskifyError {
  const problem = {
    ENOENT: 'it does not exist', ENOTDIR: 'it is not a directory', EROFS: 'it is on a read-only file system',
    EACCES: 'this user may not write there', EPERM: 'this user may not write there', ENOSPC: 'it is full',
  }[cause.code ?? ''] ?? `${cause.code ?? 'error'}: ${cause.message}`;
  const named = fromEnv ? `TASKIFY_STORE=${root}` : `the default store ${root} (TASKIFY_STORE is not set)`;
  return new TaskifyError('TASKIFY_STORE', `taskify cannot create its run directory in ${named}: ${problem}; ` +
    `set TASKIFY_STORE to a writable directory`, { cause });
}

/**
 * Writing version `key` into the run directory failed. `what` says whose data it was ("task t (site): parameter p").
 * A full file system (ENOSPC, EDQUOT) names the store and how to get room; anything else is passed on with the file.
 */
export function storeWriteFailed(what: string, runDir: string, key: string, bytes: number, cause: unknown): TaskifyError {
  const code = (cause as NodeJS.ErrnoException)?.code;
  const store = dirname(runDir);
  const file = `${join(runDir, key)} (${bytes} bytes)`;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new TaskifyError('TASKIFY_STORE_FULL', `${what}: version ${key} could not be written: the store ${store} is full ` +
      `(${code}, writing ${file}); free space there or set TASKIFY_STORE to a directory with more room`, { cause });
  }
  return new TaskifyError('TASKIFY_STORE', `${what}: version ${key} could not be written to the store ${store} (TASKIFY_STORE): ` +
    `${code ?? 'error'} writing ${file}: ${(cause as Error)?.message ?? String(cause)}`, { cause });
}

/**
 * piscina rejected a task with ERR_WORKER_OUT_OF_MEMORY. `heap` describes the limit ("64 MB (TASKIFY_WORKER_HEAP_MB=64)").
 * `others`: tasks that ran on the same thread and died with it. Alone, the task itself used the memory and would only
 * run out again: `retry` is false. With others, any of them may be to blame, so each may run once more.
 */
export function workerOutOfMemory(heap: string, others: number): TaskifyError {
  const shared = others > 0 ? ` (it ran alongside ${others} other task(s) on that thread, so any of them may have used the memory)` : '';
  return Object.assign(new TaskifyError('TASKIFY_WORKER_OUT_OF_MEMORY',
    `the worker thread running this task ran out of memory: its JavaScript heap limit is ${heap}${shared}; ` +
    'raise TASKIFY_WORKER_HEAP_MB (megabytes per worker thread) or make the task hold less at once'), { retry: others > 0 });
}

export function badTask(detail: string): TaskifyError {
  return new TaskifyError('TASKIFY_BAD_TASK', detail);
}

export function dependencyFailed(where: string, key: string, failedWhere: string, cause: Error): TaskifyError {
  return new TaskifyError('TASKIFY_DEPENDENCY_FAILED',
    `${where} did not run: it depends on ${key}, which ${failedWhere} was to produce, and that task failed first ` +
    `(${cause instanceof Error ? `${cause.name}: ${cause.message}` : `it threw ${describeThrown(cause)}`})`, { cause });
}

/** The task ran longer than its timeout (`@timeout`, the `timeout` option, TASKIFY_TASK_TIMEOUT) and was stopped. */
export function taskTimedOut(where: string, seconds: number): TaskifyError {
  return new TaskifyError('TASKIFY_TIMED_OUT', `${where} timed out after ${seconds} s and was stopped (its worker was replaced)`);
}

export function taskCancelled(where: string): TaskifyError {
  return new TaskifyError('TASKIFY_CANCELLED', `${where} was cancelled by the program`);
}

/** A task whose failure policy is 'fail' failed, so every unfinished task of the run was stopped. */
export function runStopped(where: string, failedWhere: string, cause: Error | undefined): TaskifyError {
  const why = cause ? ` (${cause.name}: ${cause.message})` : '';
  return new TaskifyError('TASKIFY_RUN_STOPPED',
    `${where} was stopped: ${failedWhere} failed${why} and its policy (onFailure 'fail') stops the run`, { cause });
}

export function workerDied(attempts: number, detail: string): SerializedError {
  return serializeError(new TaskifyError('TASKIFY_WORKER_DIED',
    `the worker running this task died ${attempts} time(s) (${detail}); the task was retried once and is not retried again`));
}

/**
 * The thread a task ran on was terminated to stop another task running beside it (a cancellation, a timeout): not
 * the task's failure. The engine runs it again without counting the attempt.
 */
export function stoppedBeside(): TaskifyError {
  return new TaskifyError('TASKIFY_STOPPED_BESIDE', 'the thread running this task was stopped to end another task on it');
}

export function engineDied(detail: string): TaskifyError {
  return new TaskifyError('TASKIFY_ENGINE_DIED', `the taskify engine thread stopped unexpectedly: ${detail}`);
}

export function shutDown(): TaskifyError {
  return new TaskifyError('TASKIFY_SHUT_DOWN', 'the taskify runtime was shut down; no more tasks can be submitted');
}

/** A Redis address as it may be shown: any password (`redis://:secret@host`) is replaced by `***`. */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '***';
    return parsed.href;
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

/** TASKIFY_REDIS or `taskify worker --redis` named a server that does not answer, or refused the credentials. */
export function redisUnreachable(url: string, detail: string): TaskifyError {
  if (/WRONGPASS|NOAUTH|invalid password|invalid username-password/i.test(detail)) {
    return new TaskifyError('TASKIFY_REDIS', `Redis at ${shownUrl(url)} refused the credentials: ${detail}. ` +
      'Give the server\'s password in the address (redis://:password@host:port, or rediss:// for TLS)');
  }
  return new TaskifyError('TASKIFY_REDIS', `cannot reach Redis at ${shownUrl(url)}: ${detail}. ` +
    'Start one (redis-server --port <port>) or fix the address; unset TASKIFY_REDIS to run on this machine\'s pool');
}

export function redisLost(url: string, detail: string): TaskifyError {
  return new TaskifyError('TASKIFY_REDIS', `lost the connection to Redis at ${shownUrl(url)} during the run: ${detail}; ` +
    'tasks still running on other machines are abandoned');
}

/** Said on stderr (master and machines) while Redis keeps a connection open and answers nothing. */
export function redisStalled(url: string, waited: string, then: string): string {
  return `Redis at ${shownUrl(url)} has not answered for ${waited} (stopped, overloaded, or the network stalled); ${then}`;
}

export function redisModulesMissing(detail: string): TaskifyError {
  return new TaskifyError('TASKIFY_REDIS', `running on several machines needs the packages bullmq, ioredis and @node-rs/xxhash, ` +
    `which are not installed (${detail}): npm install bullmq ioredis @node-rs/xxhash`);
}

/**
 * A version's bytes from Redis or a job are not what was sent (checksum, size, or a chunk missing): `what` names
 * the data and who needed it (the task and argument, or the main thread). Never retried as a crash: the same bytes
 * would come again.
 */
export function corruptData(what: string, detail: string): TaskifyError {
  return new TaskifyError('TASKIFY_CORRUPT_DATA', `${what} arrived damaged from Redis (${detail}): refused, nothing decoded it`);
}

/** A TASKIFY_* variable with a value that cannot work: its name, the value and what it accepts, in one line. */
export function badSetting(variable: string, value: string, must: string, detail?: string): TaskifyError {
  return new TaskifyError('TASKIFY_SETTING', `${variable} must ${must}, got ${JSON.stringify(value)}${detail ? ` (${detail})` : ''}`);
}

export function badRedisUrl(url: string, where: string): TaskifyError {
  return new TaskifyError('TASKIFY_REDIS', `${where} must be a redis://host:port address, got ${JSON.stringify(shownUrl(url))}`);
}

/** The machine's job failed outside the task (its pool thread died, its fetch failed): the task may run again. */
export function machineJobFailed(machine: string, detail: string): Error {
  return new TaskifyError('TASKIFY_WORKER_DIED', `the job on machine ${machine} failed outside the task: ${detail}`);
}

export function machineLost(machine: string, detail: string): Error {
  return new TaskifyError('TASKIFY_WORKER_DIED', `machine ${machine} stopped answering while running the task (${detail})`);
}

export { serializeError, deserializeError } from './error-travel';
