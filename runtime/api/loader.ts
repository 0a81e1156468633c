/**
 * The main thread's reads of versions: a datum's latest contents into the caller's objects (in place, identity
 * kept: copy-back.ts), a task's return value as the caller's objects where it returned one of them, and after a
 * failure the state sequential code would have left: what the failed task had written when it threw, or else the
 * last good version.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ARGUMENT_ORIGIN, versionKey, type LandedVersion } from '../protocol';
import { decodeValue, type DecodeOptions, type ObjectOrigin } from '../store/codec';
import { decodeLanded, landedInto, landedOwnTypedArray } from '../store/landed';
import type { LockLevel } from '../store/locks';
import { readOwnTypedArray, readTypedArrayInto, readVersion, versionPath } from '../store/version-file';
import type { Stats } from '../stats';
import { isTypedArray } from '../worker/shapes';
import { adopt, NEW_OBJECT, type TargetOf } from './copy-back';
import { ownedBytes } from './buffer-ranges';
import type { Registry } from './registry';
import { MAIN_THREAD, type DataEntry, type TaskRecord } from './records';
import { Future } from './future';
import { CreatedObjects } from './created-objects';
import { isCreatedOrigin } from '../created-origins';
import { isArgumentViewOrigin, viewOnArgument, viewPlace } from '../argument-views';
import { programClock } from './program-clock';

/**
 * The datum `id` among the data of `producer`'s call or of the calls whose versions it read (transitively), with the
 * version that chain read of it.
 */
function findData(producer: TaskRecord | undefined, id: number): { entry: DataEntry; version: number } | undefined {
  const visited = new Set<TaskRecord>();
  for (const stack = producer ? [producer] : []; stack.length > 0;) {
    const record = stack.pop()!;
    if (visited.has(record)) continue;
    visited.add(record);
    const entry = record.data?.get(id);
    if (entry) return { entry, version: record.seen?.get(id) ?? entry.version };
    stack.push(...(record.inputs ?? []));
  }
  return undefined;
}

const valueOf = (value: unknown): object | undefined => (typeof value === 'object' && value !== null ? value : undefined);

export interface LoaderHost {
  readonly runDir: string;
  readonly registry: Registry;
  readonly stats: Stats;
  /**
   * Make sure the version's file is in the run directory (a distributed run keeps versions on the machines), or give
   * its bytes, landed in memory, which are read instead of the file (store/landed.ts).
   */
  fetch(key: string): LandedVersion | undefined;
  /** Whether versions are files in the run directory (false: on other machines, fetched on demand). */
  readonly local: boolean;
  /** The caller's objects got new contents from `entry`'s version: other data holding them must know. */
  updated(entry: DataEntry, objects: readonly object[]): void;
}

/**
 * How many of the caller's objects a task's value holds are waited for at each use of the value (Future.held): the
 * first in the value's order, the outermost; the others are, as a rule, parts of the same data.
 */
const HELD_WAITED = 64;

export class Loader {
  /** New objects two outputs of one task held: the first output read made them (created-objects.ts). */
  private readonly created = new CreatedObjects();
  private readonly made = (origin: ObjectOrigin, object: object) => this.created.set(origin, object);

  constructor(private readonly host: LoaderHost) {}

  /**
   * The entry's latest version into the caller's objects: `object` is the one the program holds (a group's roots and a
   * range's buffer are known to the entry). The producer must have finished.
   */
  load(entry: DataEntry, object: object | undefined): void {
    const producer = entry.producer;
    if (!producer) return;
    if (producer.state === 'failed') return this.restore(entry, object);
    const started = performance.now();
    programClock.enter(); // decoding is no time of the plain program's
    try {
      this.read(entry, versionKey(entry.id, entry.version), object, producer);
    } finally {
      programClock.leave();
    }
    this.host.registry.loaded(entry);
    this.host.stats.add('mainDecodeMs', performance.now() - started);
  }

  /**
   * A task writing the entry failed: its objects come back as they were at the throw (the worker stored them), or
   * as the last good version (the worker died, or a task before it failed). Either way the program's objects are
   * now the truth: the next call snapshots them again.
   */
  private restore(entry: DataEntry, object: object | undefined): void {
    if (this.host.local) {
      for (let version = entry.version; version >= 1; version--) {
        const key = versionKey(entry.id, version);
        if (!existsSync(versionPath(this.host.runDir, key))) continue;
        this.read(entry, key, object, undefined);
        break;
      }
    }
    this.host.registry.markEntryWritten(entry);
  }

