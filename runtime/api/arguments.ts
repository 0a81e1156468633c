/**
 * From a call's arguments to what the engine needs: primitives by value, objects by data version, and for each
 * parameter which part of its datum it is (a root of a group, a view on a range, the same object as another
 * parameter). The worker then has exactly the sharing the caller had:
 * - the same object in two parameters is one datum and one object (`bumpBoth(s, s)`);
 * - typed arrays are data by storage (buffer-ranges.ts): overlapping views are one datum, each parameter its view;
 * - objects of one call that share parts (`t(arr, arr[0])`, `t(o, o.values)`) become one group datum, a tuple of
 *   roots encoded as one graph, so shared objects are one object in the worker.
 * A datum is read at its current version and, if any parameter writes it, produces one new version.
 */
import type { ArgPart, Holes, OutShape, WireArg } from '../protocol';
import { builtinSubclass, detachedError, encodeValue, isDetached, proxyRefused, UnsupportedValueError, type EncodedValue } from '../store/codec';
import { isProxy } from 'node:util/types';
import { unsupportedArgument } from '../errors';
import { fingerprint, type Fingerprint } from '../store/fingerprint';
import { indicesOf, sparseKeys } from '../store/own-properties';
import { settleNestedFutures } from './nested-futures';
import { hasNamedProperties, isPrimitive, isTypedArray, shapeOf } from '../worker/shapes';
import type { Registry } from './registry';
import type { DataEntry } from './records';
import { rangeView, type BufferRanges, type TypedView } from './buffer-ranges';
import { reachable } from './reachable';
import { Future } from './future';
import type { TaskHandle } from './task-handle';
import { directionAt, parameterAt } from '../protocol';
import { moduleCodeOf } from './module-state';

export interface ArgumentHost {
  readonly registry: Registry;
  readonly ranges: BufferRanges;
  /** Block until the entry's producer finished and bring its contents into the caller's objects. */
  bringHome(entry: DataEntry): void;
  /** The datum will not be used again (its objects joined a group, its range was replaced). */
  retire(dataId: number): void;
  /** Before a call reads a datum: bring home what other data changed inside it, and snapshot it anew. */
  refresh(entry: DataEntry): void;
  /** Before an object (or a range of a buffer) is used: pending writes of other data holding it come home. */
  settleHolders(object: object, except?: DataEntry): void;
  /** Whether the program marks this object "may have changed" (then its data's snapshots are fingerprinted). */
  checksContents(object: object): boolean;
  /** A datum whose producer failed: restore the caller's objects (raising the failure if the program has not seen it). */
  settleFailed(entry: DataEntry, object: object | undefined): void;
}

export interface Prepared {
  readonly wire: WireArg[];
  /** `in`/`inout` data whose current contents the main thread must write before the task can read them. */
  readonly snapshots: { entry: DataEntry; encoded: EncodedValue; param: string; hash?: Fingerprint }[];
  /** Data marked "may have changed" whose contents had not: their latest snapshot stays the version read. */
  readonly kept: readonly DataEntry[];
  /** Data the task writes, with what will receive the new contents at its wait (an object, or a range's buffer). */
  readonly writes: { entry: DataEntry; object?: object }[];
  /** The call's distinct argument objects (or Futures) by ref: what a returned argument maps back to. */
  readonly objects: object[];
  /** The data the call uses, by id. */
  readonly data: ReadonlyMap<number, DataEntry>;
  /** Each argument's datum (undefined for primitives and collections). */
  readonly entries: readonly (DataEntry | undefined)[];
}

interface Use { entry: DataEntry; object?: object; reads: boolean; writes: boolean; shape?: OutShape; param: string }
type Slot = { value: unknown } | { use: Use; part: ArgPart } | ({ collection: Slot[] } & Holes);

