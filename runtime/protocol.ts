/**
 * Every message that crosses a thread boundary: main thread ↔ engine thread ↔ pool workers.
 * Keeping them in one file is what lets each side evolve without reading the other's code.
 *
 * Data is named by version: data id + version number, written `d<id>v<ver>` (a file in the run directory).
 */

export type Direction = 'in' | 'out' | 'inout';

/** A value that travels by value, never as a file. */
export type Primitive = number | string | boolean | bigint | null | undefined;

export const versionKey = (dataId: number, version: number): string => `d${dataId}v${version}`;

const VERSION_KEY = /^d\d{1,15}v\d{1,15}$/;

/**
 * A key that arrived in a message (from another thread, or from Redis in a distributed run) before it becomes part of
 * a file name: only `d<id>v<ver>` passes, so no key can name a path outside the run directory (`/../../x`).
 */
export function checkedVersionKey(key: unknown): string {
  if (typeof key !== 'string' || !VERSION_KEY.test(key)) {
    throw Object.assign(new Error(`taskify: refused a version key that is not of the form d<id>v<version>: ${JSON.stringify(key)?.slice(0, 80)}`),
      { code: 'TASKIFY_BAD_KEY' });
  }
  return key;
}

/**
 * The origin data number that means "argument `index` of this call" (protocol ArgPart.ref): how a task's return value
 * says it is one of its arguments, so the caller gets its own object back. Only in return values, never in data.
 */
export const ARGUMENT_ORIGIN = 0xffffffff;

/** A task function as a worker finds it: a module it can import and an export name. */
export interface TaskDef {
  readonly id: number;
  readonly module: string; // file: URL
  readonly name: string;
  readonly directions: readonly Direction[];
  readonly rro: readonly boolean[];
  /** Parameters the task reaches through `.buffer`: they need an ArrayBuffer of their own, not a view into a file's. */
  readonly ownBuffer: readonly boolean[];
  /** The parameter the task returns on every path (`merge(total, part) { …; return total }`): its result is that argument. */
  readonly returns?: number;
  /** The task's value may hold arguments or parts of them (ParamSpec heldInValue): the caller's own objects once it comes home. */
  readonly holdsArguments?: boolean;
  /** A run longer than this is stopped (its worker terminated) and fails as timed out; none when absent. */
  readonly timeoutMs?: number;
  /** What a failure leads to (absent: 'cancel-successors'). See engine/failure-policy.ts. */
  readonly onFailure?: FailurePolicy;
  /** With onFailure 'retry': how many times a failed task runs again before it fails as by default. */
  readonly retries?: number;
  /** Module state the task reads (see api/module-state.ts): its snapshots are the last arguments, one per key. */
  readonly state?: readonly string[];
  /** The task's rest parameter (`...arrs`): every argument from here on (before the state) is one of its elements. */
  readonly restAt?: number;
}

/**
 * Which declared parameter argument `i` of a call with `count` arguments lands in: its own, the rest parameter's for
 * every argument from there on, and the module state's for the last ones (they come after the call's own: the
 * number of the call's arguments varies with a rest parameter).
 */
export function parameterAt(def: TaskDef, i: number, count: number): number | undefined {
  const state = def.state?.length ?? 0;
  const own = def.directions.length - state;
  if (i >= count - state) return own + (i - (count - state));
  if (def.restAt !== undefined && i >= def.restAt) return def.restAt;
  return i < own ? i : undefined;
}

/** The same for a call's own arguments, `own` of them (the module state's, added at submission, come after them). */
export function ownParameterAt(def: TaskDef, i: number, own: number): number | undefined {
  return parameterAt(def, i, own + (def.state?.length ?? 0));
}

/** The direction of argument `i` of a call with `count` arguments ('in' past the declared parameters: unread). */
export function directionAt(def: TaskDef, i: number, count: number): Direction {
  const at = parameterAt(def, i, count);
  return at === undefined ? 'in' : def.directions[at] ?? 'in';
}

/**
 * What follows a task's failure, as PyCOMPSs' on_failure: 'cancel-successors' (the default) fails the tasks that read
 * what it was to produce; 'fail' stops the whole run; 'ignore' lets its Future be undefined, leaves its inout objects
 * as they were, runs its dependents and reports the failure at exit; 'retry' runs it again first.
 */
