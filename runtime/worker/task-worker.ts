/**
 * A pool worker (piscina runs one of these per thread). It loads a task's inputs, preferring what it already
 * holds decoded, runs the user's function, stores the versions the task wrote, and reports back. It never
 * sees the graph or the scheduler: everything it knows comes in the WorkerTask message.
 */
import { threadId } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { workerData } from 'piscina';
import type { OutShape, PhaseTimes, Primitive, RroCounts, ShmSettings, WorkerArg, WorkerReply, WorkerTask } from '../protocol';
import { serializeError } from '../errors';
import { readVersion, writeVersion } from '../store/version-file';
import { UnsupportedValueError } from '../store/codec';
import { VersionCache } from './version-cache';
import { RroTable, emptyRroCounts } from './rro-table';
import { isPrimitive, isTypedArray, makeEmpty } from './shapes';
import { markThisThreadAWorker } from '../worker-flag';

/** What the engine starts each pool worker with. */
export interface PoolWorkerData { readonly cacheBytes: number; readonly shm: ShmSettings }

markThisThreadAWorker();
const settings = workerData as PoolWorkerData;
const cache = new VersionCache(settings.cacheBytes);
const rroTable = new RroTable(settings.shm);
const modules = new Map<string, Promise<Record<string, unknown>>>();
/** Objects the tasks running on this worker hold, with counts: an async task may await while another starts. */
const held = new Map<unknown, number>();
const isFree = (value: unknown): boolean => !held.has(value);

interface Io {
  bytesRead: number; bytesWritten: number; written: { key: string; bytes: number }[]; cached: string[];
  /** Set when the task has @rro arguments; when any of them is a shared-memory view, outputs are not cached. */
  rro?: RroCounts; sharedViews: boolean;
}

export default async function runTask(task: WorkerTask): Promise<WorkerReply> {
  if (task.forget) {
    cache.forget(task.forget);
    rroTable.release(task.forget);
  }
  const io: Io = { bytesRead: 0, bytesWritten: 0, written: [], cached: [], sharedViews: false };
  const times: PhaseTimes = { load: 0, run: 0, store: 0 };
  let phase: keyof PhaseTimes = 'load';
  let holding: unknown[] = [];
  let t = performance.now();
  const startedAt = performance.timeOrigin + t;
  const lap = (name: keyof PhaseTimes) => { const now = performance.now(); times[name] += now - t; t = now; };
  try {
    const fn = await loadFunction(task.module, task.name);
    const objects = new Map<string, unknown>();
    const writes: { key: string; value: unknown }[] = [];
    const modified = new Set<string>();
    collectModified(task.args, modified);
    const args = task.args.map((arg) => resolveArg(task, arg, objects, modified, writes, io));
    holding = [...objects.values()];
    for (const value of holding) held.set(value, (held.get(value) ?? 0) + 1);
    lap('load');
    phase = 'run';
    let result = fn(...args);
    if (isThenable(result)) result = await result;
    lap('run');
    phase = 'store';
    const inline = isPrimitive(result);
    const outputs = [...writes.map((w) => w.value), ...(inline ? [] : [result])];
    const exclusive = ownMemory(outputs, holding);
    if (!exclusive) for (const value of holding) cache.markShared(value);
    for (const { key, value } of writes) store(task, key, value, io, 'an argument it writes', exclusive);
    if (!inline) store(task, task.result, result, io, 'its return value', exclusive);
    lap('store');
    return { ok: true, value: inline ? (result as Primitive) : undefined, inline, worker: threadId, startedAt, ...report(io, times) };
  } catch (error) {
    lap(phase);
    return { ok: false, error: serializeError(error), worker: threadId, startedAt, ...report(io, times) };
  } finally {
    for (const value of holding) {
      const count = held.get(value)! - 1;
      if (count === 0) held.delete(value); else held.set(value, count);
    }
  }
}

function report(io: Io, times: PhaseTimes) {
  return {
    bytesRead: io.bytesRead, bytesWritten: io.bytesWritten, times, written: io.written, cached: io.cached,
    evicted: cache.takeEvicted(), rro: io.rro,
  };
}

/** Versions this task reads and modifies in place (through any of its parameters). */
function collectModified(args: readonly WorkerArg[], into: Set<string>): void {
  for (const arg of args) {
    if ('collection' in arg) collectModified(arg.collection, into);
    else if ('read' in arg && arg.read !== undefined && arg.write !== undefined) into.add(arg.read);
  }
}

