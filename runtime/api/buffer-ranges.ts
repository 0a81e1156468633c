/**
 * Typed arrays are data by storage, not by view: a view names bytes [byteOffset, byteOffset + byteLength) of its
 * ArrayBuffer, and two views that overlap are one datum, as they are one memory in the caller.
 *
 * Per buffer, the main thread keeps disjoint ranges, each a datum with versions. At a call, the typed-array arguments
 * of one buffer that overlap form one cluster (one datum for the call: the worker rebuilds one buffer and puts each
 * parameter's view on it). A cluster then meets the ranges already known:
 * - the same range, or one inside a range a task is still writing: that range's datum, so the call depends on the
 *   writer (read-after-write through the buffer);
 * - inside a range the main thread holds: the range is split off, so strips of one buffer run in parallel;
 * - nothing: a new range;
 * - anything else (a cluster spanning several ranges): those are brought home first, then replaced by the cluster.
 * A main-thread wait on any view waits for every range it overlaps (`waitOn(base)` after tasks wrote its strips).
 *
 * Ranges start on an 8-byte boundary, so that every view in one is aligned in the worker's copy; the bytes before the
 * first view (`own`) travel but are never copied back, so the main thread, or a task writing the range before,
 * may change them meanwhile. Ranges overlap by their own bytes only: strips of rows 1001 floats wide are disjoint
 * data although each one's aligned start lies in the strip before (tester #26's r22u ran them one at a time).
 */
import type { ViewSpec } from '../protocol';
import type { Registry } from './registry';
import type { DataEntry } from './records';
import { typedArrays } from '../worker/shapes';

export interface TypedView extends ArrayBufferView { readonly length: number }

/** `start` aligned down to 8 (what travels); `own` where the program's bytes start (what overlaps are judged by). */
interface Range { readonly start: number; readonly own: number; readonly end: number; readonly entry: DataEntry }

export interface ResolvedView { readonly entry: DataEntry; readonly view: ViewSpec | undefined }

export const viewType = (view: ArrayBufferView): string => (Buffer.isBuffer(view) ? 'Uint8Array' : view.constructor.name);

export class BufferRanges {
  private readonly ranges = new WeakMap<ArrayBufferLike, Range[]>();

  constructor(private readonly registry: Registry, private readonly host: {
    /** Bring a range's latest contents into the buffer, blocking until its producer finished. */
    load(entry: DataEntry): void;
    /** The datum will not be used again. */
    retire(dataId: number): void;
  }) {}

  /** Ranges of `buffer` overlapping [start, end). */
  overlapping(buffer: ArrayBufferLike, start: number, end: number): DataEntry[] {
    return (this.ranges.get(buffer) ?? []).filter((r) => r.own < end && start < r.end).map((r) => r.entry);
  }

  /** The datum and view spec for each typed-array argument of one call (in order). */
  resolve(views: readonly TypedView[]): ResolvedView[] {
    const resolved = new Map<TypedView, ResolvedView>();
    const byBuffer = new Map<ArrayBufferLike, TypedView[]>();
    for (const view of views) {
      const list = byBuffer.get(view.buffer);
      if (list) list.push(view); else byBuffer.set(view.buffer, [view]);
    }
    for (const [buffer, list] of byBuffer) {
      for (const { cluster, entry } of this.plan(buffer, clusters(list))) {
        const range = entry.range!;
        for (const view of cluster.views) resolved.set(view, { entry, view: specOf(view, range.start, range.end, range.type) });
      }
    }
    return views.map((view) => resolved.get(view)!);
  }

  /**
   * Each cluster's datum. A range is kept when every cluster touching it lies inside it and either matches it exactly
   * or waits for its writer; the others are brought home, retired, and each cluster gets a range of its own.
   */
  private plan(buffer: ArrayBufferLike, list: readonly Cluster[]): { cluster: Cluster; entry: DataEntry }[] {
    const all = this.ranges.get(buffer) ?? [];
    const hitsOf = (c: Cluster) => all.filter((r) => r.own < c.end && c.own < r.end);
    const keeps = (c: Cluster, r: Range) => (r.own === c.own && r.end === c.end) || (r.own <= c.own && c.end <= r.end && r.entry.producer !== undefined);
    const replaced = new Set<Range>();
    for (const cluster of list) {
      const hits = hitsOf(cluster);
      if (hits.length > 1 || (hits.length === 1 && !keeps(cluster, hits[0]!))) hits.forEach((r) => replaced.add(r));
    }
    for (const range of replaced) if (range.entry.producer) this.host.load(range.entry);
    for (const range of replaced) { this.registry.drop(range.entry); this.host.retire(range.entry.id); }
    const kept = all.filter((r) => !replaced.has(r));
    const planned = list.map((cluster) => {
      const hit = kept.find((r) => r.own < cluster.end && cluster.own < r.end);
      if (hit) return { cluster, entry: hit.entry };
      const entry = this.registry.rangeEntry({
        buffer, start: cluster.start, own: cluster.own, end: cluster.end, type: rangeTypeOf(cluster),
      });
      kept.push({ start: cluster.start, own: cluster.own, end: cluster.end, entry });
      return { cluster, entry };
    });
    kept.sort((a, b) => a.start - b.start);
    this.ranges.set(buffer, kept);
    return planned;
  }

