/**
 * What the planner decided for one file, as plain data (plan.ts fills it, emit.ts applies it and decides nothing):
 * which task calls are submitted or stay direct (and why), where values and objects are waited for, which loops and
 * callbacks are split, where fenced calls are brought home.
 */
import type * as ts from 'typescript';
import type { FunctionLike } from '../analysis/context';
import type { TaskInfo } from '../analysis/discover';
import type { Reason } from '../analysis/reason';
import type { ContainerWrap, ElementWrap } from './containers';
import { emptyFencePlan, type FencePlan } from './fences';
import type { Resumption } from './resumptions';
import type { SplitCallback } from './split-callbacks';
import type { SplitLoop } from './split-loops';
import type { HelperHalves } from './helper-halves';
import { isAwaitedCall } from './syntax';
import type { MappedForwarder } from './mapped-tasks';
import type { Region, RegionCheck } from './failure-checks';
import type { FieldReference } from './private-fields';

/** `waitFields`/`writtenFields`: a record of followed objects (aliases.ts's holders), walked through its fields. */
export type Wrap = 'wait' | 'written' | 'waitAll' | 'waitFields' | 'writtenFields' | ContainerWrap;

export interface FilePlan {
  /** Calls that become submissions. */
  readonly submissions: Map<ts.CallExpression, TaskInfo>;
  /** Calls of async tasks used as the Promise they give in plain code: `__taskify.promised(submit(…))`. */
  readonly promised: Set<ts.CallExpression>;
  /** Submissions whose value is needed at once: wait right there. */
  readonly waitedAtCall: Set<ts.CallExpression>;
  /** Of those, values the program may change right there (`createBlock(n).fill(0)`): later tasks must see it. */
  readonly changedAtCall: Set<ts.CallExpression>;
  /** Object arguments that are snapshotted afresh at the call (untracked `in` objects). */
  readonly freshSnapshots: Set<ts.Expression>;
  /** Calls that stay direct, and why. */
  readonly direct: { readonly call: ts.CallExpression; readonly task: TaskInfo; readonly why: Reason }[];
  /** Elements (of a container, or of an array gathering Futures) used here: wait for that element only. */
  readonly elementWraps: Map<ts.ElementAccessExpression, ElementWrap>;
  /** References that need a wait (or a wait and a "main thread wrote it") before use. */
  readonly wraps: Map<ts.Identifier, Wrap>;
  /** How deep a `waitFields`/`writtenFields` wrap walks, when bounded (a name that handed out parts: aliases.ts partDepth). */
  readonly wrapDepths: Map<ts.Identifier, number>;
  /** References to followed private fields (`this.#data[i]`: private-fields.ts) that wait, or wait and mark a write. */
  readonly fieldWraps: Map<FieldReference, 'wait' | 'written'>;
  /** try blocks that contain submissions: task errors must surface inside them. */
  readonly tries: Set<ts.TryStatement>;
  /** Try blocks, functions and the top level: the statements that check their tasks' failures first (failure-checks.ts). */
  failureChecks: Map<Region, RegionCheck>;
  /** Async functions and promise callbacks that run as a chain of their own (own-chains.ts). */
  ownChains: Set<FunctionLike>;
  /** Try statements whose block waits for names another function made: settled before the try (failure-checks.ts). */
  settledBefore: Map<ts.TryStatement, ts.Identifier[]>;
  /** `x = f(x, …)` where f always returns that argument: the submission, then x itself (argument index). */
  readonly returnsArgument: Map<ts.CallExpression, number>;
  /** `await`/`yield` expressions and deferred callbacks: the objects to bring up to date when the code resumes there. */
  resumptions: Map<ts.Node, Resumption>;
  /** Functions whose followed parameters tasks may write: on leaving, they wait for those writes (see parameters.ts). */
  readonly exitWaits: Map<FunctionLike, ts.Identifier[]>;
  /** `xs.map((x) => stats(x).max)`: every element's task submitted first, then the callback (see split-callbacks.ts). */
  readonly splitCallbacks: Map<ts.CallExpression, SplitCallback>;
  /**
   * Maps of task calls whose array a reader uses up at once (`console.log(accs.map((a) => add(a, 1)))`): every call
   * submitted, then the whole array waited for there (`waitAll`; `waitFields` when the callback returns records
   * around its calls), as the plain reader ran after the last call.
   */
  readonly mapsWaitedWhole: Map<ts.CallExpression, 'waitAll' | 'waitFields'>;
  /** `console.log(total(a), total(b))`: a statement's task calls all submitted, then its expression (batched-values.ts). */
  readonly batches: Map<ts.Expression, ts.CallExpression[]>;
  /** `for (const a of parts) s += total(a)`: every pass's task submitted first, then the loop (see split-loops.ts). */
  readonly splitLoops: Map<ts.Statement, SplitLoop>;
  /** Submissions whose written objects the plan cannot follow by name, with those arguments (see fences.ts). */
  readonly fenced: Map<ts.CallExpression, readonly ts.Expression[]>;
  /** `parts.map(total)`: the task submitted for each element, then all waited for there (mapped-tasks.ts). */
  readonly mappedTasks: Map<ts.CallExpression, TaskInfo>;
  /** `inputs.map(byFive)` of a function forwarder (mapped-tasks.ts): each call planned, the array waited for. */
  mappedForwarders: Map<ts.CallExpression, MappedForwarder>;
  /** `grid[i][j] = task(…)` into a grid made of empty rows that cannot gather: the use that stops it (explain notes it). */
  readonly gridBlockers: Map<ts.CallExpression, string>;
  /** A task's name used as a value other than an argument (`countEq.bind(null, t)`): calls through it are plain (explain notes it). */
  readonly takenAsValues: Map<ts.Expression, TaskInfo>;
  /** Where the objects of fenced submissions are brought home. */
  fences: FencePlan;
  /** Statements that change the process tasks share (`process.env.X = v`): every submitted task first (process-changes.ts). */
  settles: ReadonlySet<ts.Statement>;
  /** Tasks of this file's calls that read or change files, where some task changes them (lasting-effects.ts taskFileAccess). */
  readonly fileAccess: Map<TaskInfo, 'reads' | 'changes'>;
  /**
   * `return sum(this.xs)` in a forwarder that claims its calls: the Future for a call it claimed, else the value; with
   * how its body names the forwarder (forwarders.ts).
   */
  readonly handedOn: Map<ts.Expression, readonly string[]>;
  /**
   * `return { sums, counts }` of objects a forwarder made for its tasks: `heldRecord(…)`, a Future holding them (and for
   * one that claims its calls, in handedOn too: `handOn(claimed, heldRecord(…))`).
   */
  readonly heldRecords: Set<ts.ObjectLiteralExpression>;
  /** This file's method forwarders that may run ahead of their turn: their class marks them (runtime/api/made-ahead.ts). */
  readonly runsAhead: Set<ts.MethodDeclaration>;
  /** Calls of helpers split in halves made by a split pass, with the halves (helper-halves.ts). */
  readonly halved: Map<ts.CallExpression, HelperHalves>;
  /** `await Promise.all([score(3), score(5)])`'s calls: awaited as `await task()` is (batched-values.ts awaitedTogether). */
  readonly awaitedTogether: Set<ts.CallExpression>;
  /**
   * `await Promise.allSettled([t(2), t(3)])` (or `any`, `race`): the combinator's call, with the list's indexes of
   * synchronous tasks' calls, whose failure the plain program threw while building the list (batched-values.ts).
   */
  readonly builtFirst: Map<ts.CallExpression, readonly number[]>;
  /** Submissions inside a try block with a catch: a failure awaited there resumes at once (runtime/api/awaited.ts). */
  readonly caughtCalls: Set<ts.CallExpression>;
  /**
   * Awaits of what no submission here gives (`await null`, `await cached`): they resume in their turn, behind awaits of
   * tasks reached before them and still running (runtime/api/awaited.ts inTurn).
   */
  readonly awaitsInTurn: Set<ts.AwaitExpression>;
  /**
   * Callbacks the program gives a promise's `then`, `catch` or `finally` (`settled`: of `Promise.resolve(…)` or
   * `Promise.reject(…)`), or `queueMicrotask`: they run in turn as those awaits resume.
   */
  readonly callbacksInTurn: Map<ts.Expression, 'promise' | 'settled' | 'microtask'>;
  /** The helpers with halves this file declares, which it registers (helper-halves.ts). */
  halvesDeclared: ReadonlySet<HelperHalves>;
}

