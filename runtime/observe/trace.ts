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
import { dataNames } from './data-names';

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

/**
 * Interval partitioning: the slot of each interval, taken in order of start, so that intervals in one slot never
 * overlap (Perfetto drops a slice that partly overlaps another on its lane).
 */
export function slotsOf<T>(items: readonly T[], start: (item: T) => number, end: (item: T) => number): Map<T, number> {
  const slotEnds: number[] = [];
  const slots = new Map<T, number>();
  for (const item of [...items].sort((a, b) => start(a) - start(b))) {
    let slot = slotEnds.findIndex((busyUntil) => busyUntil <= start(item));
    if (slot < 0) slot = slotEnds.push(0) - 1;
    slotEnds[slot] = end(item);
    slots.set(item, slot);
  }
  return slots;
}

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
    const slots = slotsOf(byWorker.get(worker)!, (t) => t.run!.startedAt, (t) => t.run!.startedAt + workerMs(t.run!));
    const workerLanes: Lane[] = [];
    for (const [task, slot] of slots) {
      for (let s = workerLanes.length; s <= slot; s++) {
        workerLanes.push({ tid: (w + 1) * 100 + s, worker, name: `worker ${w + 1}${s ? ` (task ${s + 1} at once)` : ''} · thread ${worker}` });
      }
      laneOf.set(task.id, workerLanes[slot]);
    }
    lanes.push(...workerLanes);
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

  // Async waits overlap (await Promise.all(futures)): each overlapping one gets a lane of its own under main's.
  const waitSlots = slotsOf(log.waits, (w) => w.start, (w) => w.end);
  let waitLanes = 0;
  for (const slot of waitSlots.values()) waitLanes = Math.max(waitLanes, slot);
  for (let slot = 1; slot <= waitLanes; slot++) {
    events.push({ name: 'thread_name', ph: 'M', pid: PID, tid: MAIN_TID + slot, args: { name: `main thread (wait ${slot + 1} at once)` } });
    events.push({ name: 'thread_sort_index', ph: 'M', pid: PID, tid: MAIN_TID + slot, args: { sort_index: slot } });
  }
  const shown = dataNames(log);
  for (const [wait, slot] of waitSlots) {
    const name = wait.what === 'barrier' || wait.what === 'checkpoint' ? wait.what : `wait ${wait.key === undefined ? wait.what : shown(wait.key)}`;
    events.push({ name, ph: 'X', cat: 'wait', pid: PID, tid: MAIN_TID + slot, ts: us(wait.start), dur: Math.max(0, us(wait.end) - us(wait.start)), args: { ...wait, start: undefined, end: undefined } });
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

/** A task slice with its phases nested inside (same lane, contained in time); queued behind another task first, if it was. */
function taskSlices(task: TaskLog, run: WorkerRun, tid: number, us: (t: number) => number, args: Record<string, unknown>): TraceEvent[] {
  // Boundaries rounded once and durations taken between them: phases rounded one by one could end a nanosecond
  // after their task, and Perfetto drops a slice that sticks out of its parent.
  // Queued time is spread over the phases it interrupted; drawn first, as one stretch, since where it fell is not kept.
  const { queued, load, run: user, store } = run.phases;
  const [start, waited, loaded, ran, end] = [0, queued, queued + load, queued + load + user, queued + load + user + store]
    .map((offset) => us(run.startedAt + offset));
  const phase = (name: string, from: number, to: number, extra?: Record<string, unknown>): TraceEvent =>
    ({ name, ph: 'X', cat: 'phase', pid: PID, tid, ts: from, dur: to - from, args: extra });
  return [
    { name: task.name, ph: 'X', cat: 'task', pid: PID, tid, ts: start, dur: end - start, args },
    ...(queued > 0 ? [phase('queued behind another task', start, waited)] : []),
    phase('load inputs', waited, loaded, { bytesRead: run.bytesRead, ...(run.rro ? { rro: run.rro } : {}) }),
    phase('user code', loaded, ran),
    phase('store outputs', ran, end, { bytesWritten: run.bytesWritten }),
  ];
}

function taskArgs(task: TaskLog, us: (t: number) => number): Record<string, unknown> {
  const at = (t: number | undefined) => (t === undefined ? undefined : us(t));
  return {
    task: task.id, function: task.name, reads: task.reads, writes: task.writes, result: task.result, labels: task.labels,
    submittedUs: at(task.submittedAt), readyUs: at(task.readyAt), dispatchedUs: at(task.dispatchedAt), endedUs: at(task.endedAt),
    run: task.run && { ...task.run, startedAt: undefined, startedUs: us(task.run.startedAt) },
    error: task.error,
  };
}

/** An arrow per version from the slice of the task that wrote it to the slice of each task that read it. */
function flows(log: RunLog, laneOf: Map<number, { tid: number }>, us: (t: number) => number): TraceEvent[] {
  const writer = writers(log);
  const shown = dataNames(log);
  const events: TraceEvent[] = [];
  let id = 1;
  for (const reader of tasksInOrder(log)) {
    const readerLane = laneOf.get(reader.id);
    if (!reader.run || !readerLane) continue;
    for (const key of reader.reads) {
      const source = log.tasks.get(writer.get(key) ?? -1);
      const sourceLane = source && laneOf.get(source.id);
      if (!source?.run || !sourceLane) continue;
      // Inside both slices (as rounded in taskSlices), so that each end binds to its enclosing slice.
      const sourceEnd = Math.max(us(source.run.startedAt), us(source.run.startedAt + workerMs(source.run)) - 0.001);
      const readerStart = Math.min(us(reader.run.startedAt) + 0.001, us(reader.run.startedAt + workerMs(reader.run)));
      events.push({ name: shown(key), ph: 's', cat: 'data', id, pid: PID, tid: sourceLane.tid, ts: sourceEnd, args: { key } });
      events.push({ name: shown(key), ph: 'f', bp: 'e', cat: 'data', id, pid: PID, tid: readerLane.tid, ts: readerStart, args: { key } });
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
  // Numbers are checked, strings made strings: a report is shared, so its input is not trusted to be well-formed.
  const num = (value: unknown, what: string): number => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${source}: ${what} is not a number (${JSON.stringify(value)})`);
    return value;
  };
  const optional = (value: unknown, what: string) => (value === undefined ? undefined : epoch(num(value, what)));
  const strings = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  const names = (value: unknown) => (typeof value === 'object' && value !== null
    ? Object.fromEntries(Object.entries(value).map(([key, name]) => [key, String(name)])) : undefined);
  const counters = new Map<number, { queued: number; running: number; bytesMoved: number }>();
  for (const event of doc.traceEvents) {
    const args = event.args ?? {};
    if (event.cat === 'task' && typeof args.task === 'number') {
      const what = `task #${args.task}`;
      const run = args.run as Record<string, unknown> | undefined;
      const phases = run?.phases as Record<string, unknown> | undefined;
      const rro = run?.rro as Record<string, unknown> | undefined;
      const error = args.error as Record<string, unknown> | undefined;
      log.tasks.set(args.task, {
        id: args.task, name: String(args.function), reads: strings(args.reads), writes: strings(args.writes), result: String(args.result),
        ...(args.labels !== undefined ? { labels: names(args.labels) } : {}),
        submittedAt: epoch(num(args.submittedUs, `${what} submittedUs`))!, readyAt: optional(args.readyUs, `${what} readyUs`),
        dispatchedAt: optional(args.dispatchedUs, `${what} dispatchedUs`), endedAt: optional(args.endedUs, `${what} endedUs`),
        error: error && { message: String(error.message), cause: String(error.cause) as NonNullable<TaskLog['error']>['cause'] },
        run: run && {
          worker: num(run.worker, `${what} worker`), startedAt: epoch(num(run.startedUs, `${what} startedUs`))!,
          phases: {
            // Traces written before queued time was told apart have none.
            queued: phases?.queued === undefined ? 0 : num(phases.queued, `${what} queued`),
            load: num(phases?.load, `${what} load`), run: num(phases?.run, `${what} run`), store: num(phases?.store, `${what} store`),
          },
          bytesRead: num(run.bytesRead, `${what} bytesRead`), bytesWritten: num(run.bytesWritten, `${what} bytesWritten`),
          rro: rro && {
            hits: num(rro.hits, `${what} rro.hits`), attaches: num(rro.attaches, `${what} rro.attaches`),
            creations: num(rro.creations, `${what} rro.creations`), fallbacks: num(rro.fallbacks, `${what} rro.fallbacks`),
            bytesMapped: num(rro.bytesMapped, `${what} rro.bytesMapped`),
          },
        },
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
