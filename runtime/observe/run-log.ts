/**
 * What happened in a run, as plain data built from RunEvents: the one model the trace, the graph, the summary
 * and the report are drawn from. `recordEvent` is the only writer; the trace reader (trace.ts) builds the same
 * model back from a trace file, so the report shows exactly what a live run would.
 */
import type { FailureCause, RunEvent, RunEventKind, WorkerRun } from '../protocol';
import type { RunHooks } from './hooks';

export interface TaskLog {
  readonly id: number;
  readonly name: string;
  readonly submittedAt: number;
  /** Version keys the task reads and writes; `result` is its return value's version. */
  readonly reads: readonly string[];
  readonly writes: readonly string[];
  readonly result: string;
  /** Version key → the name the program gave it at this call (data-names.ts). */
  readonly labels?: Readonly<Record<string, string>>;
  readyAt?: number;
  /** Handed to the pool (the engine's clock); the worker's own start is `run.startedAt`. */
  dispatchedAt?: number;
  /** The attempt that finished or threw in a worker. */
  run?: WorkerRun;
  endedAt?: number;
  error?: { readonly message: string; readonly cause: FailureCause | 'dependency' };
}

export interface WaitLog {
  readonly what: 'value' | 'object' | 'checkpoint' | 'barrier';
  readonly start: number;
  readonly end: number;
  readonly key?: string;
  readonly producer?: number;
}

/** The counters over time: ready tasks, tasks in workers, bytes workers read and wrote so far. */
export interface Sample { readonly time: number; readonly queued: number; readonly running: number; readonly bytesMoved: number }

export interface RunLog {
  startedAt: number;
  endedAt: number;
  /** Pool size. */
  readonly workers: number;
  readonly tasks: Map<number, TaskLog>;
  readonly waits: WaitLog[];
  readonly samples: Sample[];
  released: number;
}

export const newRunLog = (workers: number, startedAt: number): RunLog =>
  ({ startedAt, endedAt: startedAt, workers, tasks: new Map(), waits: [], samples: [], released: 0 });

export function recordEvent(log: RunLog, event: RunEvent): void {
  log.endedAt = Math.max(log.endedAt, event.time);
  switch (event.kind) {
    case 'submit':
      log.tasks.set(event.taskId, {
        id: event.taskId, name: event.name, submittedAt: event.time, reads: event.reads, writes: event.writes, result: event.result,
        ...(event.labels ? { labels: event.labels } : {}),
      });
      return;
    case 'ready':
      update(log, event.taskId, (task) => { task.readyAt = event.time; });
      sample(log, event.time, { queued: event.queued });
      return;
    case 'start':
      update(log, event.taskId, (task) => { task.dispatchedAt = event.time; });
      sample(log, event.time, { queued: event.queued, running: event.running });
      return;
    case 'end':
    case 'error': {
      const run = event.run;
      update(log, event.taskId, (task) => {
        task.endedAt = event.time;
        if (run) task.run = run;
        if (event.kind === 'error') task.error = { message: event.message, cause: event.cause };
      });
      // Only an attempt that reached a worker leaves it (a task can fail before: its arguments were refused).
      if (event.kind === 'end' || run || event.cause === 'worker died') {
        const last = lastSample(log);
        sample(log, event.time, {
          running: Math.max(0, last.running - 1), bytesMoved: last.bytesMoved + (run ? run.bytesRead + run.bytesWritten : 0),
        });
      }
      return;
    }
    case 'release':
      log.released++;
      return;
    case 'wait':
      log.waits.push({ what: event.what, start: event.start, end: event.time, key: event.key, producer: event.producer });
      return;
  }
}

/** Hooks that record every event into `log`. */
export function recordingHooks(log: RunLog): RunHooks {
  const kinds: RunEventKind[] = ['submit', 'ready', 'start', 'end', 'error', 'release', 'wait'];
  return Object.fromEntries(kinds.map((kind) => [kind, (event: RunEvent) => recordEvent(log, event)]));
}

/** Tasks by id, in submission order. */
export const tasksInOrder = (log: RunLog): TaskLog[] => [...log.tasks.values()].sort((a, b) => a.id - b.id);

/** A task's wall time in its worker, from its start there to its end: what its slice on a lane spans. */
export const workerMs = (run: WorkerRun): number => run.phases.queued + busyMs(run);

/** The task's own time in its worker (load inputs + user code + store outputs), without waiting behind another task. */
export const busyMs = (run: WorkerRun): number => run.phases.load + run.phases.run + run.phases.store;

function update(log: RunLog, taskId: number, change: (task: TaskLog) => void): void {
  const task = log.tasks.get(taskId);
  if (task) change(task); // a task submitted before the hooks were attached is not in the log
}

const lastSample = (log: RunLog): Sample => log.samples.at(-1) ?? { time: log.startedAt, queued: 0, running: 0, bytesMoved: 0 };

function sample(log: RunLog, time: number, change: Partial<Omit<Sample, 'time'>>): void {
  log.samples.push({ ...lastSample(log), ...change, time });
}
