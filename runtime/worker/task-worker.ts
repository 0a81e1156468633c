/**
 * A pool worker (piscina runs one of these per thread). It loads a task's inputs, preferring what it already
 * holds decoded, runs the user's function, stores the versions the task wrote, and reports back. It never
 * sees the graph or the scheduler: everything it knows comes in the WorkerTask message.
 */
import { useInspectLook } from '../output/inspect-look';
import { isPromise, settlesLater } from './settles-later';
import { keepTimerTime, timerNow } from './timer-time';
import { threadId } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { Primitive, ProgramLook, ShmSettings, StdioLook, WorkerReply, WorkerTask } from '../protocol';
import { ARGUMENT_ORIGIN } from '../protocol';
import { serializeError } from '../errors';
import type { EncodeOptions } from '../store/codec';
import { isPrimitive } from './shapes';
import { markThisThreadAWorker } from '../worker-flag';
import { applyModuleState, keepModuleState } from '../api/module-state';
import { PhaseClock } from './phase-clock';
import { TaskOutput, callWithOutput, captureTaskOutput, settled } from './task-output';
import { loadFunction } from './task-functions';
import { followTimeZone, lookLikeProgram } from './program-process';
import { heldByError, nameSharedNewObjects } from './shared-outputs';
import { argumentViews } from '../argument-views';
import { cache, dataOrigins, held, mainSignal, origins, rroTable, settings } from './thread-state';
import { report, type Io } from './task-io';
import { collectModified, resolveArg, type Call } from './task-inputs';
import { ownMemory, store, storeAtThrow } from './output-versions';

/**
 * What the engine starts each pool worker with. `stdio`: the program's terminal, when it has one; `program`: its argv
 * and main module (program-process.ts).
 */
export interface PoolWorkerData {
  readonly cacheBytes: number; readonly shm: ShmSettings; readonly stdio?: StdioLook; readonly program?: ProgramLook;
  /** The main thread's wake-up signal (engine/signal.ts): an async task's call says there that it went async. */
  readonly signal?: SharedArrayBuffer;
}

markThisThreadAWorker();
keepTimerTime();
captureTaskOutput(settings.stdio);
lookLikeProgram(settings.program);

/**
 * Tasks sharing this thread (TASKIFY_TASKS_PER_WORKER) call their functions in the order they arrived, and a task
 * calls its function only once the replies of tasks that ended here were posted. piscina posts a reply a few
 * microtasks after runTask returns; a later task reaching its synchronous call first would hold that reply back
 * until it ends, forever if it never does (a split callback's later element looping while element 0 threw).
 */
