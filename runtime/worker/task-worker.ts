/**
 * A pool worker (piscina runs one of these per thread). It loads a task's inputs, preferring what it already
 * holds decoded, runs the user's function, stores the versions the task wrote, and reports back. It never
 * sees the graph or the scheduler: everything it knows comes in the WorkerTask message.
 */
import { settlesLater } from './settles-later';
import { threadId } from 'node:worker_threads';
import { workerData } from 'piscina';
import type { OutShape, PhaseTimes, Primitive, ProgramLook, RroCounts, ShmSettings, StdioLook, ViewSpec, WorkerArg, WorkerReply, WorkerTask } from '../protocol';
import { ARGUMENT_ORIGIN, forEachLeaf } from '../protocol';
import { aboutOutput, outputUnsupported, serializeError, storeWriteFailed, type OutputPlace } from '../errors';
import { readVersionBytes, writeEncoded, writeVersion } from '../store/version-file';
import { classesOf, decodeValue, encodeValue, UnsupportedValueError, type EncodedValue, type EncodeOptions, type ObjectOrigin } from '../store/codec';
import { importClasses } from '../store/classes';
import { VersionCache } from './version-cache';
import { RroTable, emptyRroCounts } from './rro-table';
import { isPrimitive, isTypedArray, makeEmpty, typedArrays } from './shapes';
import { markThisThreadAWorker } from '../worker-flag';
import { applyModuleState, keepModuleState } from '../api/module-state';
import { PhaseClock } from './phase-clock';
import { TaskOutput, callWithOutput, captureTaskOutput, settled } from './task-output';
import { loadFunction } from './task-functions';
import { followTimeZone, lookLikeProgram } from './program-process';
import { heldByError, nameSharedNewObjects } from './shared-outputs';
import { argumentViews } from '../argument-views';

/**
 * What the engine starts each pool worker with. `stdio`: the program's terminal, when it has one; `program`: its argv
 * and main module (program-process.ts).
 */
export interface PoolWorkerData { readonly cacheBytes: number; readonly shm: ShmSettings; readonly stdio?: StdioLook; readonly program?: ProgramLook }

markThisThreadAWorker();
const settings = workerData as PoolWorkerData;
captureTaskOutput(settings.stdio);
lookLikeProgram(settings.program);
const cache = new VersionCache(settings.cacheBytes);
const rroTable = new RroTable(settings.shm);
/** Objects the tasks running on this worker hold, with counts: an async task may await while another starts. */
const held = new Map<unknown, number>();
const isFree = (value: unknown): boolean => !held.has(value);
/**
 * Where each decoded object came from in the main thread's snapshots: written with the versions a task produces, so
 * the caller's own objects receive the contents. Objects a task creates have none.
 */
const origins = new WeakMap<object, ObjectOrigin>();
const recordOrigin = (object: object, _index: number, origin: ObjectOrigin | undefined) => {
  if (origin && origin.data !== ARGUMENT_ORIGIN) origins.set(object, origin);
};
const dataOrigins: EncodeOptions = { originOf: (object) => origins.get(object) };

interface Io {
  bytesRead: number; bytesWritten: number; written: { key: string; bytes: number }[]; cached: string[];
  /** Set when the task has @rro arguments; when any of them is a shared-memory view, outputs are not cached. */
  rro?: RroCounts; sharedViews: boolean;
  /** What the task prints, sent with the reply (task-output.ts). */
  readonly output: TaskOutput;
}

/**
 * Tasks sharing this thread (TASKIFY_TASKS_PER_WORKER) call their functions in the order they arrived, and a task
 * calls its function only once the replies of tasks that ended here were posted. piscina posts a reply a few
 * microtasks after runTask returns; a later task reaching its synchronous call first would hold that reply back
 * until it ends, forever if it never does (a split callback's later element looping while element 0 threw).
 */
