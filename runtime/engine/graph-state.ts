/**
 * The task graph's state as plain data: tasks, versions, each datum's latest version, the ready queue, and the
 * effects a change has on the world outside. Only types and constructors live here, so that the verbs (graph.ts),
 * the rules of a version's life (graph-release.ts) and the spread of failures (graph-failure.ts) share one picture
 * and tests can write states as literals.
 */
import type { InspectLook } from '../output/inspect-look';
import type { Primitive, WireArg } from '../protocol';

export type TaskState = 'waiting' | 'ready' | 'running' | 'done' | 'failed';

export interface TaskNode {
  readonly id: number;
  readonly def: number;
  readonly args: readonly WireArg[];
  readonly reads: readonly string[];
  readonly writes: readonly string[];
  readonly result: string;
  /** util.inspect's defaults as the program had them at the call (output/inspect-look.ts). */
  readonly inspect?: InspectLook;
  /** Producers of read versions that have not finished yet. */
  missing: number;
  readonly dependents: number[];
  state: TaskState;
  attempts: number;
}

export interface VersionNode {
  readonly key: string;
  readonly data: number;
  /** null: written by the main thread. */
  readonly producer: number | null;
  state: 'pending' | 'available' | 'failed';
  bytes: number;
  /** Unfinished tasks that read this version. */
  readers: number;
  /** The latest version of data that still exists. */
  live: boolean;
  /** Worker thread ids that hold this version decoded in their cache. */
  holders: number[];
  /** A primitive result travels in messages instead of a file. */
  inline?: { readonly value: Primitive };
  /** For a failed version: the task whose failure doomed it (the first in the chain). */
  failedBy?: number;
  /** Tasks that superseded it and may yet be taken back (graph-holds.ts): it stays until none may. */
  held?: number;
}

export interface GraphState {
  readonly tasks: Map<number, TaskNode>;
  readonly versions: Map<string, VersionNode>;
  /** data id → key of its latest version */
  readonly latest: Map<number, string>;
  /** Ready task ids in submission order. */
  readonly ready: number[];
  /**
   * Versions that will never exist, released, with the task whose failure doomed them: a task the main thread
   * submitted before it heard of the failure may still read one, and is then cancelled like any other dependent.
   */
  readonly failed: Map<string, number>;
  /** Versions superseded by tasks that may yet be taken back, in task order (graph-holds.ts). */
  readonly holds: { readonly taskId: number; readonly version: VersionNode; readonly bytes: number }[];
  /** The bytes of the versions held, as counted when each hold began. */
  heldBytes: number;
  /** Failed tasks the program has not met yet: a take-back after them may still need what later tasks superseded. */
  readonly unmetFailures: Set<number>;
  /** The program met every failure of a task up to this id, including those still to come (graph-holds.ts). */
  metUpTo: number;
  /** Set when a task whose policy is 'fail' failed: the run is stopped, and a task submitted now fails at once. */
  stoppedBy?: number;
}

export const emptyGraph = (): GraphState => ({ tasks: new Map(), versions: new Map(), latest: new Map(), ready: [], failed: new Map(), holds: [], heldBytes: 0, unmetFailures: new Set(), metUpTo: 0 });

/** What a change implies for the outside world. */
export interface Effects {
  /** Tasks that became ready. */
  readonly ready: number[];
  /** Versions whose files may be deleted now. */
  readonly released: VersionNode[];
  /** Tasks that will never run because a task they depend on failed: [task, version it needed, failed task]. */
  readonly cancelled: { readonly taskId: number; readonly key: string; readonly failedTask: number }[];
}

export const noEffects = (): Effects => ({ ready: [], released: [], cancelled: [] });
