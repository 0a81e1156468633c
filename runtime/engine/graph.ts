/**
 * The task graph as plain data, changed only by the small named functions below, so every policy can be
 * tested against literal states without threads (in the manner of Dask's local scheduler). The state's types are in
 * graph-state.ts, a version's life in graph-release.ts, the spread of a failure in graph-failure.ts.
 *
 * Policy:
 * - Data is versioned. Every write (an `inout`/`out` argument, a task's result, the main thread's snapshot of an
 *   object it changed) creates a fresh version `d<id>v<ver>` and makes it the data's latest.
 * - A task waits only for the producers of the versions it reads: read-after-write. Write-after-read and
 *   write-after-write need no edge because a writer never overwrites a version someone may still read.
 * - A version is released (its file deleted) once it is dead: superseded by a newer version or its data
 *   deleted, no unfinished task reads it, and its producer is no longer running.
 * - A failed task fails every task that reads what it would have produced, transitively, naming the first failure.
 */
import { versionKey, type Primitive, type SubmitMsg } from '../protocol';
import { mostHeld } from './placement';
import { collectAccesses, dataOf, readOf } from './accesses';
import { noEffects, type Effects, type GraphState, type TaskNode, type VersionNode } from './graph-state';
import { makeLatest, markReady, releaseIfDead, retire, tombstone } from './graph-release';
import { cancel, failDownstream } from './graph-failure';
import { failuresMet, holdSuperseded, noteFailure, releaseHolds } from './graph-holds';

export { failuresMet };

export { emptyGraph, type Effects, type GraphState, type TaskNode, type TaskState, type VersionNode } from './graph-state';

/** The main thread wrote a snapshot of an object: a new available version that becomes the data's latest. */
export function addSnapshot(state: GraphState, data: number, version: number, bytes: number, effects = noEffects()): Effects {
  const key = versionKey(data, version);
  if (state.versions.has(key)) return effects; // the same snapshot reused by a later call
  state.versions.set(key, { key, data, producer: null, state: 'available', bytes, readers: 0, live: true, holders: [] });
  makeLatest(state, data, key, effects);
  return effects;
}

/** Add a submitted task: link it to the producers of what it reads and register the versions it writes. */
export function addTask(state: GraphState, msg: SubmitMsg): Effects {
  const effects = noEffects();
  for (const s of msg.snapshots) addSnapshot(state, s.data, s.version, s.bytes, effects);

  const reads = new Set<string>();
  const writes: string[] = [];
  collectAccesses(msg.args, reads, writes);
  const result = versionKey(msg.result, 1);
  writes.push(result);

  const task: TaskNode = {
    id: msg.taskId, def: msg.def, args: msg.args, reads: [...reads], writes, result, ...(msg.inspect ? { inspect: msg.inspect } : {}),
    missing: 0, dependents: [], state: 'waiting', attempts: 0,
  };
  state.tasks.set(task.id, task);
  if (state.stoppedBy !== undefined) {
    for (const key of task.reads) { const version = state.versions.get(key); if (version) version.readers++; }
    // Never made latest: the data keeps the version the program has.
    for (const key of writes) state.versions.set(key, { key, data: dataOf(key), producer: task.id, state: 'pending', bytes: 0, readers: 0, live: false, holders: [] });
    cancel(state, task, result, state.stoppedBy, effects);
    return effects;
  }

  let failedInput: VersionNode | undefined;
  for (const key of task.reads) {
    const version = state.versions.get(key) ?? tombstone(state, key);
    if (version === undefined) throw new Error(`taskify internal error: task ${task.id} reads unknown version ${key}`);
    version.readers++;
    if (version.state === 'failed') failedInput ??= version;
    else if (version.state === 'pending') {
      task.missing++;
      state.tasks.get(version.producer!)!.dependents.push(task.id);
    }
  }
  for (const key of writes) {
    const data = dataOf(key);
    const superseded = key === result ? undefined : state.versions.get(state.latest.get(data) ?? '');
    if (superseded) holdSuperseded(state, task.id, superseded);
    state.versions.set(key, { key, data, producer: task.id, state: 'pending', bytes: 0, readers: 0, live: true, holders: [] });
    makeLatest(state, data, key, effects);
  }

  if (failedInput) cancel(state, task, failedInput.key, failedInput.failedBy ?? failedInput.producer!, effects);
  else if (task.missing === 0) markReady(state, task, effects);
  return effects;
}

export function startTask(state: GraphState, taskId: number): TaskNode {
  const task = state.tasks.get(taskId)!;
  task.state = 'running';
  task.attempts++;
  return task;
}

/** A task ran to completion: its versions exist, its readers may start, and what it read may die. */
export function finishTask(state: GraphState, taskId: number,
  written: readonly { readonly key: string; readonly bytes: number }[], inline?: { value: Primitive }): Effects {
  const effects = noEffects();
  const task = state.tasks.get(taskId)!;
  task.state = 'done';
  const sizes = new Map(written.map((w) => [w.key, w.bytes]));
  for (const key of task.writes) {
    const version = state.versions.get(key);
    if (!version) continue; // released while running (deleted data)
    version.state = 'available';
    version.bytes = sizes.get(key) ?? 0;
    if (key === task.result && inline) version.inline = inline;
    releaseIfDead(state, version, effects);
  }
  for (const dependentId of task.dependents) {
    const dependent = state.tasks.get(dependentId);
    // Gone already when another of its inputs failed: it was cancelled.
    if (dependent?.state === 'waiting' && --dependent.missing === 0) markReady(state, dependent, effects);
  }
  retire(state, task, effects);
  releaseHolds(state, effects);
  return effects;
}

