/**
 * What the tasks of one pool worker thread share: the settings the engine started it with, its cache of decoded
 * versions, its table of @rro shared-memory mappings, the objects running tasks hold, and where decoded objects came
 * from. The task runner (task-worker.ts), input loading (task-inputs.ts) and output storing (output-versions.ts) use them.
 */
import { workerData } from 'piscina';
import { ARGUMENT_ORIGIN } from '../protocol';
import type { EncodeOptions, ObjectOrigin } from '../store/codec';
import { VersionCache } from './version-cache';
import { RroTable } from './rro-table';
import { Signal } from '../engine/signal';
import type { PoolWorkerData } from './task-worker';

export const settings = workerData as PoolWorkerData;
/** The main thread's wake-up signal, when this is a pool thread of a local run (engine/signal.ts). */
export const mainSignal = settings?.signal ? new Signal(settings.signal) : undefined;
export const cache = new VersionCache(settings.cacheBytes);
export const rroTable = new RroTable(settings.shm);
/** Objects the tasks running on this worker hold, with counts: an async task may await while another starts. */
export const held = new Map<unknown, number>();
export const isFree = (value: unknown): boolean => !held.has(value);
/**
 * Where each decoded object came from in the main thread's snapshots: written with the versions a task produces, so
 * the caller's own objects receive the contents. Objects a task creates have none.
 */
export const origins = new WeakMap<object, ObjectOrigin>();
export const recordOrigin = (object: object, _index: number, origin: ObjectOrigin | undefined) => {
  if (origin && origin.data !== ARGUMENT_ORIGIN) origins.set(object, origin);
};
/**
 * Each value decoded for a task that writes it, or stored from a task's output, with its objects that have an origin:
 * what a later task writing it takes as its candidates for detached objects (detached.ts), without walking it again.
 */
export const originObjects = new WeakMap<object, object[]>();
export const dataOrigins: EncodeOptions = { originOf: (object) => origins.get(object), wholeOwnBuffers: true };
