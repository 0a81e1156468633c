/**
 * TASKIFY_TRACE: the run in Chrome's trace-event format (JSON object form), which ui.perfetto.dev and
 * chrome://tracing open. One lane per worker (more when a worker ran tasks concurrently) and one for the main
 * thread; each task a slice with its phases nested inside; flow arrows from the task that wrote a version to the
 * tasks that read it; counters for the ready queue, running tasks and bytes moved.
 *
 * Each task slice carries its whole TaskLog in `args`, so `readTrace` gives back the run log the report needs.
 */
import type { WorkerRun } from '../protocol';
import { newRunLog, tasksInOrder, workerMs, type RunLog, type TaskLog } from './run-log';

const PID = 1;
const MAIN_TID = 0;

export interface TraceEvent {
  readonly name: string;
  readonly ph: 'X' | 'i' | 's' | 'f' | 'C' | 'M';
  readonly pid: number;
  readonly tid?: number;
  readonly ts?: number;
  readonly dur?: number;
  readonly cat?: string;
  readonly id?: number;
  readonly bp?: 'e';
  readonly s?: 't';
  readonly args?: Record<string, unknown>;
}

export interface TraceDocument {
  readonly traceEvents: TraceEvent[];
  readonly displayTimeUnit: 'ms';
  readonly otherData: { readonly producer: 'taskify'; readonly workers: string; readonly startedAtEpochMs: string; readonly endedAtEpochMs: string };
}

/** A worker lane: one per worker, and one more per task that worker ran at the same time as another. */
export interface Lane { readonly tid: number; readonly name: string; readonly worker: number }

/** Assign every task that ran to a lane, so that no two slices on one lane overlap. */
export function assignLanes(log: RunLog): { lanes: Lane[]; laneOf: Map<number, Lane> } {
  const byWorker = new Map<number, TaskLog[]>();
  for (const task of log.tasks.values()) {
    if (!task.run) continue;
    const list = byWorker.get(task.run.worker) ?? [];
    list.push(task);
    byWorker.set(task.run.worker, list);
  }
  const lanes: Lane[] = [];
  const laneOf = new Map<number, Lane>();
  [...byWorker.keys()].sort((a, b) => a - b).forEach((worker, w) => {
    const slotEnds: number[] = [];
    const slotLanes: Lane[] = [];
    for (const task of byWorker.get(worker)!.sort((a, b) => a.run!.startedAt - b.run!.startedAt)) {
      const start = task.run!.startedAt;
      let slot = slotEnds.findIndex((end) => end <= start);
      if (slot < 0) {
        slot = slotEnds.length;
        slotEnds.push(0);
        const lane = { tid: (w + 1) * 100 + slot, worker, name: `worker ${w + 1}${slot ? ` (task ${slot + 1} at once)` : ''} · thread ${worker}` };
        slotLanes.push(lane);
        lanes.push(lane);
      }
      slotEnds[slot] = start + workerMs(task.run!);
      laneOf.set(task.id, slotLanes[slot]);
    }
  });
  return { lanes, laneOf };
}

/** Who wrote each version: the task id, for drawing edges from writers to readers. */
export function writers(log: RunLog): Map<string, number> {
  const writer = new Map<string, number>();
  for (const task of log.tasks.values()) {
    for (const key of task.writes) writer.set(key, task.id);
    writer.set(task.result, task.id);
  }
  return writer;
}

