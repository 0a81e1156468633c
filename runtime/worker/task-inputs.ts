/**
 * A task's arguments from the versions its message names: each datum decoded once per call (from this thread's cache,
 * a shared-memory @rro view, bytes that came with the task, or its file), then each parameter's part or view of it.
 */
import type { OutShape, ViewSpec, WorkerArg, WorkerTask } from '../protocol';
import { forEachLeaf } from '../protocol';
import { readVersionBytes } from '../store/version-file';
import { classesOf, decodeValue, type ObjectOrigin } from '../store/codec';
import { importClasses } from '../store/classes';
import { emptyRroCounts } from './rro-table';
import { isTypedArray, makeEmpty, typedArrays } from './shapes';
import { cache, isFree, originObjects, origins, recordOrigin, rroTable } from './thread-state';
import { snapshotObjects } from './detached';
import type { Io } from './task-io';

/** Versions this task reads and modifies in place (through any of its parameters). */
export function collectModified(args: readonly WorkerArg[], into: Set<string>): void {
  forEachLeaf(args, (arg) => { if ('read' in arg && arg.read !== undefined && arg.write !== undefined) into.add(arg.read); });
}

/** One call's data: decoded once per datum, then each parameter's part of it; `refs` numbers the argument objects. */
export interface Call {
  readonly data: Map<string, unknown>;
  readonly refs: Map<unknown, number>;
  readonly objects: Map<number, unknown>;
  /** Each written datum: its version key, value, the arguments that are its roots, and its snapshot objects (detached.ts). */
  readonly writes: { key: string; value: unknown; writers: Map<number, number>; before: readonly object[] }[];
  /** Per datum, the first argument (by position) that is each root of a group (-1: not a group): an output's names. */
  readonly roots: Map<string, Map<number, number>>;
  readonly modified: ReadonlySet<string>;
}

/**
 * An argument, boxed: an async function adopts a thenable it returns, so an argument object with a `then` method
 * (a query builder, a lazy result) would reach the task as whatever its `then` hands on, its `then` run in the
 * worker before the task (np44's p125: `await q` in the task saw an array, and the count its `then` keeps was lost).
 */
export interface Loaded { readonly value: unknown }

export async function resolveArg(task: WorkerTask, arg: WorkerArg, call: Call, io: Io, position: number): Promise<Loaded> {
  if ('value' in arg) return { value: arg.value };
  if ('collection' in arg) {
    // (With holes where the caller's array had them: `i in items` and the length are the task's to see.)
    const items: unknown[] = arg.at ? new Array(arg.length) : [];
    for (let i = 0; i < arg.collection.length; i++) items[arg.at ? arg.at[i] : i] = (await resolveArg(task, arg.collection[i], call, io, position)).value;
    return { value: items };
  }
  // The same version in two parameters is one datum, as it was one in the caller.
  const identity = arg.read ?? arg.write!;
  let datum = call.data.get(identity);
  if (!call.data.has(identity)) {
    datum = arg.read === undefined ? makeEmpty(arg.shape as OutShape)
      : (arg.rro && !call.modified.has(arg.read) && sharedView(task, arg.read, io)) || (await load(task, arg.read, call.modified.has(arg.read), io)).value;
    // A task that uses `.buffer` must see the array's own buffer, as in the caller, not the file it was read from.
    if (arg.own && arg.root === undefined && !arg.view && isTypedArray(datum) &&
      (datum.byteOffset !== 0 || datum.byteLength !== datum.buffer.byteLength)) {
      datum = (datum as unknown as { slice(): unknown }).slice();
    }
    call.data.set(identity, datum);
    call.roots.set(identity, new Map());
    if (arg.write !== undefined) call.writes.push({ key: arg.write, value: datum, writers: call.roots.get(identity)!, before: snapshotObjects(datum) });
  }
  const roots = call.roots.get(identity)!;
  if (!roots.has(arg.root ?? -1)) roots.set(arg.root ?? -1, position);
  if (arg.ref !== undefined && call.objects.has(arg.ref)) return { value: call.objects.get(arg.ref) };
  let value = arg.root !== undefined ? (datum as unknown[])[arg.root] : datum;
  if (arg.view) value = viewOn(value as ArrayBufferView, arg.view);
  // Two view objects on the same bytes were two objects in the caller: the second gets a view of its own.
  else if (arg.ref !== undefined && call.refs.has(value) && isTypedArray(value)) value = viewOn(value, { type: viewTypeOf(value), offset: 0, length: value.length });
  if (arg.ref !== undefined) { call.objects.set(arg.ref, value); call.refs.set(value, arg.ref); }
  return { value };
}

const viewTypeOf = (view: ArrayBufferView): string => (Buffer.isBuffer(view) ? 'Buffer' : view.constructor.name);

/** The parameter's own view on its datum's memory, as the caller's view sat on its buffer. */
function viewOn(base: ArrayBufferView, spec: ViewSpec): unknown {
  const at = base.byteOffset + spec.offset;
  if (spec.type === 'Buffer') return Buffer.from(base.buffer, at, spec.length);
  return new typedArrays[spec.type]!(base.buffer, at, spec.length);
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
async function load(task: WorkerTask, key: string, willModify: boolean, io: Io): Promise<Loaded> {
  const cached = willModify ? cache.take(key, isFree) : cache.get(key);
  if (cached !== undefined) return { value: cached };
  const bytes = task.landed?.[key] ? landedBytes(task, key) : readVersionBytes(task.runDir, key);
  const classes = classesOf(bytes);
  if (classes.length > 0) await importClasses(classes); // rebuilding instances needs their classes loaded
  // A value the task writes: its objects with origins are the candidates for detached ones (detached.ts).
  const withOrigins: object[] = [];
  const onObject = willModify ? (object: object, index: number, origin: ObjectOrigin | undefined) => {
    recordOrigin(object, index, origin);
    if (origins.has(object)) withOrigins.push(object);
  } : recordOrigin;
  const value = decodeValue(bytes, { onObject });
  if (willModify && typeof value === 'object' && value !== null) originObjects.set(value, withOrigins);
  io.bytesRead += bytes.byteLength;
  if (!willModify && cache.put(key, value, bytes.byteLength, true)) io.cached.push(key); // freshly decoded: nothing else sees it
  return { value };
}

/** A version's bytes that came with the task (a machine's fetch, checked there): taken once, as a file's read would be. */
function landedBytes(task: WorkerTask, key: string): Uint8Array {
  const { bytes } = task.landed![key];
  delete task.landed![key];
  return bytes;
}
