/**
 * The main thread's records: a task call until it settles (TaskRecord) and a datum with its latest version
 * (DataEntry), of the three kinds (one object, a group, a typed-array range). Plain shapes apart from the Registry
 * (registry.ts) because the loader, the arguments, the Runtime and its waits all read and write them.
 */
import type { Primitive } from '../protocol';
import type { Fingerprint } from '../store/fingerprint';
import type { Chain } from './async-chains';

export interface TaskRecord {
  readonly id: number;
  /** `task <name> (<call site>)`, computed only when an error needs it. */
  readonly where: () => string;
  /** The task's parameter names, so that a worker's error about an output names the parameter. */
  readonly params?: readonly string[];
  state: 'pending' | 'ok' | 'failed';
  error?: Error;
  /**
   * The caller's objects the error holds (`e.lines`, `throw xs`): once the program has the error it can change them
   * through it, where the plugin cannot follow, so they count as "may have changed" when it reaches the program.
   */
  heldByError?: object[];
  /** The error was thrown to the program at some wait: it was not lost. */
  observed?: boolean;
  /** For a task cancelled because another failed: that first failure. */
  rootFailure?: TaskRecord;
  /** A primitive result, carried in the message instead of a file. */
  inline?: { value: Primitive | unknown };
  /** TASKIFY_WORKERS=0, a call submitted ahead of its turn: made when the program reaches it (inline.ts). */
  madeAtTurn?: () => void;
  waiters?: (() => void)[];
  /** The call's argument objects by ref, until its return value was loaded: a returned argument maps back to them. */
  args?: object[];
  /** The data the call read or wrote, by id: where origins in its outputs find the caller's objects. */
  data?: ReadonlyMap<number, DataEntry>;
  /**
   * The tasks that produced versions this call read, not yet loaded here: an object in those versions may have come
   * from their data (`link(holder, it); bumpAll(holder)`), so origins are looked up there too.
   */
  inputs?: TaskRecord[];
  /** The version of each datum of `data` when the call was made. */
  seen?: ReadonlyMap<number, number>;
  /**
   * Each datum the call writes, as it was before: its version then and the call producing it (none: the main
   * thread's objects held it). What a take-back restores if the plain program never made this call (plain-order.ts).
   */
  before?: Map<DataEntry, { readonly version: number; readonly producer?: TaskRecord }>;
  /**
   * A call the plugin placed where the plain program calls the function (it gave a call site): one the plain program
   * may turn out never to have made. A submission made by hand through the API is the program's own, and stands.
   */
  readonly inPlainOrder?: boolean;
  /** The run of an async function that made the call (async-chains.ts); undefined: code outside every one. */
  readonly chain?: Chain;
  /** The task's Promise awaited a timer or I/O (WorkerReply.wentAsync): it settles when it comes, not in call order. */
  wentAsync?: true;
  /** When the program made the call (settle-order.ts turnClock): a call that went async settled asyncMs after. */
  readonly calledAt: number;
  /** A call that went async: how long after the call it settled, on its timers' clock (TaskOutcome.asyncMs). */
  asyncMs?: number;
}

/** Bytes [start, end) of a buffer, seen through a typed array of `type` covering exactly them. */
export interface BufferRange {
  /**
   * Held strongly: the entry lives only while the buffer does (the ranges table is a WeakMap keyed by it, and a
   * WeakRef would keep the buffer alive until a synchronous loop ends anyway).
   */
  readonly buffer: ArrayBufferLike;
  readonly start: number;
  /** Where the program's bytes begin (start is aligned down to 8 from here). */
  readonly own: number;
  readonly end: number;
  readonly type: string;
}

export interface DataEntry {
  readonly id: number;
  version: number;
  /** The task producing the latest version, until the main thread has loaded it. */
  producer?: TaskRecord;
  /** The latest version is (or will be) a file: a snapshot already written, or a task's output. */
  stored: boolean;
  /** A group's objects, encoded as a tuple in this order. Absent for one object or a range. */
  roots?: object[];
  /** The array a group's snapshots encode its roots in: one object, so its number stays the same. */
  tuple?: object[];
  /** A typed-array range's place. */
  range?: BufferRange;
  /**
   * The objects the main thread's snapshots of this datum held, by number: where copy-back finds the caller's
   * objects. Numbers are stable for the datum's life (a version written against an older snapshot still resolves),
   * so an object once held stays here until the datum goes.
   */
  base?: object[];
  numbers?: Map<object, number>;
  /**
   * Other data that changed objects (or buffer bytes) this datum's snapshot holds: before this datum is read again,
   * their writes come home and the datum is snapshotted anew (`const o = { a }; inc(a); read(o)`).
   */
  dirtyBy?: Set<DataEntry>;
  /**
   * The program marked this datum "may have changed" (`maybeWritten`): its snapshots are fingerprinted, so that a later
   * such mark writes a new version only when the contents really differ.
   */
  checked?: boolean;
  /** The fingerprint of the main thread's snapshot that is `version` of this datum (store/fingerprint.ts). */
  fingerprint?: { readonly version: number; readonly hash: Fingerprint };
}

/** Stands in `dirtyBy` for a change the main thread made itself: nothing to wait for, only a new snapshot. */
export const MAIN_THREAD: DataEntry = Object.freeze({ id: 0, version: 0, stored: false }) as DataEntry;