/**
 * A task threw (or its worker died twice): it and everything downstream of it fail. `written`: versions it stored
 * before failing (what its inout arguments held when it threw); for every other version it was to write, the
 * version it read stays the data's latest, so the caller can get the last good contents back.
 */
export function failTask(state: GraphState, taskId: number, written: readonly string[] = []): Effects {
  const effects = noEffects();
  const task = state.tasks.get(taskId)!;
  task.state = 'failed';
  noteFailure(state, task.id);
  failDownstream(state, task, task.id, effects, written);
  retire(state, task, effects);
  releaseHolds(state, effects);
  return effects;
}

/**
 * An async task's Promise rejected: in plain code the call had returned and the program went on, and its later calls
 * read what the function wrote before it failed. So when the worker stored every version the task was to write (it
 * stores them as they are when the task fails: worker/task-worker.ts storeAtThrow), the task counts as done for its
 * readers (its result, a Promise's, is nobody's argument); the program still gets the failure through the Promise.
 * Undefined when a version is missing: then it fails with its successors like any task.
 */
export function keepRejectedWrites(state: GraphState, taskId: number, written: readonly { readonly key: string; readonly bytes: number }[]): Effects | undefined {
  const task = state.tasks.get(taskId)!;
  const stored = new Set(written.map((w) => w.key));
  if (task.writes.some((key) => key !== task.result && state.versions.has(key) && !stored.has(key))) return undefined;
  return finishTask(state, taskId, written, { value: undefined });
}

/**
 * Stop a task that has not finished, whatever its state (the program cancelled it, it timed out, the run stopped):
 * it fails like a task that threw, without writing anything.
 */
export function stopTask(state: GraphState, taskId: number): Effects {
  const at = state.ready.indexOf(taskId);
  if (at >= 0) state.ready.splice(at, 1);
  return failTask(state, taskId);
}

/**
 * A failed task whose policy is 'ignore' counts as done: each version it was to write holds what it read of the same
 * data, and its result is undefined. `copies` must exist as files before `finish()`, which may release what was read.
 */
export function ignoreFailure(state: GraphState, taskId: number): { copies: { from: string; to: string }[]; finish: () => Effects } {
  const task = state.tasks.get(taskId)!;
  const copies: { from: string; to: string }[] = [];
  const written: { key: string; bytes: number }[] = [];
  for (const key of task.writes) {
    const version = state.versions.get(key);
    if (key === task.result || !version) continue;
    const read = readOf(task.args, version.data);
    if (read === undefined) continue; // an `out` parameter: task definitions with 'ignore' pass them inout
    const from = versionKey(version.data, read);
    copies.push({ from, to: key });
    written.push({ key, bytes: state.versions.get(from)?.bytes ?? 0 });
  }
  return { copies, finish: () => finishTask(state, taskId, written, { value: undefined }) };
}

/** The worker running the task died: run it again. */
export function requeueTask(state: GraphState, taskId: number): void {
  const task = state.tasks.get(taskId)!;
  task.state = 'ready';
  state.ready.unshift(taskId);
}

/** The user deleted the object or it was collected: its latest version dies once nothing needs it. */
export function deleteData(state: GraphState, data: number): Effects {
  const effects = noEffects();
  for (const key of state.failed.keys()) if (dataOf(key) === data) state.failed.delete(key);
  const key = state.latest.get(data);
  if (key === undefined) return effects;
  state.latest.delete(data);
  const version = state.versions.get(key);
  if (version) {
    version.live = false;
    releaseIfDead(state, version, effects);
  }
  return effects;
}

/** A worker reported what its cache now holds. */
export function recordHolding(state: GraphState, worker: number, cached: readonly string[], evicted: readonly string[]): void {
  for (const key of evicted) {
    const version = state.versions.get(key);
    if (version) version.holders = version.holders.filter((w) => w !== worker);
  }
  for (const key of cached) {
    const version = state.versions.get(key);
    if (version && !version.holders.includes(worker)) version.holders.push(worker);
  }
}

/** Take the next ready task, preferring one whose inputs `worker` already holds (scanning a bounded window). */
export function takeReady(state: GraphState, worker?: number, window = 32): TaskNode | undefined {
  if (state.ready.length === 0) return undefined;
  const pick = worker === undefined ? 0
    : mostHeld(state.ready.slice(0, window).keys(), { held: (i) => bytesHeldBy(state, state.tasks.get(state.ready[i])!, worker) })!;
  const [taskId] = state.ready.splice(pick, 1);
  return state.tasks.get(taskId);
}

/** Bytes of a task's inputs that a worker already holds: the scheduler's measure of locality. */
export function bytesHeldBy(state: GraphState, task: TaskNode, worker: number): number {
  let held = 0;
  for (const key of task.reads) {
    const version = state.versions.get(key);
    if (version && version.holders.includes(worker)) held += version.bytes;
  }
  return held;
}
