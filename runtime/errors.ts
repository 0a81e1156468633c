/**
 * Every error taskify raises, as named constructors in one place, so messages stay consistent and
 * tests can match on `code`. Errors from user code are carried across threads as SerializedError and
 * rebuilt here with their original name, message, own properties and stack.
 */
import type { SerializedError } from './protocol';
import { classOf, classRefOf } from './store/classes';

export type TaskifyErrorCode =
  | 'TASKIFY_UNSUPPORTED_ARGUMENT'
  | 'TASKIFY_BAD_TASK'
  | 'TASKIFY_DEPENDENCY_FAILED'
  | 'TASKIFY_WORKER_DIED'
  | 'TASKIFY_TIMED_OUT'
  | 'TASKIFY_CANCELLED'
  | 'TASKIFY_RUN_STOPPED'
  | 'TASKIFY_ENGINE_DIED'
  | 'TASKIFY_SHUT_DOWN'
  | 'TASKIFY_REDIS';

export class TaskifyError extends Error {
  constructor(readonly code: TaskifyErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TaskifyError';
  }
}

/** `where` names the task and call site, e.g. `task scale (main.ts:12)`. */
export function unsupportedArgument(where: string, param: string, detail: string): TaskifyError {
  return new TaskifyError('TASKIFY_UNSUPPORTED_ARGUMENT',
    `${where}: parameter ${param} cannot be sent to a worker: ${detail}`);
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

export function engineDied(detail: string): TaskifyError {
  return new TaskifyError('TASKIFY_ENGINE_DIED', `the taskify engine thread stopped unexpectedly: ${detail}`);
}

export function shutDown(): TaskifyError {
  return new TaskifyError('TASKIFY_SHUT_DOWN', 'the taskify runtime was shut down; no more tasks can be submitted');
}

/** TASKIFY_REDIS or `taskify worker --redis` named a server that does not answer. */
export function redisUnreachable(url: string, detail: string): TaskifyError {
  return new TaskifyError('TASKIFY_REDIS', `cannot reach Redis at ${url}: ${detail}. ` +
    'Start one (redis-server --port <port>) or fix the address; unset TASKIFY_REDIS to run on this machine\'s pool');
}

export function redisLost(url: string, detail: string): TaskifyError {
  return new TaskifyError('TASKIFY_REDIS', `lost the connection to Redis at ${url} during the run: ${detail}; ` +
    'tasks still running on other machines are abandoned');
}

export function redisModulesMissing(detail: string): TaskifyError {
  return new TaskifyError('TASKIFY_REDIS', `running on several machines needs the packages bullmq and ioredis, ` +
    `which are not installed (${detail}): npm install bullmq ioredis`);
}

export function badRedisUrl(url: string, where: string): TaskifyError {
  return new TaskifyError('TASKIFY_REDIS', `${where} must be a redis://host:port address, got ${JSON.stringify(url)}`);
}

/** The machine's job failed outside the task (its pool thread died, its fetch failed): the task may run again. */
export function machineJobFailed(machine: string, detail: string): Error {
  return new TaskifyError('TASKIFY_WORKER_DIED', `the job on machine ${machine} failed outside the task: ${detail}`);
}

export function machineLost(machine: string, detail: string): Error {
  return new TaskifyError('TASKIFY_WORKER_DIED', `machine ${machine} stopped answering while running the task (${detail})`);
}

/**
 * Flatten an error for a postMessage: structured clone drops custom properties of errors. `chain`: the errors this one
 * is the cause of, so a `cause` that loops back is carried as a reference, not followed forever.
 */
export function serializeError(error: unknown, chain: readonly Error[] = []): SerializedError {
  if (!(error instanceof Error)) {
    // Thrown as it was (a string, a plain object): the waiter catches that value, as plain code would.
    return { name: 'Error', message: `a non-Error value was thrown: ${describeThrown(error)}`, props: {}, thrown: { value: cloneable(error) } };
  }
  const props: Record<string, unknown> = {};
  for (const key of Object.keys(error)) props[key] = cloneable((error as unknown as Record<string, unknown>)[key]);
  const within = [...chain, error];
  if (error instanceof AggregateError) props.errors = error.errors.map((e) => (e instanceof Error ? serializeError(e) : cloneable(e)));
  let causeRef: number | undefined;
  if (error.cause instanceof Error && within.includes(error.cause)) causeRef = within.indexOf(error.cause);
  else if (error.cause !== undefined) props.cause = error.cause instanceof Error ? serializeError(error.cause, within) : cloneable(error.cause);
  // An error class a module exports comes back as that class (`e instanceof BadInput` in the caller).
  const ctor = error.constructor;
  const classRef = builtinErrors[ctor?.name] === ctor ? undefined : classRefOf(ctor);
  return { name: error.name, message: error.message, stack: error.stack, props, classRef, ...(causeRef !== undefined ? { causeRef } : {}) };
}

const builtinErrors: Record<string, ErrorConstructor | AggregateErrorConstructor> = {
  Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError, AggregateError,
};

/** Rebuild a task's error in the waiting thread; `where` (task name and call site) is added to the stack. */
export function deserializeError(data: SerializedError, where: string, chain: Error[] = []): Error {
  if (data.thrown) return data.thrown.value as Error; // not an Error: the value itself
  const error = ofClass(data) ?? (data.name === 'AggregateError' ? new AggregateError([], data.message)
    : new ((builtinErrors[data.name] ?? Error) as ErrorConstructor)(data.message));
  if (error.name !== data.name) Object.defineProperty(error, 'name', { value: data.name, configurable: true, writable: true });
  const within = [...chain, error];
  for (const [key, value] of Object.entries(data.props)) {
    if (key === 'errors' && error instanceof AggregateError && Array.isArray(value)) {
      Object.defineProperty(error, 'errors', { value: value.map((e) => (isSerializedError(e) ? deserializeError(e, where) : e)), configurable: true, writable: true });
      continue;
    }
    (error as unknown as Record<string, unknown>)[key] = key === 'cause' && isSerializedError(value) ? deserializeError(value, where, within) : value;
  }
  if (data.causeRef !== undefined) (error as { cause?: unknown }).cause = within[data.causeRef];
  const stack = data.stack ?? `${data.name}: ${data.message}`;
  Object.defineProperty(error, 'stack', { value: `${stack}\n    at ${where} [taskify]`, configurable: true, writable: true });
  return error;
}

/** An instance of the error's own class, made without running its constructor (which may want other arguments). */
function ofClass(data: SerializedError): Error | undefined {
  if (!data.classRef) return undefined;
  let ctor: Function;
  try { ctor = classOf(data.classRef); } catch { return undefined; }
  const error = Object.create(ctor.prototype) as Error;
  Object.defineProperty(error, 'message', { value: data.message, configurable: true, writable: true });
  return error;
}

function isSerializedError(value: unknown): value is SerializedError {
  return typeof value === 'object' && value !== null && 'message' in value && 'props' in value && 'name' in value;
}

function cloneable(value: unknown): unknown {
  try { return structuredClone(value); } catch { return describeThrown(value); }
}

function describeThrown(value: unknown): string {
  try { return typeof value === 'string' ? JSON.stringify(value) : String(value); } catch { return Object.prototype.toString.call(value); }
}