let lastArrived: Promise<void> | undefined;
/** Tasks of this thread that ended: one that ended after a task arrived may not have had its reply posted yet. */
let ended = 0;
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export default async function runTask(task: WorkerTask): Promise<WorkerReply> {
  const before = lastArrived;
  let endedSeen = ended; // a task that ended before this one arrived had its reply posted (piscina reads after posting)
  let startTurn!: () => void;
  const turn = new Promise<void>((resolve) => { startTurn = resolve; });
  lastArrived = turn;
  const started = () => { startTurn(); if (lastArrived === turn) lastArrived = undefined; };
  followTimeZone();
  if (task.forget) {
    cache.forget(task.forget);
    rroTable.release(task.forget);
  }
  const io: Io = { bytesRead: 0, bytesWritten: 0, written: [], cached: [], sharedViews: false, output: new TaskOutput() };
  const clock = new PhaseClock();
  const { times, startedAt } = clock;
  let phase: 'load' | 'run' | 'store' = 'load';
  let rejected: true | undefined, wentAsync: true | undefined; // the Promise it returned (see WorkerReply)
  let holding: unknown[] = [];
  /** The call's argument objects by ref, once loaded: an error that holds one names it (error-travel.ts). */
  let argRefs: ReadonlyMap<unknown, number> | undefined;
  const lap = (name: typeof phase) => clock.lap(name, name === 'store');
  try {
    const fn = await loadFunction(task.module, task.name);
    const modified = new Set<string>();
    collectModified(task.args, modified);
    const call: Call = { data: new Map(), refs: new Map(), objects: new Map(), writes: [], roots: new Map(), modified };
    argRefs = call.refs;
    const args: unknown[] = [];
    for (const [i, arg] of task.args.entries()) args.push(await resolveArg(task, arg, call, io, i));
    // Our turn (lastArrived) is taken after the last await before the call: no other task's module state comes between.
    if (before) await before;
    while (ended !== endedSeen) { endedSeen = ended; await nextTurn(); } // their replies leave first
    started();
    // Module state the task reads: this thread's module objects take the call's snapshots (the module is loaded).
    const state = task.state ? args.splice(args.length - task.state.length) : [];
    if (task.state) applyModuleState(task.state, state, task.name, (target, source) => { const origin = origins.get(source); if (origin) origins.set(target, origin); });
    // What the task changes of state tasks keep goes back as the new version of that argument (api/module-state.ts).
    const keepState = () => { if (task.state) keepModuleState(task.state, state, task.args.slice(task.args.length - state.length), task.name); };
    holding = [...call.data.values()];
    for (const value of holding) held.set(value, (held.get(value) ?? 0) + 1);
    lap('load');
    phase = 'run';
    let result: unknown;
    try {
      result = clock.own(() => callWithOutput(fn, args, io.output));
      if (isThenable(result)) {
        try { wentAsync = await settlesLater(result); result = await result; } catch (error) { rejected = true; throw error; } finally { settled(io.output); }
      }
      keepState();
    } catch (error) {
      lap('run');
      try { keepState(); } catch { /* the task's own failure is the one to report */ }
      storeAtThrow(task, call, io);
      throw error;
    }
    lap('run');
    phase = 'store';
    const inline = isPrimitive(result);
    const outputs = [...call.writes.map((w) => w.value), ...(inline ? [] : [result])];
    nameSharedNewObjects(task.taskId, outputs, origins, (object) => call.refs.has(object) || call.writes.some((w) => w.value === object));
    const exclusive = ownMemory(outputs, holding);
    if (!exclusive) for (const value of holding) cache.markShared(value);
    for (const { key, value, writers } of call.writes) store(task, key, value, io, writers, exclusive, dataOrigins);
    // A returned argument (or a part of one) says so, so that the caller gets its own object back.
    const viewOf = argumentViews(call.refs);
    const resultOrigins: EncodeOptions = {
      originOf: (object) => {
        const ref = call.refs.get(object);
        return ref !== undefined ? { data: ARGUMENT_ORIGIN, index: ref } : origins.get(object) ?? viewOf(object);
      },
    };
    if (!inline) store(task, task.result, result, io, { task: task.name, version: task.result }, exclusive, resultOrigins);
    lap('store');
    return { ok: true, value: inline ? (result as Primitive) : undefined, inline, wentAsync, worker: threadId, startedAt, ...report(io, times) };
  } catch (error) {
    if (phase !== 'run') lap(phase);
    return { ok: false, error: serializeError(error, [], heldByError(argRefs, origins)), rejected, wentAsync, worker: threadId, startedAt, ...report(io, times) };
  } finally {
    started(); // a task that failed to load lets the next one go
    ended++;
    for (const value of holding) {
      const count = held.get(value)! - 1;
      if (count === 0) held.delete(value); else held.set(value, count);
    }
  }
}