export function toTrace(log: RunLog): TraceDocument {
  const us = (epochMs: number) => Math.round((epochMs - log.startedAt) * 1000 * 1000) / 1000;
  const events: TraceEvent[] = [
    { name: 'process_name', ph: 'M', pid: PID, args: { name: `taskify run (${log.workers} workers)` } },
    { name: 'thread_name', ph: 'M', pid: PID, tid: MAIN_TID, args: { name: 'main thread' } },
    { name: 'thread_sort_index', ph: 'M', pid: PID, tid: MAIN_TID, args: { sort_index: 0 } },
  ];
  const { lanes, laneOf } = assignLanes(log);
  for (const lane of lanes) {
    events.push({ name: 'thread_name', ph: 'M', pid: PID, tid: lane.tid, args: { name: lane.name } });
    events.push({ name: 'thread_sort_index', ph: 'M', pid: PID, tid: lane.tid, args: { sort_index: lane.tid } });
  }

  for (const task of tasksInOrder(log)) {
    events.push({ name: `submit ${task.name}`, ph: 'i', s: 't', cat: 'submit', pid: PID, tid: MAIN_TID, ts: us(task.submittedAt), args: { task: task.id } });
    const args = taskArgs(task, us);
    const lane = laneOf.get(task.id);
    if (task.run && lane) events.push(...taskSlices(task, task.run, lane.tid, us, args));
    else if (task.endedAt !== undefined) {
      events.push({ name: `${task.error ? 'failed' : 'ended'}: ${task.name} #${task.id}`, ph: 'i', s: 't', cat: 'task', pid: PID, tid: MAIN_TID, ts: us(task.endedAt), args });
    } else {
      events.push({ name: `unfinished: ${task.name} #${task.id}`, ph: 'i', s: 't', cat: 'task', pid: PID, tid: MAIN_TID, ts: us(log.endedAt), args });
    }
  }

  for (const wait of log.waits) {
    const name = wait.what === 'barrier' || wait.what === 'checkpoint' ? wait.what : `wait ${wait.key ?? wait.what}`;
    events.push({ name, ph: 'X', cat: 'wait', pid: PID, tid: MAIN_TID, ts: us(wait.start), dur: Math.max(0, us(wait.end) - us(wait.start)), args: { ...wait, start: undefined, end: undefined } });
  }

  events.push(...flows(log, laneOf, us));

  for (const s of log.samples) {
    events.push({ name: 'ready queue', ph: 'C', pid: PID, ts: us(s.time), args: { tasks: s.queued } });
    events.push({ name: 'running', ph: 'C', pid: PID, ts: us(s.time), args: { tasks: s.running } });
    events.push({ name: 'bytes moved', ph: 'C', pid: PID, ts: us(s.time), args: { MB: s.bytesMoved / 1e6 } });
  }
  return {
    traceEvents: events, displayTimeUnit: 'ms',
    otherData: { producer: 'taskify', workers: String(log.workers), startedAtEpochMs: String(log.startedAt), endedAtEpochMs: String(log.endedAt) },
  };
}

/** A task slice with its three phases nested inside (same lane, contained in time). */
function taskSlices(task: TaskLog, run: WorkerRun, tid: number, us: (t: number) => number, args: Record<string, unknown>): TraceEvent[] {
  const start = us(run.startedAt);
  const ms = (d: number) => Math.round(d * 1000 * 1000) / 1000;
  const { load, run: user, store } = run.phases;
  const phase = (name: string, ts: number, dur: number, extra?: Record<string, unknown>): TraceEvent =>
    ({ name, ph: 'X', cat: 'phase', pid: PID, tid, ts, dur, args: extra });
  return [
    { name: task.name, ph: 'X', cat: 'task', pid: PID, tid, ts: start, dur: ms(workerMs(run)), args },
    phase('load inputs', start, ms(load), { bytesRead: run.bytesRead, ...(run.rro ? { rro: run.rro } : {}) }),
    phase('user code', start + ms(load), ms(user)),
    phase('store outputs', start + ms(load) + ms(user), ms(store), { bytesWritten: run.bytesWritten }),
  ];
}

function taskArgs(task: TaskLog, us: (t: number) => number): Record<string, unknown> {
  const at = (t: number | undefined) => (t === undefined ? undefined : us(t));
  return {
    task: task.id, function: task.name, reads: task.reads, writes: task.writes, result: task.result,
    submittedUs: at(task.submittedAt), readyUs: at(task.readyAt), dispatchedUs: at(task.dispatchedAt), endedUs: at(task.endedAt),
    run: task.run && { ...task.run, startedAt: undefined, startedUs: us(task.run.startedAt) },
    error: task.error,
  };
}