export function emptyFilePlan(): FilePlan {
  return {
    submissions: new Map(), promised: new Set(), waitedAtCall: new Set(), changedAtCall: new Set(), freshSnapshots: new Set(), direct: [],
    wraps: new Map(), wrapDepths: new Map(), tries: new Set(), failureChecks: new Map(), ownChains: new Set(), settledBefore: new Map(), takenAsValues: new Map(), gridBlockers: new Map(), elementWraps: new Map(), fieldWraps: new Map(), returnsArgument: new Map(), resumptions: new Map(), exitWaits: new Map(),
    splitCallbacks: new Map(), mapsWaitedWhole: new Map(), batches: new Map(), splitLoops: new Map(), fenced: new Map(), mappedTasks: new Map(), mappedForwarders: new Map(), fences: emptyFencePlan(),
    settles: new Set(), fileAccess: new Map(), handedOn: new Map(), heldRecords: new Set(), runsAhead: new Set(), halved: new Map(), halvesDeclared: new Set(), awaitedTogether: new Set(), builtFirst: new Map(), caughtCalls: new Set(), awaitsInTurn: new Set(), callbacksInTurn: new Map(),
  };
}

/**
 * A submitted call the program awaits where it stands (`await task(…)`, a call of `await Promise.all([…])`): emitted as
 * `await awaited(…)`, which blocks nothing (api/awaited.ts). Not a forwarder's call, which is waited for at the call.
 * (One rule for emit.ts and explain/waits.ts.)
 */
export function awaitedInPlace(t: typeof ts, plan: FilePlan, call: ts.CallExpression): boolean {
  return (isAwaitedCall(t, call) || plan.awaitedTogether.has(call)) && !plan.submissions.get(call)?.forwards;
}