function resolveArg(task: WorkerTask, arg: WorkerArg, objects: Map<string, unknown>, modified: ReadonlySet<string>,
  writes: { key: string; value: unknown }[], io: Io): unknown {
  if ('value' in arg) return arg.value;
  if ('collection' in arg) return arg.collection.map((item) => resolveArg(task, item, objects, modified, writes, io));
  // The same version passed twice is the same object, as it was in the caller.
  const identity = arg.read ?? arg.write!;
  if (objects.has(identity)) return objects.get(identity);
  let value = arg.read === undefined ? makeEmpty(arg.shape as OutShape)
    : (arg.rro && !modified.has(arg.read) && sharedView(task, arg.read, io)) || load(task, arg.read, modified.has(arg.read), io);
  // A task that uses `.buffer` must see the array's own buffer, as in the caller, not the file it was read from.
  if (arg.own && isTypedArray(value) && (value.byteOffset !== 0 || value.byteLength !== value.buffer.byteLength)) {
    value = (value as unknown as { slice(): unknown }).slice();
  }
  objects.set(identity, value);
  if (arg.write !== undefined && !writes.some((w) => w.key === arg.write)) writes.push({ key: arg.write, value });
  return value;
}

/** An @rro version from this worker's memory or as a view on the machine's shared copy; else undefined. */
function sharedView(task: WorkerTask, key: string, io: Io): unknown {
  io.rro ??= emptyRroCounts();
  // Already decoded here (this worker made it, or read it before): as good as shared, and free.
  const cached = cache.get(key);
  if (cached !== undefined) {
    io.rro.hits++;
    return cached;
  }
  const mappedBefore = rroTable.has(key);
  const view = rroTable.lookup(task.runDir, key, io.rro);
  if (view) io.sharedViews = true;
  // A new mapping is held like a cached version: the engine sends its key back (forget) when the version dies.
  if (view && !mappedBefore) io.cached.push(key);
  return view;
}

/**
 * A version from the cache, else from its file. A cached version must never change, so a task about to modify its
 * argument takes the cached object out of the cache, which is only allowed when nothing else sees it (it is cached
 * under no other version, as a task's result that is its argument would be, and no running task of this worker
 * holds it); otherwise it gets a fresh copy from the file.
 */
function load(task: WorkerTask, key: string, willModify: boolean, io: Io): unknown {
  const cached = willModify ? cache.take(key, isFree) : cache.get(key);
  if (cached !== undefined) return cached;
  const { value, bytes } = readVersion(task.runDir, key);
  io.bytesRead += bytes;
  if (!willModify && cache.put(key, value, bytes, true)) io.cached.push(key); // freshly decoded: nothing else sees it
  return value;
}

/**
 * The task's outputs are typed arrays on buffers of their own: none shares memory with another output or with an
 * input (other than itself, written in place), so a later task may take one out of the cache and modify it. Any
 * other shape may hold a part of an input (a task that returns `[x]` or `blocks[0]`): then nothing it touched is.
 */
function ownMemory(outputs: readonly unknown[], inputs: readonly unknown[]): boolean {
  const buffers = new Set<ArrayBufferLike>();
  for (const output of new Set(outputs)) {
    if (!isTypedArray(output) || buffers.has(output.buffer)) return false;
    buffers.add(output.buffer);
  }
  return inputs.every((input) => isTypedArray(input) && (outputs.includes(input) || !buffers.has(input.buffer)));
}

function store(task: WorkerTask, key: string, value: unknown, io: Io, what: string, exclusive: boolean): void {
  let bytes: number;
  try {
    bytes = writeVersion(task.runDir, key, value);
  } catch (error) {
    if (error instanceof UnsupportedValueError) {
      throw new TypeError(`task ${task.name}: ${what} cannot be stored: ${error.message}`);
    }
    throw error;
  }
  io.bytesWritten += bytes;
  io.written.push({ key, bytes });
  // An output may be (or hold) a shared-memory view, which is unmapped when its own version dies: not cached.
  if (!io.sharedViews && cache.put(key, value, bytes, exclusive)) io.cached.push(key);
}

async function loadFunction(moduleUrl: string, name: string): Promise<(...args: unknown[]) => unknown> {
  let loading = modules.get(moduleUrl);
  if (!loading) {
    loading = import(moduleUrl) as Promise<Record<string, unknown>>;
    modules.set(moduleUrl, loading);
  }
  const namespace = await loading;
  // A CommonJS module's exports may only be visible on `default`.
  const fn = namespace[name] ?? (namespace.default as Record<string, unknown> | undefined)?.[name];
  if (typeof fn !== 'function') {
    throw new TypeError(`taskify: module ${moduleUrl} has no exported function ${JSON.stringify(name)} ` +
      `(found ${fn === undefined ? 'nothing' : typeof fn}); a task must be exported from its module so a worker can import it`);
  }
  return fn as (...args: unknown[]) => unknown;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