let lastArrived: Promise<void> | undefined;
/** Tasks of this thread that ended: one that ended after a task arrived may not have had its reply posted yet. */
let ended = 0;
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export default async function runTask(task: WorkerTask): Promise<WorkerReply> {
  const before = lastArrived;
  let endedSeen = ended; // a task that ended before this one arrived had its reply posted (piscina reads after posting)
  let startTurn!: () => void;
  const turn = new Promise<void>((resolve) => { startTurn = resolve; });
  lastArrived = turn;
  const started = () => { startTurn(); if (lastArrived === turn) lastArrived = undefined; };
  followTimeZone();
  if (task.forget) {
    cache.forget(task.forget);
    rroTable.release(task.forget);
  }
  const io: Io = { bytesRead: 0, bytesWritten: 0, written: [], cached: [], sharedViews: false, output: new TaskOutput(), detached: [] };
  const clock = new PhaseClock();
  const { times, startedAt } = clock;
  let phase: 'load' | 'run' | 'store' = 'load';
  let rejected: true | undefined, wentAsync: true | undefined, asyncMs: number | undefined; // the Promise it returned (see WorkerReply)
  let holding: unknown[] = [];
  /** The call's argument objects by ref, once loaded: an error that holds one names it (error-travel.ts). */
  let argRefs: ReadonlyMap<unknown, number> | undefined;
  const lap = (name: typeof phase) => clock.lap(name, name === 'store');
  try {
    const fn = await loadFunction(task.module, task.name);
    const modified = new Set<string>();
    collectModified(task.args, modified);
    const call: Call = { data: new Map(), refs: new Map(), objects: new Map(), writes: [], roots: new Map(), modified };
    argRefs = call.refs;
    const args: unknown[] = [];
    for (const [i, arg] of task.args.entries()) args.push((await resolveArg(task, arg, call, io, i)).value);
    // Our turn (lastArrived) is taken after the last await before the call: no other task's module state comes between.
    if (before) await before;
    while (ended !== endedSeen) { endedSeen = ended; await nextTurn(); } // their replies leave first
    started();
    useInspectLook(task.inspect);
    // Module state the task reads: this thread's module objects take the call's snapshots (the module is loaded).
    const state = task.state ? args.splice(args.length - task.state.length) : [];
    if (task.state) applyModuleState(task.state, state, task.name, (target, source) => { const origin = origins.get(source); if (origin) origins.set(target, origin); });
    // What the task changes of state tasks keep goes back as the new version of that argument (api/module-state.ts).
    const keepState = () => { if (task.state) keepModuleState(task.state, state, task.args.slice(task.args.length - state.length), task.name); };
    holding = [...call.data.values()];
    for (const value of holding) held.set(value, (held.get(value) ?? 0) + 1);
    lap('load');
    phase = 'run';
    let result: unknown;
    try {
      const runningSince = performance.timeOrigin + performance.now();
      const calledOnTimers = timerNow();
      result = clock.own(() => callWithOutput(fn, args, io.output));
      if (isPromise(result)) {
        // What it prints from its first `await` on runs, in the plain program, after the caller's synchronous code,
        // even when what it awaited was there already (`await null`: np44's F8): it comes `later`.
        io.output.wentAsync();
        try {
          wentAsync = await settlesLater(result);
          if (wentAsync) mainSignal?.wentAsync(task.taskId, runningSince);
          result = await result;
        } catch (error) { rejected = true; throw error; } finally {
          if (wentAsync) asyncMs = timerNow() - calledOnTimers;
          settled(io.output);
        }
      }
      keepState();
    } catch (error) {
      lap('run');
      try { keepState(); } catch { /* the task's own failure is the one to report */ }
      storeAtThrow(task, call, io);
      throw error;
    }
    lap('run');
    phase = 'store';
    const inline = isPrimitive(result);
    const outputs = [...call.writes.map((w) => w.value), ...(inline ? [] : [result])];
    nameSharedNewObjects(task.taskId, outputs, origins, (object) => call.refs.has(object) || call.writes.some((w) => w.value === object));
    const exclusive = ownMemory(outputs, holding);
    if (!exclusive) for (const value of holding) cache.markShared(value);
    for (const { key, value, writers, before } of call.writes) store(task, key, value, io, writers, exclusive, { ...dataOrigins, candidates: before });
    // A returned argument (or a part of one) says so, so that the caller gets its own object back.
    const viewOf = argumentViews(call.refs);
    const resultOrigins: EncodeOptions = {
      originOf: (object) => {
        const ref = call.refs.get(object);
        return ref !== undefined ? { data: ARGUMENT_ORIGIN, index: ref } : origins.get(object) ?? viewOf(object);
      },
      wholeOwnBuffers: true,
    };
    if (!inline) store(task, task.result, result, io, { task: task.name, version: task.result }, exclusive, resultOrigins);
    lap('store');
    return { ok: true, value: inline ? (result as Primitive) : undefined, inline, wentAsync, asyncMs, worker: threadId, startedAt, ...report(io, times) };
  } catch (error) {
    if (phase !== 'run') lap(phase);
    return { ok: false, error: serializeError(error, [], heldByError(argRefs, origins)), rejected, wentAsync, asyncMs, worker: threadId, startedAt, ...report(io, times) };
  } finally {
    started(); // a task that failed to load lets the next one go
    ended++;
    for (const value of holding) {
      const count = held.get(value)! - 1;
      if (count === 0) held.delete(value); else held.set(value, count);
    }
  }
}