function report(io: Io, times: PhaseTimes) {
  return {
    bytesRead: io.bytesRead, bytesWritten: io.bytesWritten, times, written: io.written, cached: io.cached,
    evicted: cache.takeEvicted(), rro: io.rro, output: io.output.close(),
  };
}

/** Versions this task reads and modifies in place (through any of its parameters). */
function collectModified(args: readonly WorkerArg[], into: Set<string>): void {
  forEachLeaf(args, (arg) => { if ('read' in arg && arg.read !== undefined && arg.write !== undefined) into.add(arg.read); });
}

/** One call's data: decoded once per datum, then each parameter's part of it; `refs` numbers the argument objects. */
interface Call {
  readonly data: Map<string, unknown>;
  readonly refs: Map<unknown, number>;
  readonly objects: Map<number, unknown>;
  readonly writes: { key: string; value: unknown; writers: Map<number, number> }[];
  /** Per datum, the first argument (by position) that is each root of a group (-1: not a group): an output's names. */
  readonly roots: Map<string, Map<number, number>>;
  readonly modified: ReadonlySet<string>;
}

async function resolveArg(task: WorkerTask, arg: WorkerArg, call: Call, io: Io, position: number): Promise<unknown> {
  if ('value' in arg) return arg.value;
  if ('collection' in arg) {
    const items: unknown[] = [];
    for (const item of arg.collection) items.push(await resolveArg(task, item, call, io, position));
    return items;
  }
  // The same version in two parameters is one datum, as it was one in the caller.
  const identity = arg.read ?? arg.write!;
  let datum = call.data.get(identity);
  if (!call.data.has(identity)) {
    datum = arg.read === undefined ? makeEmpty(arg.shape as OutShape)
      : (arg.rro && !call.modified.has(arg.read) && sharedView(task, arg.read, io)) || await load(task, arg.read, call.modified.has(arg.read), io);
    // A task that uses `.buffer` must see the array's own buffer, as in the caller, not the file it was read from.
    if (arg.own && arg.root === undefined && !arg.view && isTypedArray(datum) &&
      (datum.byteOffset !== 0 || datum.byteLength !== datum.buffer.byteLength)) {
      datum = (datum as unknown as { slice(): unknown }).slice();
    }
    call.data.set(identity, datum);
    call.roots.set(identity, new Map());
    if (arg.write !== undefined) call.writes.push({ key: arg.write, value: datum, writers: call.roots.get(identity)! });
  }
  const roots = call.roots.get(identity)!;
  if (!roots.has(arg.root ?? -1)) roots.set(arg.root ?? -1, position);
  if (arg.ref !== undefined && call.objects.has(arg.ref)) return call.objects.get(arg.ref);
  let value = arg.root !== undefined ? (datum as unknown[])[arg.root] : datum;
  if (arg.view) value = viewOn(value as ArrayBufferView, arg.view);
  // Two view objects on the same bytes were two objects in the caller: the second gets a view of its own.
  else if (arg.ref !== undefined && call.refs.has(value) && isTypedArray(value)) value = viewOn(value, { type: viewTypeOf(value), offset: 0, length: value.length });
  if (arg.ref !== undefined) { call.objects.set(arg.ref, value); call.refs.set(value, arg.ref); }
  return value;
}


const viewTypeOf = (view: ArrayBufferView): string => (Buffer.isBuffer(view) ? 'Buffer' : view.constructor.name);

