/**
 * What the engine tells the main thread: task outcomes and, while observers listen, RunEvents, gathered during one
 * turn of the loop and sent together as one 'done' message. Apart from engine.ts so that the loop reads as its
 * decisions, and the shapes of what it says (a failure, a cancellation, a stop's error, a worker's run) sit in one
 * place.
 */
import type { EngineToMain, FailureCause, RunEvent, SerializedError, TaskOutcome, TaskStop, WorkerReply, WorkerRun } from '../protocol';
import { epochNow } from '../observe/hooks';
import type * as graph from './graph';

export class Outbox {
  private readonly outcomes: TaskOutcome[] = [];
  /** RunEvents for the main thread's observers; filled only while `observing`, so that watching costs nothing when off. */
  private readonly events: RunEvent[] = [];

  constructor(private readonly send: (message: EngineToMain) => void, public observing: boolean) {}

  outcome(outcome: TaskOutcome): void { this.outcomes.push(outcome); }

  /** Push an event; callers check `observing` first, so that an event nobody hears is never built. */
  event(event: RunEvent): void { this.events.push(event); }

  /** A task failed for good: its error event and its outcome. */
  failed(taskId: number, error: SerializedError, cause: FailureCause, reply: WorkerReply | undefined, stopped: TaskStop | undefined): void {
    if (this.observing) {
      this.events.push({ kind: 'error', time: epochNow(), taskId, message: error.message, cause, run: reply && workerRun(reply) });
    }
    this.outcomes.push({ taskId, ok: false, error, output: reply?.output, wentAsync: reply?.wentAsync, asyncMs: reply?.asyncMs, ranMs: reply?.times.run, detached: reply?.detached, ...(stopped ? { stopped } : {}) });
  }

  /**
   * What a graph change says: tasks now ready and versions released (events), and tasks cancelled because one they
   * depend on failed. Once the run is stopped (`stoppedBy`), every cancellation is the stop's doing, whichever stopped
   * task it followed from.
   */
  effects(effects: graph.Effects, queued: number, stoppedBy: number | undefined): void {
    if (this.observing) {
      const time = epochNow();
      for (const taskId of effects.ready) this.events.push({ kind: 'ready', time, taskId, queued });
      for (const { key, bytes } of effects.released) this.events.push({ kind: 'release', time, key, bytes });
    }
    for (const { taskId, key, failedTask } of effects.cancelled) {
      const message = `depends on ${key}, produced downstream of failed task #${failedTask}`;
      if (this.observing) this.events.push({ kind: 'error', time: epochNow(), taskId, message, cause: 'dependency' });
      this.outcomes.push(stoppedBy !== undefined
        ? { taskId, ok: false, stopped: { kind: 'run-stopped', by: stoppedBy }, error: { name: 'TaskifyError', message, props: {} } }
        : { taskId, ok: false, failedDependency: { taskId: failedTask, key }, error: { name: 'TaskifyError', message, props: {} } });
    }
  }

  /** Send what was gathered, if anything. */
  flush(): void {
    if (this.outcomes.length === 0 && this.events.length === 0) return;
    this.send(this.events.length === 0 ? { type: 'done', outcomes: this.outcomes.splice(0) }
      : { type: 'done', outcomes: this.outcomes.splice(0), events: this.events.splice(0) });
  }
}

/** The error of a task the engine stopped: it timed out, the program cancelled it, or the run stopped. */
export function stopError(name: string, why: TaskStop): SerializedError {
  const message = why.kind === 'timed-out' ? `task ${name} timed out after ${why.seconds} s and was stopped`
    : why.kind === 'cancelled' ? `task ${name} was cancelled` : `task ${name} was stopped: task #${why.by} failed and its policy is 'fail'`;
  return { name: 'TaskifyError', message, props: {} };
}

/** Where and how a task ran, as observers see it. */
export function workerRun(reply: WorkerReply): WorkerRun {
  return {
    worker: reply.worker, startedAt: reply.startedAt, phases: reply.times, bytesRead: reply.bytesRead,
    bytesWritten: reply.bytesWritten, rro: reply.rro,
  };
}