export function prepareArguments(host: ArgumentHost, handle: TaskHandle, args: readonly unknown[], where: () => string): Prepared {
  const directionOf = (i: number) => directionAt(handle.def, i, args.length);
  const paramOf = (i: number) => handle.paramNames[parameterAt(handle.def, i, args.length) ?? -1] ?? `#${i}`;
  const refuse = (i: number, refused: UnsupportedValueError) => unsupportedArgument(where(), paramOf(i), refused.message, refused);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (typeof arg === 'function' || typeof arg === 'symbol') {
      throw unsupportedArgument(where(), paramOf(i), `a ${typeof arg} cannot be sent to a worker`, new UnsupportedValueError(typeof arg, '', `a ${typeof arg}`));
    }
    // (A Proxy first: every look at it, as below, runs its traps. The call runs in place, as for any refused kind.)
    if (isProxy(arg)) throw refuse(i, proxyRefused(''));
    if (isTypedArray(arg) && isDetached(arg.buffer)) throw refuse(i, detachedError(arg, ''));
    // An array the task may change holds the values, as the plain call's would: the Futures in it are waited for. So
    // are values that may hold the caller's objects, as they are now (below: holdsArguments).
    if (isFutureCollection(arg)) {
      const waited = (item: unknown) => item instanceof Future && (directionOf(i) !== 'in' || item.holdsArguments === true);
      for (const k of indicesOf(arg)) if (waited(arg[k])) arg[k] = (arg[k] as Future<unknown>).wait();
    }
    // (Deeper, in the rows of an array of rows, each is its value: nested-futures.ts.)
    settleNestedFutures(arg, (future) => future.wait());
    const subclass = typeof arg === 'object' && arg !== null ? builtinSubclass(arg) : undefined;
    if (subclass) throw refuse(i, subclass(''));
  }

  const isData = (arg: unknown): arg is object => !isPrimitive(arg) && !(arg instanceof Future) && !isFutureCollection(arg);
  const grouped = groupShared(host, args.filter(isData));
  // A typed array in a group travels with its group; any other is a range of its buffer.
  const views = args.filter((arg): arg is TypedView => isData(arg) && isTypedArray(arg) && !grouped.has(arg) && !host.registry.get(arg));
  for (const buffer of new Set(views.map((view) => view.buffer))) host.settleHolders(buffer);
  const resolvedViews = host.ranges.resolve(views);
  const viewOf = new Map(views.map((view, i) => [view, resolvedViews[i]!]));

  const uses = new Map<DataEntry, Use>();
  const refs = new Map<object, number>();
  const use = (entry: DataEntry, object: object | undefined, direction: string, param: string): Use => {
    let u = uses.get(entry);
    if (!u) {
      host.refresh(entry);
      u = { entry, object, reads: false, writes: false, param };
      uses.set(entry, u);
    }
    if (direction !== 'out') u.reads = true;
    if (direction !== 'in') u.writes = true;
    return u;
  };
  const refOf = (object: object): number => {
    let ref = refs.get(object);
    if (ref === undefined) { ref = refs.size; refs.set(object, ref); }
    return ref;
  };

  const classify = (arg: unknown, direction: string, param: string): Slot => {
    if (isPrimitive(arg)) return { value: arg };
    // A Future of a value the main thread made (a call run directly: direct-calls.ts) stands for that value.
    // (A forwarder's record of objects it made waits for their tasks first: program-waits.ts heldRecord.)
    if (arg instanceof Future && !arg.entry.producer && !arg.entry.stored && arg.value) return classify(arg.held ? arg.wait() : arg.value.current, direction, param);
    // A task's value that may hold the caller's objects (`{ config: cfg }`): the stored version holds them as they
    // were when it was made, and the program may have changed them since (np62's W2, however the value was reached:
    // a choice, a map's callback). So the value as it is now, once home, goes like any object the program holds.
    if (arg instanceof Future && arg.holdsArguments) return classify(arg.wait(), direction, param);
    if (arg instanceof Future) {
      // A value already loaded here must receive what a task writes into it, like any caller's object.
      const loaded = arg.value?.current;
      const object = typeof loaded === 'object' && loaded !== null ? loaded : undefined;
      return { use: use(arg.entry, object, direction === 'in' ? 'in' : 'inout', param), part: { ref: refOf(arg) } };
    }
    if (isFutureCollection(arg) && direction === 'in') {
      // (A hole stays a hole, and a long sparse array's items only are sent: rev58's F8.)
      const at = indicesOf(arg);
      const collection = at.map((i) => classify(arg[i], 'in', `${param}[${i}]`));
      return at.length === arg.length ? { collection } : { collection, at, length: arg.length };
    }
    const object = arg as object;
    const resolved = viewOf.get(object as TypedView);
    if (resolved) {
      const { entry, view } = resolved;
      host.settleFailed(entry, undefined);
      if (host.checksContents(object)) entry.checked = true;
      // The view that covers its range exactly is the caller's object for it: a task that stores it elsewhere
      // (`o.v = v`) gives that object back.
      if (!view) entry.base = [object];
      // An `out` view on a wider range must not blank the rest of it: the worker reads the range first.
      const u = use(entry, entry.range!.buffer, view && direction === 'out' ? 'inout' : direction, param);
      if (direction === 'out' && !u.reads) u.shape = { kind: 'typed', type: entry.range!.type, length: rangeView(entry)!.length };
      return { use: u, part: { view, ref: refOf(object) } };
    }
    host.settleHolders(object);
    const entry = host.registry.entryFor(object);
    host.settleFailed(entry, entry.roots?.[0] ?? object);
    if (host.checksContents(object)) entry.checked = true;
    const root = entry.roots?.indexOf(object);
    // The other roots of a group keep their contents: the worker reads the group even for an `out` parameter.
    // (So does an array with named properties of its own: the worker's stand-in must have them, tester np36's outprop.)
    const keepsContents = root !== undefined || (Array.isArray(object) && hasNamedProperties(object));
    const u = use(entry, entry.roots?.[0] ?? object, keepsContents && direction === 'out' ? 'inout' : direction, param);
    if (direction === 'out' && !u.reads) {
      const shape = shapeOf(object);
      if (!shape) throw unsupportedArgument(where(), param, `an out parameter must be a typed array, array, plain object, Map or Set, got ${object.constructor?.name ?? 'an object'}`);
      u.shape = shape;
    }
    return { use: u, part: { root, ref: refOf(object) } };
  };

  const slots = args.map((arg, i) => classify(arg, directionOf(i), paramOf(i)));

  // Encoding one snapshot may bring other data home (a part held by a datum a task was writing), which can make
  // another datum of this call the main thread's again, or change one already encoded: repeat until nothing moves.
  // A datum marked "may have changed" whose encoding is its latest snapshot's file again keeps that version.
  const encodedAt = new Map<DataEntry, { encoded: EncodedValue; version: number; param: string; hash?: Fingerprint }>();
  // Module objects the task reads (after the arguments) are copied into the worker's own module objects, whose
  // getters and setters are the same code: only the arguments' accessors and symbol keys make the call run in place.
  const moduleObjects = new Set<unknown>(args.slice(args.length - (handle.def.state?.length ?? 0)));
  const kept: DataEntry[] = [];
  for (let changed = true; changed;) {
    changed = false;
    for (const u of uses.values()) {
      const { entry } = u;
      if (!u.reads || entry.stored || entry.producer || !u.object) continue;
      if (encodedAt.get(entry)?.version === entry.version) continue;
      changed = true;
      let encoded: EncodedValue;
      try {
        encoded = encodeSnapshot(entry, u.object, host, !moduleObjects.has(u.object));
      } catch (error) {
        if (error instanceof UnsupportedValueError) throw unsupportedArgument(where(), u.param, error.message, error);
        throw error;
      }
      const hash = entry.checked ? fingerprint(encoded) : undefined;
      if (host.registry.confirmSnapshot(entry, hash)) { encodedAt.delete(entry); kept.push(entry); continue; }
      encodedAt.set(entry, { encoded, version: entry.version, param: u.param, hash });
    }
  }
  const snapshots: Prepared['snapshots'] = [...encodedAt].map(([entry, { encoded, param, hash }]) => ({ entry, encoded, param, hash }));

  const toWire = (slot: Slot): WireArg => {
    if ('value' in slot) return { value: slot.value as never };
    if ('collection' in slot) return { collection: slot.collection.map(toWire), at: slot.at, length: slot.length };
    const { entry, reads, writes, shape } = slot.use;
    return {
      data: entry.id,
      read: reads ? entry.version : undefined,
      write: writes ? entry.version + 1 : undefined,
      shape: reads ? undefined : shape,
      ...slot.part,
    };
  };
  const wire = slots.map(toWire);
  const writes = [...uses.values()].filter((u) => u.writes).map((u) => ({ entry: u.entry, object: u.object }));
  const entries = slots.map((slot) => ('use' in slot ? slot.use.entry : undefined));
  // A datum kept and then changed again while encoding this call's other snapshots is written after all.
  const keptAtLast = [...new Set(kept)].filter((entry) => !encodedAt.has(entry));
  return { wire, snapshots, kept: keptAtLast, writes, objects: [...refs.keys()], data: new Map([...uses.keys()].map((entry) => [entry.id, entry])), entries };
}