/** The parameter's own view on its datum's memory, as the caller's view sat on its buffer. */
function viewOn(base: ArrayBufferView, spec: ViewSpec): unknown {
  const at = base.byteOffset + spec.offset;
  if (spec.type === 'Buffer') return Buffer.from(base.buffer, at, spec.length);
  return new typedArrays[spec.type]!(base.buffer, at, spec.length);
}

/**
 * The task threw: what it had written into its inout arguments is what sequential code would leave in the caller's
 * objects. Stored as the versions it was to write, so the caller's wait can restore them; a value that cannot be
 * stored is skipped (the caller then keeps the last good version).
 */
function storeAtThrow(task: WorkerTask, call: Call, io: Io): void {
  for (const { key, value } of call.writes) {
    try {
      io.bytesWritten += writeVersion(task.runDir, key, value, dataOrigins);
      io.written.push({ key, bytes: 0 });
    } catch { /* the error the task threw is the one to report */ }
  }
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
  if (view) {
    io.sharedViews = true;
    // Mapped, not decoded: it is object 0 of its version, as decoding would have said.
    origins.set(view as object, { data: Number(key.slice(1, key.indexOf('v'))), index: 0 });
  }
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
async function load(task: WorkerTask, key: string, willModify: boolean, io: Io): Promise<unknown> {
  const cached = willModify ? cache.take(key, isFree) : cache.get(key);
  if (cached !== undefined) return cached;
  const bytes = task.landed?.[key] ? landedBytes(task, key) : readVersionBytes(task.runDir, key);
  const classes = classesOf(bytes);
  if (classes.length > 0) await importClasses(classes); // rebuilding instances needs their classes loaded
  const value = decodeValue(bytes, { onObject: recordOrigin });
  io.bytesRead += bytes.byteLength;
  if (!willModify && cache.put(key, value, bytes.byteLength, true)) io.cached.push(key); // freshly decoded: nothing else sees it
  return value;
}

/** A version's bytes that came with the task (a machine's fetch, checked there): taken once, as a file's read would be. */
function landedBytes(task: WorkerTask, key: string): Uint8Array {
  const { bytes } = task.landed![key];
  delete task.landed![key];
  return bytes;
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

/**
 * Writes one output. What cannot be written is said about the output: the return value, or the parameter that writes
 * the version with the path inside that parameter's value (a group's path starts at its root, `[1].x`, which is the
 * parameter that root came from). The main thread puts in the call site and the parameter's name (nameOutput).
 */
function store(task: WorkerTask, key: string, value: unknown, io: Io, writer: OutputPlace | Map<number, number>, exclusive: boolean, options: EncodeOptions): void {
  // A group's path starts at its root, `[1].x`: that root's parameter, and the path inside it.
  const placeOf = (path: string): [OutputPlace, string] => {
    if (!(writer instanceof Map)) return [writer, path];
    const root = writer.has(-1) ? undefined : /^\[(\d+)\]/.exec(path) ?? undefined;
    const argument = writer.get(root ? Number(root[1]) : -1) ?? [...writer.values()][0];
    return [{ task: task.name, version: key, argument }, root ? path.slice(root[0].length) : path];
  };
  let encoded: EncodedValue;
  try {
    encoded = encodeValue(value, options);
  } catch (error) {
    if (!(error instanceof UnsupportedValueError)) throw error;
    const [place, path] = placeOf(error.path);
    throw aboutOutput(place, (what) => outputUnsupported(what, error.at(path)));
  }
  const bytes = encoded.byteLength;
  try {
    writeEncoded(task.runDir, key, encoded);
  } catch (error) {
    throw aboutOutput(placeOf('')[0], (what) => storeWriteFailed(what, task.runDir, key, bytes, error));
  }
  io.bytesWritten += bytes;
  io.written.push({ key, bytes });
  // An output may be (or hold) a shared-memory view, which is unmapped when its own version dies: not cached.
  if (!io.sharedViews && cache.put(key, value, bytes, exclusive)) io.cached.push(key);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
