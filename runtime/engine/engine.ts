/**
 * The engine: the task graph (graph.ts, plain data changed by named verbs) driven by two inputs, the main thread's
 * messages and an executor's replies, and producing one output, messages to the main thread. It owns no thread,
 * port or pool: `engine-thread.ts` wires it to a MessagePort and a piscina pool, and tests drive it with a scripted
 * executor and a fake clock, synchronously (the idea of Dask's `get_sync`).
 *
 * The loop: a message batch changes the graph; `dispatch` hands ready tasks to the executor while it has capacity;
 * a reply finishes or fails the task, which readies or cancels dependents; `flush` sends what the main thread
 * should hear. Failures go through one decision (failure-policy.ts): retry, cancel the successors, stop the run, or
 * ignore. A task with a timeout runs under a timer that aborts it (the executor terminates its worker); the program
 * cancels a task the same way. Nothing here blocks. What it says to the main thread is gathered in outbox.ts; a
 * call's arguments are translated for a worker by worker-args.ts.
 */
import type {
  EngineToMain, FailureCause, MainToEngine, SerializedError, TaskDef, TaskStop, WorkerArg, WorkerReply, WorkerTask,
} from '../protocol';
import { parameterAt } from '../protocol';
import { serializeError, TaskifyError, workerDied } from '../errors';
import { removeVersion } from '../store/version-file';
import { removeSegment } from '../store/segments';
import type { Stats } from '../stats';
import { epochNow } from '../observe/hooks';
import * as graph from './graph';
import { verdict } from './failure-policy';
import { countReply, statusOf } from './engine-report';
import { TaskStopSignal, type Executor, type ExecutorHooks } from './executor';
import { Outbox, stopError as stopErrorOf, workerRun } from './outbox';
import { toWorkerArg } from './worker-args';