  /**
   * The entry's objects as they were at `version`, made by `producer` (finished) or by the main thread: the calls
   * after it are taken back. The engine keeps that version's file until the take-back is over (engine/graph-holds.ts).
   * A failed producer left what it had written when it threw, or else the last good version before it.
   */
  rewind(entry: DataEntry, version: number, producer: TaskRecord | undefined, object: object | undefined): boolean {
    entry.version = version;
    entry.producer = producer;
    if (producer?.state === 'failed') { this.restore(entry, object); return true; }
    const key = versionKey(entry.id, version);
    // A snapshot never written (an `out` argument's old contents, not read by its call), or a version the engine held
    // no longer (past its limit, graph-holds.ts): it cannot be read back.
    if (this.host.local && !existsSync(versionPath(this.host.runDir, key))) return false;
    try {
      this.read(entry, key, object, producer);
      return true;
    } catch {
      return false; // (on other machines: gone there)
    }
  }

  /**
   * A task's return value (not inline), with the caller's own objects where the task returned them. `fresh`: it holds
   * objects the task created, which the main thread must number in a snapshot of its own before a task writes them.
   */
  result(key: string, producer: TaskRecord): { value: unknown; fresh: boolean; existing: boolean; created: boolean; held: object[] } {
    const landed = this.host.fetch(key);
    const own = landed ? landedOwnTypedArray(landed) : readOwnTypedArray(this.host.runDir, key);
    if (own) {
      this.host.stats.add('mainBytesRead', own.bytes);
      return { value: own.value, fresh: false, existing: false, created: false, held: [] };
    }
    const { value, origins, locks, regions, wholes } = this.decode(key, landed);
    // Objects of data this very task wrote last carry their latest state in the result too (one the task took out of
    // its datum, `return t` after `o.inner = p`, is not in the datum's version any more).
    // A view of an argument shows the argument's memory, which its own datum brings home: nothing is copied into it.
    const latest = (origin: ObjectOrigin) => isCreatedOrigin(origin) ? CreatedObjects.owns(origin, producer)
      : !isArgumentViewOrigin(origin) && producer.data?.get(origin.data)?.producer === producer;
    const { value: adopted, fresh, updated, existing } = adopt(value, origins, { targetOf: this.targetOf(producer), owns: latest, locks, regions, wholes, made: this.made });
    if (updated.length > 0) this.host.updated(MAIN_THREAD, updated);
    // `existing`: the value is one of the program's objects already (returned, or taken out of an argument).
    // `created`: it holds objects the task also put in data it wrote (created-origins.ts), which later tasks may change.
    const created = [...origins.values()].some(isCreatedOrigin);
    return { value: adopted, fresh, existing: adopted !== value, created, held: existing.filter((object) => object !== adopted).slice(0, HELD_WAITED) };
  }

  private read(entry: DataEntry, key: string, object: object | undefined, producer: TaskRecord | undefined): void {
    const landed = this.host.fetch(key);
    const owned = entry.range ? ownedBytes(entry) : undefined;
    const into = owned?.view ?? (!entry.roots && object && isTypedArray(object) ? object : undefined);
    if (into) {
      const bytes = landed ? landedInto(landed, into, owned?.skip ?? 0) : readTypedArrayInto(this.host.runDir, key, into, owned?.skip ?? 0);
      if (bytes >= 0) { this.host.stats.add('mainBytesRead', bytes); this.host.updated(entry, [into]); return; }
      if (entry.range) throw new Error(`taskify internal error: ${key} does not hold the ${into.byteLength} bytes of its range`);
    }
    const { value, origins, locks, regions, wholes } = this.decode(key, landed);
    const known: [unknown, object][] = entry.roots ? entry.roots.map((root, i) => [(value as unknown[])[i], root])
      : object ? [[value, object]] : [];
    // The entry's own objects take the version's contents; so does an object moved in from another datum that nothing
    // wrote since this version's chain read it (`link(holder, it); bumpAll(holder)`: it changed only inside holder).
    const current = (origin: ObjectOrigin) => {
      if (origin.data === entry.id) return true;
      if (isCreatedOrigin(origin)) return CreatedObjects.owns(origin, producer);
      const found = findData(producer, origin.data);
      return found !== undefined && (found.entry.producer === producer ||
        (found.entry.producer === undefined && found.entry.version === found.version));
    };
    const adopted = adopt(value, origins, { targetOf: this.targetOf(producer, entry), known, owns: current, home: entry.id, locks, regions, wholes, made: this.made });
    this.host.updated(entry, adopted.updated);
    // What the datum holds now, as a snapshot would note it: an array the task put in it (`g.cells = new …`) and a
    // later task writes on its own must mark this datum changed, or the next call reads its stale stored version.
    this.host.registry.containers.noteContents(entry, adopted.objects);
    // Objects the task created have no number in the main thread's snapshot: take a new one before the next call.
    if (adopted.fresh) this.host.registry.markEntryWritten(entry);
  }

