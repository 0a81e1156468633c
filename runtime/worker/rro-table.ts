/**
 * A worker's table of @rro versions it has mapped: the machine keeps one copy of each such version in
 * shared memory, and each worker maps it once and hands the same view to every task that reads it.
 *
 * Lookup order: this table (a hit costs a Map lookup), then the machine's segment (attach: a mapping,
 * no copy), then the version file (create the segment once, for every worker and process of the run: a hard
 * link to the file when the run directory is on /dev/shm, else a copy). An existing segment is mapped only once
 * it is known to be this run's (store/segment-check.ts): a name someone else took means a file read.
 * Anything that stands in the way — no patched addon, a full /dev/shm, the run's limit — makes the
 * lookup return undefined and the task reads its file as it would without @rro: a run never fails for
 * want of shared memory.
 *
 * A view is valid while its mapping lives: a mapping is released only when the engine tells this worker the
 * version is dead (no task can receive it any more; the key comes in the `forget` list of the worker's next
 * task, as for its cache), and a worker never caches an object a task made from one (see task-worker.ts).
 * The engine removes a dead version's segment name at once; its memory goes with the last mapping.
 */
import { closeSync, existsSync, openSync } from 'node:fs';
import type { RroCounts, ShmSettings } from '../protocol';
import { typedArrayFile, versionPath } from '../store/version-file';
import { bytesOfRun, copySegment, linkSegment, segmentFile, segmentName, shmSpace } from '../store/segments';
import { foreignSegment } from '../store/segment-check';
import { BODY_START } from '../store/codec';
import { noteBorrowed } from '../store/body';
import { shmAddon, type ShmAddon } from '../store/shm-addon';

/** The element types shm-typed-array can map (it has no BigInt64Array/BigUint64Array). */
const MAPPABLE = new Set(['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'Float32Array', 'Float64Array']);

/** Free space a copied segment must leave on /dev/shm (version files live there too): 64 MiB or 5%, the larger. */
const reserveOf = (total: number): number => Math.max(64 * 1024 * 1024, total * 0.05);

type Mappable = Parameters<ShmAddon['get']>[1] & string;
type View = ArrayBufferView & { readonly length: number };

export const emptyRroCounts = (): RroCounts => ({ hits: 0, attaches: 0, creations: 0, fallbacks: 0, bytesMapped: 0 });

export class RroTable {
  private readonly mapped = new Map<string, { readonly view: View; readonly name: string }>();

  constructor(private readonly settings: ShmSettings) {}

  /** Version `key` as a view on the machine's shared copy, or undefined: read the file instead. */
  lookup(runDir: string, key: string, counts: RroCounts): View | undefined {
    const known = this.mapped.get(key);
    if (known) {
      counts.hits++;
      return known.view;
    }
    if (!this.settings.enabled) return this.fallBack(counts, undefined);
    const loaded = shmAddon();
    if ('reason' in loaded) return this.fallBack(counts, loaded.reason);
    try {
      return this.attachOrCreate(loaded.addon, runDir, key, counts);
    } catch (error) {
      return this.fallBack(counts, describe(error));
    }
  }

  has(key: string): boolean { return this.mapped.has(key); }

  /** Unmap dead versions. */
  release(keys: Iterable<string>): void {
    const loaded = shmAddon();
    for (const key of keys) {
      const entry = this.mapped.get(key);
      if (!entry) continue;
      this.mapped.delete(key);
      if ('addon' in loaded) loaded.addon.detach(entry.name); // unmaps; the engine removes the name
    }
  }

  private attachOrCreate(shm: ShmAddon, runDir: string, key: string, counts: RroCounts): View | undefined {
    const name = segmentName(this.settings.prefix, key);
    const file = segmentFile(this.settings.prefix, key);
    const fd = openSync(versionPath(runDir, key), 'r');
    try {
      const payload = typedArrayFile(fd);
      // Not something shared memory can hold as a typed array: an ordinary read, not a failure. (A root typed
      // array always starts the body; the check keeps the file-is-a-segment premise explicit.)
      if (payload === null || payload.length === 0 || !MAPPABLE.has(payload.type) || payload.fileOffset !== BODY_START) {
        return undefined;
      }
      const type = payload.type as Mappable;
      const bytes = payload.length * elementSize(payload.type);
      let created = false;
      if (!existsSync(file)) {
        this.checkLimit(bytes);
        created = this.publish(versionPath(runDir, key), key, bytes); // false: another worker published it first
      }
      // Whoever made the name, it is mapped only if it is this run's version (store/segment-check.ts).
      const foreign = foreignSegment(file, fd);
      if (foreign !== undefined) throw new Refused(`the segment name ${name} is taken by a file this run did not make (${foreign})`);
      const view = shm.get(name, type) as View | null;
      if (!view) throw new Error(`segment ${name} vanished right after it was published`);
      noteBorrowed(view.buffer); // (a view of it a task returns is sent as the bytes it covers)
      if (view.length !== payload.length) {
        shm.detach(name);
        throw new Error(`segment ${name} holds ${view.length} elements, its version ${payload.length}`);
      }
      if (created) counts.creations++; else counts.attaches++;
      this.mapped.set(key, { view, name });
      counts.bytesMapped += bytes;
      return view;
    } finally {
      closeSync(fd);
    }
  }

  /** The version file becomes the segment (a link); where it cannot, a copy of it does. */
  private publish(versionFile: string, key: string, bytes: number): boolean {
    const { prefix } = this.settings;
    try {
      return linkSegment(prefix, key, versionFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    }
    const { free, total } = shmSpace();
    if (free < bytes + reserveOf(total)) {
      throw new Refused(`/dev/shm has ${mib(free)} MiB free, too little for a ${mib(bytes)} MiB segment`);
    }
    return copySegment(prefix, key, versionFile);
  }

  private checkLimit(bytes: number): void {
    const { limitBytes, prefix } = this.settings;
    if (Number.isFinite(limitBytes) && bytesOfRun(prefix) + bytes > limitBytes) {
      throw new Refused(`the run's shared-memory limit is reached (TASKIFY_SHM_LIMIT_MB=${limitBytes / 1048576})`);
    }
  }

  private fallBack(counts: RroCounts, reason: string | undefined): undefined {
    counts.fallbacks++;
    if (reason !== undefined) counts.fallbackReason = reason;
    return undefined;
  }
}

/** Shared memory refused for a reason worth printing as it is. */
class Refused extends Error {}

function describe(error: unknown): string {
  if (error instanceof Refused) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return '/dev/shm is full';
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EROFS') return `/dev/shm cannot be used (${code})`;
  return `shared memory failed: ${(error as Error).message}`;
}

const mib = (bytes: number): number => Math.round(bytes / 1048576);

function elementSize(type: string): number {
  return (globalThis as unknown as Record<string, { BYTES_PER_ELEMENT: number }>)[type].BYTES_PER_ELEMENT;
}