export type FailurePolicy = 'retry' | 'fail' | 'cancel-successors' | 'ignore';
export const FAILURE_POLICIES: readonly FailurePolicy[] = ['retry', 'fail', 'cancel-successors', 'ignore'];

/** What an `out` parameter looks like, so a worker can make an empty one without reading the old contents. */
export type OutShape =
  | { readonly kind: 'typed'; readonly type: string; readonly length: number }
  | { readonly kind: 'array'; readonly length: number }
  | { readonly kind: 'object' | 'map' | 'set' };

/**
 * Which part of a datum's value a parameter receives. A datum holds one object, or (`root`) a tuple of the objects
 * of one call that shared parts; a typed-array datum is a range of a buffer, and `view` places the parameter's own
 * view on it. `ref` numbers the distinct objects of one call: the same number is the same object in the worker.
 */
export interface ArgPart {
  readonly root?: number;
  readonly view?: ViewSpec;
  readonly ref?: number;
}

/** A typed array view on a datum's typed array: element type, byte offset from its start, length in elements. */
export interface ViewSpec { readonly type: string; readonly offset: number; readonly length: number }

/** One argument as the engine and workers see it. */
export type WireArg =
  | { readonly value: Primitive }
  /** `read`: the version the task reads; `write`: the version the task produces in the same object. */
  | ({ readonly data: number; readonly read?: number; readonly write?: number; readonly shape?: OutShape } & ArgPart)
  /** An array whose elements are themselves arguments (futures gathered for a reduction). */
  | ({ readonly collection: readonly WireArg[] } & Holes);

// ── main → engine ──────────────────────────────────────────────────────────────

export interface SubmitMsg {
  readonly type: 'submit';
  readonly taskId: number;
  readonly def: number;
  readonly args: readonly WireArg[];
  /** Data id of the task's return value (version 1). */
  readonly result: number;
  /** Versions the main thread wrote as files for this call (snapshots of `in` arguments): key → bytes. */
  readonly snapshots: readonly { readonly data: number; readonly version: number; readonly bytes: number }[];
  /** util.inspect's defaults where the program changed them, at this call (output/inspect-look.ts). */
  readonly inspect?: InspectLook;
}

export type MainToEngine =
  | { readonly type: 'define'; readonly def: TaskDef }
  | SubmitMsg
  /** The user deleted the object, or it was garbage collected: its versions die once no pending task needs them. */
  | { readonly type: 'delete'; readonly data: number }
  /** Observers were attached or all removed: the engine sends RunEvents only while someone listens. */
  | { readonly type: 'observe'; readonly enabled: boolean }
  /** The main thread needs this version's file in the run directory (a remote run keeps it on the machines until asked). */
  | { readonly type: 'fetch'; readonly key: string }
  /** The program cancelled the task (`cancel(future)`): stop it if it runs, fail it and its dependents. */
  | { readonly type: 'cancel'; readonly taskId: number }
  /**
   * The program met the failures of tasks up to `upTo` (now and when they come) and took back the calls after them
   * that it never made, having read what it needed of the versions those calls superseded; or it learnt of `task`'s
   * failure some other way (a Promise). What the engine held for them may go (engine/graph-holds.ts).
   */
  | { readonly type: 'met'; readonly upTo?: number; readonly task?: number }
  /** A wait has made no progress for a while: say what runs and what waits (answered with 'status'). */
  | { readonly type: 'status' }
  | { readonly type: 'shutdown' };

export interface EngineBatch { readonly type: 'batch'; readonly messages: readonly MainToEngine[] }

// ── engine → main ──────────────────────────────────────────────────────────────

import type { CountMark } from './output/console-counts';
import type { InspectLook } from './output/inspect-look';
import type { WarningMark } from './output/task-warnings';
import type { HeldPath } from './held-inside';
import type { ClassRef } from './store/classes';