  /**
   * Objects the task changed and took out of the data it wrote (worker/detached.ts), which no version of that data
   * holds: put in place when the task settles, before any waiter goes on. Only the caller's objects of data the task
   * wrote take contents; the rest are referred to as they are.
   */
  applyDetached(payload: string, producer: TaskRecord): void {
    const encoded = Buffer.from(payload, 'base64');
    const bytes = Buffer.allocUnsafeSlow(encoded.length); // 8-aligned, as decoding wants
    encoded.copy(bytes);
    const { options, ...decoded } = decodeOptions();
    const value = decodeValue(bytes, options);
    const written = new Set([...(producer.before?.keys() ?? [])].map((entry) => entry.id));
    const { updated } = adopt(value, decoded.origins, { ...decoded, targetOf: this.targetOf(producer), owns: (origin) => written.has(origin.data), made: this.made });
    if (updated.length > 0) this.host.updated(MAIN_THREAD, updated);
  }

  private decode(key: string, landed?: LandedVersion): { value: unknown; origins: Map<object, ObjectOrigin>; locks: Map<object, LockLevel>; regions: Map<object, number>; wholes: Map<number, Uint8Array> } {
    const { options, origins, locks, regions, wholes } = decodeOptions();
    const { value, bytes } = landed ? decodeLanded(landed, options) : readVersion(this.host.runDir, key, options);
    this.host.stats.add('mainBytesRead', bytes);
    return { value, origins, locks, regions, wholes };
  }

  /** Origins resolve to the caller's objects of this entry, or of the data the producing call used. */
  private targetOf(producer: TaskRecord | undefined, entry?: DataEntry): TargetOf {
    return (origin, decoded) => {
      if (origin.data === entry?.id) return entry.base?.[origin.index];
      if (isCreatedOrigin(origin)) return this.created.get(origin);
      if (isArgumentViewOrigin(origin)) {
        const { ref, offset } = viewPlace(origin);
        const arg = producer?.args?.[ref];
        return viewOnArgument(decoded, arg instanceof Future ? valueOf(arg.wait()) : arg, offset);
      }
      if (origin.data !== ARGUMENT_ORIGIN) return findData(producer, origin.data)?.entry.base?.[origin.index];
      const arg = producer?.args?.[origin.index];
      // A Future argument stands for its value, which the task read, so it has finished.
      return arg instanceof Future ? valueOf(arg.wait()) : arg;
    };
  }
}

/** What copy-back needs to know of a decoded version, gathered as it decodes (copy-back.ts adopt). */
function decodeOptions() {
  const origins = new Map<object, ObjectOrigin>();
  // Locked once copy-back has filled the new objects' slots (copy-back.ts adopt).
  const locks = new Map<object, LockLevel>();
  // Which typed arrays were views of one buffer in the task (copy-back.ts ownBuffers).
  const regions = new Map<object, number>();
  // The whole buffers a task's views were of, by region (own-buffers.ts).
  const wholes = new Map<number, Uint8Array>();
  const options: DecodeOptions = {
    onObject: (o, _, origin) => origins.set(o, origin ?? NEW_OBJECT), onLocked: (o, level) => locks.set(o, level),
    onView: (view, region, whole) => { regions.set(view, region); if (whole) wholes.set(region, whole); },
  };
  return { options, origins, locks, regions, wholes };
}