/** Time, injectable so that timeouts are tested without waiting. */
export interface Clock {
  now(): number;
  setTimeout(fire: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

export const realClock: Clock = { now: () => Date.now(), setTimeout: (fire, ms) => setTimeout(fire, ms), clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout) };

export interface EngineOptions {
  readonly runDir: string;
  readonly stats: Stats;
  /** Segment names of this run start with it (store/segments.ts). */
  readonly shmPrefix: string;
  /** Observers are attached from the start: send RunEvents. */
  readonly observe: boolean;
  /** TASKIFY_TASK_TIMEOUT: the timeout of tasks that set none (milliseconds); none when absent. */
  readonly defaultTimeoutMs?: number;
  readonly executor: (state: graph.GraphState, hooks: ExecutorHooks) => Executor;
  readonly send: (message: EngineToMain) => void;
  readonly clock?: Clock;
}

export interface Engine {
  receive(messages: readonly MainToEngine[]): void;
}

/** A task handed to the executor, until its reply is handled. */
interface Running {
  readonly node: graph.TaskNode;
  readonly signal: TaskStopSignal;
  /** Handed to the executor, then handed to a worker (RunOptions.onStart). */
  startedAt: number;
  timer?: unknown;
  /** Why the engine aborted it, if it did. */
  stop?: TaskStop;
}

export function createEngine(options: EngineOptions): Engine {
  const { runDir, stats, send } = options;
  const clock = options.clock ?? realClock;
  const state = graph.emptyGraph();
  const defs = new Map<number, TaskDef>();
  const running = new Map<number, Running>();
  const outbox = new Outbox(send, options.observe);
  /** Versions some task read as @rro: they may have a shared-memory segment to remove when they die. */
  const rroVersions = new Set<string>();
  let closing = false;

  const executor = options.executor(state, {
    capacityChanged: () => guarded(() => { dispatch(); flush(); }),
    fatal: (error) => guarded(() => { throw error; }),
  });

  function receive(messages: readonly MainToEngine[]): void {
    guarded(() => {
      for (const message of messages) handle(message);
      dispatch();
      flush();
    });
  }

  function handle(message: MainToEngine): void {
    switch (message.type) {
      case 'define': defs.set(message.def.id, message.def); return;
      case 'submit': apply(graph.addTask(state, message)); return;
      case 'delete': apply(graph.deleteData(state, message.data)); return;
      case 'observe': outbox.observing = message.enabled; return;
      case 'fetch': fetch(message.key); return;
      case 'cancel': stop(message.taskId, { kind: 'cancelled' }); return;
      case 'met': apply(graph.failuresMet(state, message)); return;
      case 'status': send({ type: 'status', report: statusOf(state, running.values(), (def) => defs.get(def)?.name ?? `#${def}`, clock.now(), executor.placeOf) }); return;
      case 'shutdown': void close(); return;
    }
  }

  function dispatch(freedWorker?: number): void {
    while (!closing && running.size < executor.capacity()) {
      const node = graph.takeReady(state, freedWorker);
      if (!node) return;
      freedWorker = undefined;
      run(node);
    }
  }

  function run(node: graph.TaskNode): void {
    graph.startTask(state, node.id);
    const def = defs.get(node.def)!;
    let args: WorkerArg[];
    try {
      args = node.args.map((arg, i) => {
        const at = parameterAt(def, i, node.args.length) ?? -1; // (a rest parameter's elements share its flags)
        return toWorkerArg(state, arg, def.rro[at] ?? false, def.ownBuffer[at] ?? false, rroVersions);
      });
    } catch (error) {
      fail(node, serializeError(error), 'threw');
      return;
    }
    const message: WorkerTask = {
      taskId: node.id, module: def.module, name: def.name, runDir, args, result: node.result, ...(def.state ? { state: def.state } : {}),
      ...(node.inspect ? { inspect: node.inspect } : {}),
    };
    const task: Running = { node, signal: new TaskStopSignal(), startedAt: clock.now() };
    running.set(node.id, task);
    const timeoutMs = def.timeoutMs ?? options.defaultTimeoutMs;
    const onStart = () => {
      task.startedAt = clock.now();
      if (timeoutMs === undefined || running.get(node.id) !== task) return;
      task.timer = clock.setTimeout(() => guarded(() => abort(task, { kind: 'timed-out', seconds: timeoutMs / 1000 })), timeoutMs);
    };
    if (outbox.observing) outbox.event({ kind: 'start', time: epochNow(), taskId: node.id, queued: state.ready.length, running: running.size });
    executor.run(node, message, { signal: task.signal, timeoutMs, onStart }).then(
      (reply: WorkerReply) => guarded(() => { if (settle(task)) onReply(node, reply); }),
      (error: unknown) => guarded(() => { if (settle(task)) onCrash(task, error); }),
    );
  }

  /** The executor answered for this attempt: true when the engine still waits for that answer. */
  function settle(task: Running): boolean {
    if (running.get(task.node.id) !== task) return false; // stopped already (cancelled while the run stopped, say)
    running.delete(task.node.id);
    if (task.timer !== undefined) clock.clearTimeout(task.timer);
    return true;
  }

  function onReply(node: graph.TaskNode, reply: WorkerReply): void {
    countReply(stats, reply);
    graph.recordHolding(state, reply.worker, reply.cached, reply.evicted);
    if (reply.ok) {
      if (outbox.observing) outbox.event({ kind: 'end', time: epochNow(), taskId: node.id, run: workerRun(reply) });
      apply(graph.finishTask(state, node.id, reply.written, reply.inline ? { value: reply.value } : undefined));
      outbox.outcome({ taskId: node.id, ok: true, value: reply.value, inline: reply.inline, output: reply.output, wentAsync: reply.wentAsync, asyncMs: reply.asyncMs, ranMs: reply.times.run, detached: reply.detached });
    } else {
      fail(node, reply.error, 'threw', reply);
    }
    dispatch(reply.worker);
    flush();
  }

  /** The attempt ended without a reply: the engine stopped it, or the worker died under it. */
  function onCrash(task: Running, error: unknown): void {
    if (closing) return;
    const { node } = task;
    if (error instanceof TaskifyError && error.code === 'TASKIFY_STOPPED_BESIDE') {
      // Its thread was terminated to stop another task: run it again, not counted as an attempt.
      node.attempts--;
      graph.requeueTask(state, node.id);
    } else if (task.stop) {
      const cause: FailureCause = task.stop.kind === 'timed-out' ? 'timed out' : task.stop.kind === 'cancelled' ? 'cancelled' : 'run stopped';
      fail(node, stopError(node, task.stop), cause, undefined, task.stop);
    } else if (error instanceof TaskifyError && error.code === 'TASKIFY_WORKER_OUT_OF_MEMORY') {
      // Alone on its thread, the task itself used the memory: another run would only run out again, unless its policy
      // asks for retries. Shared, any task on the thread may be to blame: a crash like any other. The message stays.
      fail(node, serializeError(error), (error as { retry?: boolean }).retry ? 'worker died' : 'threw');
    } else {
      fail(node, workerDied(node.attempts, error instanceof Error ? error.message : String(error)), 'worker died');
    }
    dispatch();
    flush();
  }

  /** Stop a task that has not finished: abort it if it runs, else fail it where it is. */
  function stop(taskId: number, why: TaskStop): void {
    const task = running.get(taskId);
    if (task) { abort(task, why); return; }
    const node = state.tasks.get(taskId);
    if (!node || node.state === 'done' || node.state === 'failed') return;
    failWith(node, stopError(node, why), why.kind === 'cancelled' ? 'cancelled' : 'run stopped', undefined, why, graph.stopTask(state, taskId));
  }

  function abort(task: Running, why: TaskStop): void {
    task.stop ??= why;
    task.signal.abort(new Error(`taskify stopped the task: ${why.kind}`)); // the executor rejects the run
  }

  /** A task failed: its policy says whether it runs again, fails with its successors, stops the run or is ignored. */
  function fail(node: graph.TaskNode, error: SerializedError, cause: FailureCause, reply?: WorkerReply, stopped?: TaskStop): void {
    const def = defs.get(node.def)!;
    switch (verdict(def, cause, node.attempts)) {
      case 'retry':
        stats.add('retried');
        graph.requeueTask(state, node.id);
        return;
      case 'ignore':
        ignore(node, error, reply);
        return;
      case 'stop-run':
        failWith(node, error, cause, reply, stopped, graph.failTask(state, node.id, reply?.written.map((w) => w.key)));
        stopRun(node.id);
        return;
      case 'cancel-successors': {
        const kept = reply && !reply.ok && reply.rejected ? graph.keepRejectedWrites(state, node.id, reply.written) : undefined;
        failWith(node, error, cause, reply, stopped, kept ?? graph.failTask(state, node.id, reply?.written.map((w) => w.key)));
      }
    }
  }

  function failWith(node: graph.TaskNode, error: SerializedError, cause: FailureCause, reply: WorkerReply | undefined,
    stopped: TaskStop | undefined, effects: graph.Effects): void {
    stats.add(cause === 'cancelled' ? 'cancelled' : 'failed');
    outbox.failed(node.id, error, cause, reply, stopped);
    apply(effects);
  }

  /** 'fail': every unfinished task of the run stops, and tasks submitted from now on fail at once. */
  function stopRun(by: number): void {
    state.stoppedBy = by;
    for (const taskId of [...state.tasks.keys()]) stop(taskId, { kind: 'run-stopped', by });
  }

  /** 'ignore': the task counts as done, its written data as it was before the call (copies of what it read). */
  function ignore(node: graph.TaskNode, error: SerializedError, reply: WorkerReply | undefined): void {
    stats.add('failed');
    if (outbox.observing) outbox.event({ kind: 'error', time: epochNow(), taskId: node.id, message: error.message, cause: 'threw' });
    const { copies, finish } = graph.ignoreFailure(state, node.id);
    // While the copies are made, the task may be stopped (cancelled, the run stopped): then it is failed already.
    const stillOurs = () => !closing && state.tasks.get(node.id) === node && node.state === 'running';
    Promise.all(copies.map(({ from, to }) => executor.copyVersion(from, to))).then(
      () => guarded(() => {
        if (!stillOurs()) return;
        apply(finish());
        outbox.outcome({ taskId: node.id, ok: true, value: undefined, inline: true, ignored: error, output: reply?.output, ranMs: reply?.times.run });
        dispatch();
        flush();
      }),
      (copyError: unknown) => guarded(() => {
        if (!stillOurs()) return;
        failWith(node, serializeError(copyError), 'threw', undefined, undefined, graph.failTask(state, node.id));
        dispatch();
        flush();
      }),
    );
  }

  function stopError(node: graph.TaskNode, why: TaskStop): SerializedError {
    return stopErrorOf(defs.get(node.def)?.name ?? `#${node.def}`, why);
  }

  function apply(effects: graph.Effects): void {
    outbox.effects(effects, state.ready.length, state.stoppedBy);
    for (const version of effects.released) {
      removeVersion(runDir, version.key); // also a failed writer's partial output; a missing file is fine
      if (rroVersions.delete(version.key)) removeSegment(options.shmPrefix, version.key);
      executor.released(version.key, version.holders);
      stats.add('versionsReleased');
    }
    stats.add('failed', effects.cancelled.length);
  }

  function flush(): void { outbox.flush(); }

  /** The main thread is about to read a version from the run directory: bring it there first (remote runs). */
  function fetch(key: string): void {
    executor.fetch(key).then(
      (landed) => guarded(() => send({ type: 'fetched', key, ...(landed ? { landed } : {}) })),
      (error: unknown) => guarded(() => send({ type: 'fetched', key, error: serializeError(error) })),
    );
  }

  async function close(): Promise<void> {
    closing = true;
    for (const task of running.values()) if (task.timer !== undefined) clock.clearTimeout(task.timer);
    await executor.close();
    send({ type: 'closed' });
  }

  /** What the executor says a failure stands for (none while it is being made: `executor` is not assigned yet). */
  function explained(error: unknown): unknown {
    try { return executor.explainFailure?.(error) ?? error; } catch { return error; }
  }

  function guarded(body: () => void): void {
    try {
      body();
    } catch (error) {
      send({ type: 'fatal', error: serializeError(explained(error)) });
      throw error;
    }
  }

  return { receive };
}