/** An argument of the failed call (its ArgPart.ref), or an object of a snapshot it read (an origin, as in data files). */
export type HeldByError = { readonly ref: number } | { readonly data: number; readonly index: number };

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** Own enumerable properties that survived a structured clone; the rest as strings. */
  readonly props: Record<string, unknown>;
  /** The error's class, when a module exports it: rebuilt as an instance of it. */
  readonly classRef?: { readonly module: string; readonly name: string };
  /** A class of its own no module exports: its name and the built-in it extends, for a stand-in of that name. */
  readonly unexported?: { readonly name: string; readonly builtin: string };
  /**
   * The built-in class it is an instance of, where its name says another (`e = new SyntaxError(…); e.name =
   * 'TokenError'`): rebuilt as that class, not as an Error (np69's min-renamed-error-class).
   */
  readonly builtin?: string;
  /** A `cause` that loops back: the index of that error in the chain from the outermost (0). */
  readonly causeRef?: number;
  /**
   * What was thrown was not an Error: the value itself, which the waiter throws; a registered symbol by its key; or
   * (`lost`) what it was, when it cannot travel: the waiter gets an error saying so (error-travel.ts).
   */
  readonly thrown?: {
    readonly value: unknown; readonly symbolFor?: string; readonly lost?: string; readonly inside?: readonly HeldPath[];
    /** An instance of a class a worker can import (its own fields in `value`), or an object with no prototype. */
    readonly classRef?: ClassRef; readonly nullPrototype?: true;
  };
  /** The error's own `cause` is enumerable (the program assigned it); the constructor's option makes it hidden. */
  readonly causeShown?: true;
  /** It had no stack (`delete e.stack`): made again without one. */
  readonly stackless?: true;
  /** Own properties that are not enumerable (`Object.defineProperty(e, 'status', { value: 503 })`), as `props`. */
  readonly hidden?: Record<string, unknown>;
  /** Properties (shown or hidden) holding an error of the cause chain, `e.self = e`: that error's index, as causeRef. */
  readonly refs?: Record<string, { readonly index: number; readonly hidden?: true }>;
  /** Properties (`cause` included) holding one of the call's arguments or a part of one: the caller's object (error-travel.ts). */
  readonly args?: Record<string, HeldByError & { readonly hidden?: true }>;
  /** Properties (shown or hidden) holding an instance of a class a worker can import: that class, its prototype again. */
  readonly classes?: Record<string, ClassRef>;
  /** Properties (`errors`, `cause` or any other) holding the call's objects deeper inside them (held-inside.ts). */
  readonly inside?: Record<string, readonly HeldPath[]>;
  /** With refs or args: the enumerable own keys in their order, which the refs, defined last, would otherwise change. */
  readonly order?: readonly string[];
  /** A DOMException (AbortError…): made again as one, so that its `code` and `name` come from its name. */
  readonly dom?: true;
}

/**
 * What a task wrote to its process.stdout (fd 1) or process.stderr (fd 2), in the order written: text, or bytes
 * (base64, so that a distributed run's JSON replies carry them). The main thread prints it where the plain program
 * would have (output/program-order.ts).
 */
/**
 * `raw`: written by the task's own process.stdout/stderr.write, not by a console method, so the program's
 * console.group indentation at the call does not apply to it (the plain call's raw writes were not indented).
 */
export type OutputChunk = { readonly fd: 1 | 2; readonly text: string; readonly raw?: true } | { readonly fd: 1 | 2; readonly base64: string; readonly raw?: true }
  /** The task set process.exitCode: the main thread's is set where the task's output is placed. */
  | { readonly fd: 1 | 2; readonly exitCode: number }
  /** console.count/countReset in the task: counted on the main thread's counters where placed (output/console-counts.ts). */
  | ({ readonly fd: 1 | 2 } & CountMark)
  /** process.emitWarning in the task: emitted by the main thread where placed (output/task-warnings.ts). */
  | { readonly fd: 1 | 2; readonly warned: WarningMark }
  /** console.group (1) or groupEnd (-1) in the task: the program's console's groups change where placed. */
  | { readonly fd: 1 | 2; readonly group: 1 | -1 }
  /**
   * An async task went async here (it awaited a timer or I/O, worker/settles-later.ts): what follows it printed
   * beside the program, where the program is when it comes, not at the call (output/program-order.ts).
   */
  | { readonly fd: 1 | 2; readonly later: true };

/**
 * How the program's stdout and stderr look (a terminal, its colours and size): a pool worker's streams look the same,
 * so that a task's console.log colours an object and reads `process.stdout.columns` as the plain call would.
 */
export interface StdioLook {
  readonly stdout?: TerminalLook;
  readonly stderr?: TerminalLook;
}
export interface TerminalLook { readonly columns: number; readonly rows: number }

/**
 * What a task's code reads of the program's process that a worker thread has otherwise of its own: process.argv
 * (a thread's is [node, piscina's worker.js]) and the main module (`require.main.filename`, the program's entry in
 * CommonJS; none in an ES module program). Taken when the engine starts, at the program's first task call.
 */