/**
 * The datum's current contents from the main thread. Every object is numbered and its origin recorded, so that
 * copy-back can update the caller's objects in place (entry.base); a range is bytes and needs no numbering.
 */
function encodeSnapshot(entry: DataEntry, object: object, host: ArgumentHost, programObjects: boolean): EncodedValue {
  if (entry.range) return encodeValue(rangeView(entry), { originOf: () => ({ data: entry.id, index: 0 }) });
  const base = entry.base ??= [];
  const numbers = entry.numbers ??= new Map();
  const held: object[] = [];
  let value: object = object;
  if (entry.roots) {
    value = entry.tuple ??= [];
    entry.tuple.length = 0;
    entry.tuple.push(...entry.roots);
  }
  const encoded = encodeValue(value, {
    programObjects,
    // (A module object's methods stay behind: the worker's copy of the module has its own.)
    moduleCode: programObjects ? undefined : moduleCodeOf,
    originOf: (o) => {
      let index = numbers.get(o);
      if (index === undefined) { index = base.length; base.push(o); numbers.set(o, index); }
      held.push(o);
      return { data: entry.id, index };
    },
    // A part that is data of its own (passed to a task before, or a typed array whose buffer has ranges) with a
    // task still writing it, or whose task failed: the snapshot holds what the plain call would see.
    beforeObject: (part) => {
      if (part === object) return;
      const own = host.registry.get(part);
      if (own && own !== entry) { host.settleFailed(own, part); host.bringHome(own); }
      host.settleHolders(part, entry);
      if (isTypedArray(part)) {
        for (const range of host.ranges.overlapping(part.buffer, part.byteOffset, part.byteOffset + part.byteLength)) {
          host.settleFailed(range, undefined);
          host.bringHome(range);
        }
      }
    },
  });
  host.registry.containers.noteContents(entry, held);
  return encoded;
}