/** An arrow per version from the slice of the task that wrote it to the slice of each task that read it. */
function flows(log: RunLog, laneOf: Map<number, { tid: number }>, us: (t: number) => number): TraceEvent[] {
  const writer = writers(log);
  const events: TraceEvent[] = [];
  let id = 1;
  for (const reader of tasksInOrder(log)) {
    const readerLane = laneOf.get(reader.id);
    if (!reader.run || !readerLane) continue;
    for (const key of reader.reads) {
      const source = log.tasks.get(writer.get(key) ?? -1);
      const sourceLane = source && laneOf.get(source.id);
      if (!source?.run || !sourceLane) continue;
      // Inside both slices, so that each end binds to its enclosing slice.
      const sourceEnd = us(source.run.startedAt) + Math.max(0, workerMs(source.run) * 1000 - 0.001);
      const readerStart = us(reader.run.startedAt) + Math.min(0.001, workerMs(reader.run) * 1000);
      events.push({ name: key, ph: 's', cat: 'data', id, pid: PID, tid: sourceLane.tid, ts: sourceEnd });
      events.push({ name: key, ph: 'f', bp: 'e', cat: 'data', id, pid: PID, tid: readerLane.tid, ts: readerStart });
      id++;
    }
  }
  return events;
}

/** The run log back from a trace written by toTrace; a clear error for any other file. */
export function readTrace(document: unknown, source: string): RunLog {
  const doc = document as Partial<TraceDocument> | null;
  if (!doc || !Array.isArray(doc.traceEvents) || doc.otherData?.producer !== 'taskify') {
    throw new Error(`${source} is not a taskify trace (expected a JSON object with traceEvents and otherData.producer "taskify"; ` +
      'write one with TASKIFY_TRACE=<file.json>)');
  }
  const startedAt = Number(doc.otherData.startedAtEpochMs);
  const log = newRunLog(Number(doc.otherData.workers), startedAt);
  log.endedAt = Number(doc.otherData.endedAtEpochMs);
  const epoch = (us: number | undefined) => (us === undefined ? undefined : startedAt + us / 1000);
  const counters = new Map<number, { queued: number; running: number; bytesMoved: number }>();
  for (const event of doc.traceEvents) {
    const args = event.args ?? {};
    if (event.cat === 'task' && typeof args.task === 'number') {
      const run = args.run as (WorkerRun & { startedUs: number }) | undefined;
      log.tasks.set(args.task, {
        id: args.task, name: String(args.function), reads: args.reads as string[], writes: args.writes as string[], result: String(args.result),
        submittedAt: epoch(args.submittedUs as number)!, readyAt: epoch(args.readyUs as number), dispatchedAt: epoch(args.dispatchedUs as number),
        endedAt: epoch(args.endedUs as number), error: args.error as TaskLog['error'],
        run: run && { worker: run.worker, startedAt: epoch(run.startedUs)!, phases: run.phases, bytesRead: run.bytesRead, bytesWritten: run.bytesWritten, rro: run.rro },
      });
    } else if (event.cat === 'wait' && event.ph === 'X') {
      const start = epoch(event.ts)!;
      log.waits.push({ what: args.what as never, key: args.key as string | undefined, producer: args.producer as number | undefined, start, end: start + (event.dur ?? 0) / 1000 });
    } else if (event.ph === 'C' && event.ts !== undefined) {
      const sample = counters.get(event.ts) ?? { queued: 0, running: 0, bytesMoved: 0 };
      if (event.name === 'ready queue') sample.queued = Number(args.tasks);
      if (event.name === 'running') sample.running = Number(args.tasks);
      if (event.name === 'bytes moved') sample.bytesMoved = Number(args.MB) * 1e6;
      counters.set(event.ts, sample);
    }
  }
  for (const [ts, sample] of [...counters].sort((a, b) => a[0] - b[0])) log.samples.push({ time: epoch(ts)!, ...sample });
  return log;
}