  /**
   * A typed array the main thread got from a task (a Future's value) is already a version: make it the range it
   * covers, so passing it on reads that version instead of writing it again. False when it cannot be one range.
   */
  adopt(view: TypedView, entry: DataEntry): boolean {
    const start = view.byteOffset;
    const end = start + view.byteLength;
    if (start % 8 !== 0 || Buffer.isBuffer(view) || this.overlapping(view.buffer, start, end).length > 0) return false;
    this.registry.adoptRange(entry, { buffer: view.buffer, start, own: start, end, type: viewType(view) });
    const all = this.ranges.get(view.buffer) ?? [];
    all.push({ start, own: start, end, entry });
    all.sort((a, b) => a.start - b.start);
    this.ranges.set(view.buffer, all);
    return true;
  }

  /** The view's ranges no longer hold data (deleteObject): forget them. */
  forget(view: TypedView): DataEntry[] {
    const all = this.ranges.get(view.buffer) ?? [];
    const hits = all.filter((r) => r.own < view.byteOffset + view.byteLength && view.byteOffset < r.end);
    this.ranges.set(view.buffer, all.filter((r) => !hits.includes(r)));
    for (const hit of hits) this.registry.drop(hit.entry);
    return hits.map((r) => r.entry);
  }
}

/** The view over a range exactly as the range's datum is encoded: what snapshots and copy-back read and write. */
export function rangeView(entry: DataEntry): TypedView {
  const range = entry.range!;
  const buffer = range.buffer;
  const C = typedArrays[range.type]!;
  return new C(buffer, range.start, (range.end - range.start) / C.BYTES_PER_ELEMENT);
}

/** The bytes of a range that are the program's data: copy-back writes these and no others. */
export function ownedBytes(entry: DataEntry): { view: Uint8Array; skip: number } {
  const range = entry.range!;
  const buffer = range.buffer;
  return { view: new Uint8Array(buffer, range.own, range.end - range.own), skip: range.own - range.start };
}

/** `start` aligned down to 8; `own` where the first view starts. */
interface Cluster { start: number; own: number; end: number; views: TypedView[] }

/** A range is seen as its first view's type when that view covers it exactly, else as bytes. */
function rangeTypeOf(cluster: Cluster): string {
  const first = cluster.views[0]!;
  const exact = first.byteOffset === cluster.start && first.byteOffset + first.byteLength === cluster.end && !Buffer.isBuffer(first);
  return exact ? viewType(first) : 'Uint8Array';
}

/** Overlapping views of one buffer, merged; each cluster starts on an 8-byte boundary. */
function clusters(views: readonly TypedView[]): Cluster[] {
  const sorted = [...views].sort((a, b) => a.byteOffset - b.byteOffset);
  const out: Cluster[] = [];
  for (const view of sorted) {
    const start = view.byteOffset - (view.byteOffset % 8);
    const end = view.byteOffset + view.byteLength;
    const last = out[out.length - 1];
    if (last && start < last.end) {
      last.end = Math.max(last.end, end);
      last.views.push(view);
    } else {
      out.push({ start, own: view.byteOffset, end, views: [view] });
    }
  }
  return out;
}

/** How the worker finds the parameter's view on the range's typed array; undefined when it is that array itself. */
function specOf(view: TypedView, start: number, end: number, rangeType: string): ViewSpec | undefined {
  const type = viewType(view);
  if (view.byteOffset === start && view.byteOffset + view.byteLength === end && type === rangeType && !Buffer.isBuffer(view)) return undefined;
  return { type: Buffer.isBuffer(view) ? 'Buffer' : type, offset: view.byteOffset - start, length: view.length };
}