function isFutureCollection(arg: unknown): arg is unknown[] {
  if (!Array.isArray(arg)) return false;
  // (A sparse array, ids as indices, by its own keys: `some` would visit every hole up to its length.)
  const keys = sparseKeys(arg);
  return keys ? keys.some((key) => arg[key as never] instanceof Future) : arg.some((item) => item instanceof Future);
}

/**
 * Objects among one call's arguments that share parts (an object reachable from two arguments, or typed arrays
 * whose memory overlaps) are made one group datum; returns the arguments now in a group.
 */
function groupShared(host: ArgumentHost, objects: readonly object[]): Set<object> {
  const inGroups = new Set<object>();
  const structured = objects.filter((o) => !isTypedArray(o));
  if (structured.length === 0 || objects.length < 2) return inGroups;
  const walkable = (o: object) => host.registry.get(o)?.producer === undefined;
  // An argument a task is still writing is not walked (its copy here is old), but what its last snapshot held is
  // known: an argument held by another argument's datum shares with it.
  const linked = (a: object, b: object): boolean => {
    const entry = host.registry.get(b);
    if (!entry) return false;
    const holders = [...host.registry.containers.holdersOf(a), ...(isTypedArray(a) ? host.registry.containers.holdersOf(a.buffer) : [])];
    return holders.includes(entry);
  };
  for (const members of reachable.sharing(objects, walkable, (o) => host.registry.get(o)?.roots ?? [o], linked)) {
    const entries = new Set(members.map((m) => host.registry.get(m)));
    if (entries.size === 1 && !entries.has(undefined) && [...entries][0]!.roots) { members.forEach((m) => inGroups.add(m)); continue; }
    for (const entry of entries) if (entry?.producer) host.bringHome(entry);
    for (const member of members) {
      if (!isTypedArray(member)) continue;
      for (const range of host.ranges.overlapping(member.buffer, member.byteOffset, member.byteOffset + member.byteLength)) {
        if (range.producer) host.bringHome(range);
      }
      for (const range of host.ranges.forget(member as TypedView)) host.retire(range.id);
    }
    host.registry.group(members, (id) => host.retire(id));
    members.forEach((m) => inGroups.add(m));
  }
  return inGroups;
}