export interface ProgramLook { readonly argv: readonly string[]; readonly mainFilename?: string }

/** ranMs: how long the task ran in its worker (the run phase), which the plain program spent at the call (api/program-clock.ts). */
export type TaskOutcome = { readonly output?: readonly OutputChunk[]; readonly wentAsync?: true; readonly asyncMs?: number; readonly ranMs?: number;
  /** WorkerReply.detached, passed on, whether the task finished or threw. */
  readonly detached?: string } & (
  | { readonly taskId: number; readonly ok: true; readonly value?: Primitive; readonly inline: boolean;
      /** The task failed and its policy is 'ignore': the value is undefined, and the error is reported at exit. */
      readonly ignored?: SerializedError }
  | { readonly taskId: number; readonly ok: false; readonly error: SerializedError;
      /** Set when this task never ran because a task it depends on failed. */
      readonly failedDependency?: { readonly taskId: number; readonly key: string };
      /** Set when the engine stopped the task: the main thread words the error, with the call site. */
      readonly stopped?: TaskStop });

/** Why the engine stopped a task that did not fail by itself. */
export type TaskStop =
  | { readonly kind: 'timed-out'; readonly seconds: number }
  | { readonly kind: 'cancelled' }
  /** A task whose policy is 'fail' failed: every unfinished task of the run was stopped. */
  | { readonly kind: 'run-stopped'; readonly by: number };

/** What runs and what waits, for a wait that has made no progress (see api/stall.ts). */
export interface StatusReport {
  readonly running: readonly { readonly taskId: number; readonly name: string; readonly seconds: number; readonly place?: string }[];
  readonly waiting: readonly { readonly taskId: number; readonly name: string; readonly waitsFor: readonly number[] }[];
  readonly ready: readonly { readonly taskId: number; readonly name: string }[];
}

export type EngineToMain =
  | { readonly type: 'done'; readonly outcomes: readonly TaskOutcome[]; readonly events?: readonly RunEvent[] }
  | { readonly type: 'fatal'; readonly error: SerializedError }
  /**
   * The version asked for by 'fetch' is in the run directory now, or (`landed`: a blob fetched from Redis) in memory
   * and moved here with the message, with no file; or it could not be had.
   */
  | { readonly type: 'fetched'; readonly key: string; readonly error?: SerializedError; readonly landed?: LandedVersion }
  | { readonly type: 'status'; readonly report: StatusReport }
  | { readonly type: 'closed' };

// ── engine → pool worker ───────────────────────────────────────────────────────

export type WorkerArg =
  | { readonly value: Primitive }
  | ({ readonly read?: string; readonly write?: string; readonly shape?: OutShape; readonly rro?: boolean; readonly own?: boolean } & ArgPart)
  | ({ readonly collection: readonly WorkerArg[] } & Holes);

/**
 * A collection with holes (`half[2] = work(5)` with nothing at 1): `at` the index of each item, `length` the array's.
 * Absent for a dense one, the common case.
 */
export interface Holes { readonly at?: readonly number[]; readonly length?: number }

/** An argument that is not a collection: a value, or a part of a datum. */
export type Leaf<A> = Exclude<A, { readonly collection: unknown }>;

/** The one walk over argument trees (main → engine WireArgs, engine → worker WorkerArgs): every leaf, at any depth. */
export function forEachLeaf<A extends object>(args: readonly A[], visit: (arg: Leaf<A>) => void): void {
  for (const arg of args) {
    if ('collection' in arg) forEachLeaf((arg as { readonly collection: readonly A[] }).collection, visit);
    else visit(arg as Leaf<A>);
  }
}

/** The version keys a task reads, through any argument. */
export function readKeys(args: readonly WorkerArg[], into = new Set<string>()): Set<string> {
  forEachLeaf(args, (arg) => { if ('read' in arg && arg.read !== undefined) into.add(arg.read); });
  return into;
}

export interface WorkerTask {
  readonly taskId: number;
  readonly module: string;
  readonly name: string;
  readonly runDir: string;
  readonly args: readonly WorkerArg[];
  /** Version key for a non-primitive return value. */
  readonly result: string;
  /** The last arguments are snapshots of these module objects: copied into the worker's own before the call. */
  readonly state?: readonly string[];
  /** util.inspect's defaults as the program had them at the call, where they differ from Node's. */
  readonly inspect?: InspectLook;
  /** Versions that died since this worker last heard: drop them from its cache and unmap their segments. */
  forget?: string[];
  /**
   * Versions whose checked bytes come with the task (moved to the thread, not copied: a machine's fetch), by key;
   * read instead of their files, which may not exist.
   */
  landed?: Record<string, Landed>;
}

