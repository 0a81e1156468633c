/**
 * A task's outputs as versions: written to the run directory and, when nothing else shares their memory, cached
 * decoded for later tasks of this thread; what the task had written when it threw is stored too.
 */
import type { WorkerTask } from '../protocol';
import { aboutOutput, outputUnsupported, storeWriteFailed, type OutputPlace } from '../errors';
import { writeEncoded } from '../store/version-file';
import { encodeValue, UnsupportedValueError, type EncodedValue, type EncodeOptions } from '../store/codec';
import { isTypedArray } from './shapes';
import { cache, dataOrigins, originObjects, origins } from './thread-state';
import type { Io } from './task-io';
import type { Call } from './task-inputs';

/**
 * The task threw: what it had written into its inout arguments is what sequential code would leave in the caller's
 * objects. Stored as the versions it was to write, so the caller's wait can restore them; a value that cannot be
 * stored is skipped (the caller then keeps the last good version).
 */
export function storeAtThrow(task: WorkerTask, call: Call, io: Io): void {
  for (const { key, value, before } of call.writes) {
    try {
      const encoded = encodeValue(value, { ...dataOrigins, candidates: before });
      io.bytesWritten += writeEncoded(task.runDir, key, encoded);
      io.written.push({ key, bytes: 0 });
      for (const object of encoded.unreached!) io.detached.push(object); // (not a spread: it may be 1e5 objects)
    } catch { /* the error the task threw is the one to report */ }
  }
}

/**
 * The task's outputs are typed arrays on buffers of their own: none shares memory with another output or with an
 * input (other than itself, written in place), so a later task may take one out of the cache and modify it. Any
 * other shape may hold a part of an input (a task that returns `[x]` or `blocks[0]`): then nothing it touched is.
 */
export function ownMemory(outputs: readonly unknown[], inputs: readonly unknown[]): boolean {
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
export function store(task: WorkerTask, key: string, value: unknown, io: Io, writer: OutputPlace | Map<number, number>, exclusive: boolean, options: EncodeOptions): void {
  // A group's path starts at its root, `[1].x`: that root's parameter, and the path inside it.
  const placeOf = (path: string): [OutputPlace, string] => {
    if (!(writer instanceof Map)) return [writer, path];
    const root = writer.has(-1) ? undefined : /^\[(\d+)\]/.exec(path) ?? undefined;
    const argument = writer.get(root ? Number(root[1]) : -1) ?? [...writer.values()][0];
    return [{ task: task.name, version: key, argument }, root ? path.slice(root[0].length) : path];
  };
  let encoded: EncodedValue;
  // A written datum's objects with origins: a later task writing it from the cache takes them as its detached
  // candidates (detached.ts). (A task's result is not written data: nothing to list.)
  const withOrigins: object[] = [];
  const originOf = options.candidates && options.originOf && ((object: object, index: number) => {
    const origin = options.originOf!(object, index);
    if (origins.has(object)) withOrigins.push(object);
    return origin;
  });
  try {
    encoded = encodeValue(value, originOf ? { ...options, originOf } : options);
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
  for (const object of encoded.unreached ?? []) io.detached.push(object); // (not a spread: it may be 1e5 objects)
  // An output may be (or hold) a shared-memory view, which is unmapped when its own version dies: not cached.
  if (!io.sharedViews && cache.put(key, value, bytes, exclusive)) {
    io.cached.push(key);
    if (originOf && typeof value === 'object' && value !== null) originObjects.set(value, withOrigins);
  }
}