/** A version's bytes handed to a pool thread. */
export interface Landed { readonly bytes: Uint8Array }

/**
 * A version's file in three pieces that follow each other (store/landed.ts): its first 8 bytes (the body's length),
 * its body in a buffer of exactly its size (a typed array that is the whole body is a view of it: no copy), and the
 * rest (padding and header). Checked like its file (size, checksum, seal, framing) before anyone gets it.
 */
export interface LandedVersion { readonly head: Uint8Array; readonly body: Uint8Array; readonly tail: Uint8Array }

/**
 * A task's time in its worker, by phase. `queued`: waiting while another task on the same thread ran its code (see
 * worker/phase-clock.ts); the other three are the task's own: loading inputs, its code, storing outputs.
 */
export interface PhaseTimes { queued: number; load: number; run: number; store: number }

/** How @rro arguments were found: in the worker's table, attached, created, or read from the file instead. */
export interface RroCounts {
  hits: number;
  attaches: number;
  creations: number;
  fallbacks: number;
  bytesMapped: number;
  /** Why the last fallback happened: the engine prints the first one it hears of, once per run. */
  fallbackReason?: string;
}

/** Shared-memory settings every pool worker starts with (piscina workerData). */
export interface ShmSettings {
  /** false: TASKIFY_SHM=0, @rro arguments are read from their files like any other. */
  readonly enabled: boolean;
  /** Segment names of this run start with it (see store/segments.ts); it holds the run's secret. */
  readonly prefix: string;
  /** Most bytes this run's segments may take together (TASKIFY_SHM_LIMIT_MB); Infinity when unset. */
  readonly limitBytes: number;
}

export type WorkerReply = {
  readonly worker: number; // threadId, the same id piscina's balancer sees
  /** When the worker began the task (epoch ms, from this thread's clock: see RunEvent). */
  readonly startedAt: number;
  readonly bytesRead: number;
  readonly bytesWritten: number;
  readonly times: PhaseTimes;
  /** Versions this worker now holds (in its cache, or mapped from shared memory), and what it evicted. */
  readonly cached: readonly string[];
  readonly evicted: readonly string[];
  /** Sizes of versions this task wrote. */
  readonly written: readonly { readonly key: string; readonly bytes: number }[];
  /**
   * Objects of the caller's snapshots the task changed and took out of the data it wrote, which no version holds any
   * more: one data file's bytes, base64 (worker/detached.ts); the main thread puts them in place when it settles.
   */
  readonly detached?: string;
  /** Present when the task had @rro arguments. */
  readonly rro?: RroCounts;
  /** Distributed runs: bytes the task's machine fetched for it (from Redis or its job). */
  readonly fetchedBytes?: number;
  /** What the task printed, when it printed anything (worker/task-output.ts). */
  readonly output?: readonly OutputChunk[];
  /** Its Promise was unsettled once its call's microtasks had run: it awaited a timer or I/O (worker/settles-later.ts). */
  readonly wentAsync?: true;
  /** Then, how long after its call it settled, on its timers' clock (worker/timer-time.ts). */
  readonly asyncMs?: number;
} & (
  | { readonly ok: true; readonly value?: Primitive; readonly inline: boolean }
  /**
   * `rejected`: the task's function returned a Promise that rejected. The plain call had returned that Promise and
   * the program went on, its later calls seeing what the function wrote before failing (engine/graph-failure.ts).
   */
  | { readonly ok: false; readonly error: SerializedError; readonly rejected?: true }
);

// ── master engine ↔ `taskify worker` machines (BullMQ jobs, when TASKIFY_REDIS is set) ──
//
// A version travels between machines as the bytes of its version file: inline (base64) when small, else as raw
// Buffers under Redis keys. A machine keeps what it fetched or wrote as files in its own run directory.

/** Where a machine finds a version's file bytes. */
export type VersionSource =
  /** Small bytes in base64, with their checksum (distributed/checksum.ts), checked before anything decodes them. */
  | { readonly inline: string; readonly sum: string }
  /**
   * A Redis stream of `chunks` entries of at most 1 MiB (CHUNK_BYTES), then one with the bytes' checksum and its
   * seal (distributed/blob-link.ts); each attempt of a task writes under a blob of its own.
   */
  | { readonly blob: string; readonly bytes: number; readonly chunks: number };

/** A BullMQ job's data: one ready task for one machine. */
export interface RemoteJob {
  /** The master's run id: names the machine's run directory and the run's Redis keys. */
  readonly run: string;
  readonly task: Omit<WorkerTask, 'runDir' | 'forget'>;
  /** Where to get each version the task reads that the machine may not hold yet. */
  readonly sources: Readonly<Record<string, VersionSource>>;
  /** Versions that died since this machine last heard: delete its files and segments. */
  readonly forget: readonly string[];
  /** The task's timeout: the machine stops it (its thread) when it runs longer, as the master has given up on it. */
  readonly timeoutMs?: number;
}

/** A BullMQ job's return value. */
export interface RemoteReply {
  /** The job it answers (signed with it, so that an answer cannot be replayed for another job). */
  readonly job?: string;
  /** As the machine's pool thread replied; `worker` is that thread's id on its machine. */
  readonly reply: WorkerReply;
  /** Where each version the task wrote can be had, under this attempt's own keys. */
  readonly outputs: readonly { readonly key: string; readonly source: VersionSource }[];
  /**
   * Versions the machine now holds, fetched for this task or written by it: as files, or as blobs it can fetch again
   * (handed to the task's thread with no file: distributed/machine-run.ts).
   */
  readonly held: readonly string[];
  /** Bytes the machine fetched from Redis or the job for this task. */
  readonly fetchedBytes: number;
}

/** What a machine announces under its heartbeat key, refreshed while it lives. */
export interface MachineInfo {
  readonly id: string;
  readonly host: string;
  readonly pid: number;
  /** The BullMQ queue the machine takes its jobs from. */
  readonly queue: string;
  /** Tasks it runs at once (its pool threads × tasks per thread). */
  readonly slots: number;
}

// ── observability: what the hooks of runtime/observe receive ───────────────────
//
// Times are epoch milliseconds with a fraction (performance.timeOrigin + performance.now()), so that stamps taken
// on the main thread, the engine thread and the pool workers line up on one timeline.

/** How one attempt of a task went in its worker. */
export interface WorkerRun {
  readonly worker: number;
  readonly startedAt: number;
  readonly phases: PhaseTimes;
  readonly bytesRead: number;
  readonly bytesWritten: number;
  readonly rro?: RroCounts;
}

export type RunEvent =
  /** Main thread: a call became a task. `reads`/`writes` are version keys; `result` is its return value's version. */
  | { readonly kind: 'submit'; readonly time: number; readonly taskId: number; readonly name: string;
      readonly reads: readonly string[]; readonly writes: readonly string[]; readonly result: string;
      /** Version key → the variable or parameter it was passed as, or the result's variable (observe/data-names.ts). */
      readonly labels?: Readonly<Record<string, string>> }
  /** Engine: every version the task reads exists; it waits for a worker. `queued`: ready tasks, this one included. */
  | { readonly kind: 'ready'; readonly time: number; readonly taskId: number; readonly queued: number }
  /** Engine: the task was handed to the pool (again, after a worker died under it). */
  | { readonly kind: 'start'; readonly time: number; readonly taskId: number; readonly queued: number; readonly running: number }
  | { readonly kind: 'end'; readonly time: number; readonly taskId: number; readonly run: WorkerRun }
  /** The task threw (`run` present), its worker died twice, or it was cancelled because an input's producer failed. */
  | { readonly kind: 'error'; readonly time: number; readonly taskId: number; readonly message: string;
      readonly cause: FailureCause | 'dependency'; readonly run?: WorkerRun }
  /** Engine: a version died and its file (and shared-memory segment) went. */
  | { readonly kind: 'release'; readonly time: number; readonly key: string; readonly bytes: number }
  /** Main thread: the program waited for a value, an object, a checkpoint or a barrier. */
  | { readonly kind: 'wait'; readonly time: number; readonly start: number; readonly what: 'value' | 'object' | 'checkpoint' | 'barrier';
      readonly key?: string; readonly producer?: number };

/** How a task itself failed (a dependent of a failed task fails with cause 'dependency'). */
export type FailureCause = 'threw' | 'worker died' | 'timed out' | 'cancelled' | 'run stopped';

export type RunEventKind = RunEvent['kind'];
