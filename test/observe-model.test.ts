/** The observability model without threads: events → run log → trace → run log, lanes, graph, hooks. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RunEvent, WorkerRun } from '../runtime/protocol';
import { newRunLog, recordEvent, type RunLog } from '../runtime/observe/run-log';
import { assignLanes, readTrace, toTrace } from '../runtime/observe/trace';
import { toDot } from '../runtime/observe/task-graph';
import { functionsByTime, newTotals, totalsHooks, totalsOf, utilisation, waitedMs } from '../runtime/observe/function-stats';
import { Observers as Hub } from '../runtime/observe/hooks';
import { Observers } from '../runtime/observe/hooks';
import { summarize } from '../runtime/observe/summary';
import { dataNames, submissionLabels } from '../runtime/observe/data-names';
import { PhaseClock } from '../runtime/worker/phase-clock';

const T0 = 1_700_000_000_000;
const run = (worker: number, at: number, load: number, user: number, store: number, rro?: WorkerRun['rro'], queued = 0): WorkerRun =>
  ({ worker, startedAt: T0 + at, phases: { queued, load, run: user, store }, bytesRead: 100, bytesWritten: 50, rro });

/** make(d1) on worker 7; two reads of d1 at once on worker 7 (two tasks in flight) and one on worker 9. */
function sampleEvents(): RunEvent[] {
  return [
    { kind: 'submit', time: T0 + 1, taskId: 1, name: 'make', reads: [], writes: ['d1v1'], result: 'd2v1' },
    { kind: 'submit', time: T0 + 2, taskId: 2, name: 'use', reads: ['d1v1'], writes: [], result: 'd3v1' },
    { kind: 'submit', time: T0 + 2, taskId: 3, name: 'use', reads: ['d1v1'], writes: [], result: 'd4v1' },
    { kind: 'submit', time: T0 + 3, taskId: 4, name: 'use', reads: ['d1v1'], writes: [], result: 'd5v1' },
    { kind: 'ready', time: T0 + 3, taskId: 1, queued: 1 },
    { kind: 'start', time: T0 + 3, taskId: 1, queued: 0, running: 1 },
    { kind: 'end', time: T0 + 20, taskId: 1, run: run(7, 4, 1, 10, 2) },
    { kind: 'ready', time: T0 + 20, taskId: 2, queued: 3 },
    { kind: 'start', time: T0 + 21, taskId: 2, queued: 2, running: 1 },
    { kind: 'start', time: T0 + 21, taskId: 3, queued: 1, running: 2 },
    { kind: 'start', time: T0 + 21, taskId: 4, queued: 0, running: 3 },
    { kind: 'end', time: T0 + 40, taskId: 2, run: run(7, 22, 1, 10, 1, { hits: 1, attaches: 0, creations: 0, fallbacks: 0, bytesMapped: 0 }) },
    { kind: 'error', time: T0 + 41, taskId: 3, message: 'no', cause: 'threw', run: run(7, 25, 1, 10, 0) },
    { kind: 'end', time: T0 + 42, taskId: 4, run: run(9, 22, 1, 18, 1) },
    { kind: 'release', time: T0 + 43, key: 'd1v1', bytes: 100 },
    { kind: 'wait', time: T0 + 45, start: T0 + 5, what: 'barrier' },
  ];
}

function sampleLog(): RunLog {
  const log = newRunLog(2, T0);
  for (const event of sampleEvents()) recordEvent(log, event);
  return log;
}

test('recordEvent builds the run log; counters follow ready, start and end', () => {
  const log = sampleLog();
  assert.is(log.tasks.size, 4);
  assert.is(log.tasks.get(3)!.error!.message, 'no');
  assert.is(log.released, 1);
  assert.is(log.endedAt, T0 + 45);
  const last = log.samples.at(-1)!;
  assert.equal([last.running, last.queued, last.bytesMoved], [0, 0, 4 * 150]);
  assert.is(Math.max(...log.samples.map((s) => s.running)), 3);
});

test('lanes: a worker with two tasks in flight gets a second lane; no lane holds overlapping tasks', () => {
  const { lanes, laneOf } = assignLanes(sampleLog());
  assert.equal(lanes.map((l) => [l.worker, l.tid]), [[7, 100], [7, 101], [9, 200]]);
  assert.equal([1, 2, 3, 4].map((id) => laneOf.get(id)!.tid), [100, 100, 101, 200]);
});

test('a trace reads back into the same run log (what `taskify report` draws from)', () => {
  const log = sampleLog();
  const back = readTrace(JSON.parse(JSON.stringify(toTrace(log))), 'sample.json');
  assert.is(back.workers, 2);
  assert.is(back.startedAt, log.startedAt);
  assert.is(back.endedAt, log.endedAt);
  for (const [id, task] of log.tasks) {
    const copy = back.tasks.get(id)!;
    const plain = (t: object) => JSON.parse(JSON.stringify({ ...t, run: undefined })) as unknown;
    assert.equal(plain(copy), plain(task), `task ${id}`);
    assert.is(copy.run!.startedAt.toFixed(3), task.run!.startedAt.toFixed(3));
    assert.equal(copy.run!.phases, task.run!.phases);
  }
  assert.equal(back.waits, log.waits);
  assert.equal(back.samples.map((s) => [s.queued, s.running, s.bytesMoved]), log.samples.map((s) => [s.queued, s.running, s.bytesMoved]).filter(
    (_, i, all) => i === all.length - 1 || log.samples[i].time !== log.samples[i + 1].time));
  assert.equal(functionsByTime(totalsOf(back)), functionsByTime(totalsOf(log)));
});

test('readTrace refuses a file that is not a taskify trace, saying what it expected', () => {
  assert.throws(() => readTrace({ traceEvents: [] }, 'other.json'), /other\.json is not a taskify trace .*TASKIFY_TRACE=/);
  assert.throws(() => readTrace(null, 'null.json'), /null\.json is not a taskify trace/);
  const forged = toTrace(sampleLog());
  const slice = forged.traceEvents.find((e) => e.cat === 'task')!;
  (slice.args!.run as Record<string, unknown>).bytesRead = '<img src=x onerror=alert(1)>';
  assert.throws(() => readTrace(JSON.parse(JSON.stringify(forged)), 'forged.json'), /forged\.json: task #1 bytesRead is not a number/);
});

test('per-function statistics and utilisation', () => {
  const totals = totalsOf(sampleLog());
  const [use, make] = functionsByTime(totals);
  assert.equal([use.name, use.count, use.failed, use.maxMs, use.rroHits, use.bytesIn], ['use', 3, 1, 20, 1, 300]);
  assert.equal([make.name, make.count, make.totalMs], ['make', 1, 13]);
  assert.is(utilisation(totals), (13 + 12 + 11 + 20) / (45 * 2));
  assert.equal(totals.slowest, { id: 4, name: 'use', ms: 20, worker: 9 });
});

test('time queued behind another task on the thread is its own phase: not load, not busy; the trace and summary keep it apart', () => {
  const log = newRunLog(1, T0);
  recordEvent(log, { kind: 'submit', time: T0, taskId: 1, name: 'slow', reads: [], writes: [], result: 'd1v1' });
  recordEvent(log, { kind: 'submit', time: T0, taskId: 2, name: 'quick', reads: [], writes: [], result: 'd2v1' });
  recordEvent(log, { kind: 'end', time: T0 + 900, taskId: 1, run: run(5, 0, 2, 890, 1) });
  recordEvent(log, { kind: 'end', time: T0 + 905, taskId: 2, run: run(5, 1, 3, 5, 1, undefined, 890) });
  log.endedAt = T0 + 905;
  const totals = totalsOf(log);
  const quick = functionsByTime(totals).find((f) => f.name === 'quick')!;
  assert.equal([quick.queuedMs, quick.loadMs, quick.totalMs], [890, 3, 9]);
  assert.is(totals.busyMs, 893 + 9, 'a worker waiting behind its other task is not busy twice');
  const text = summarize(totals);
  assert.match(text, /function +tasks +mean +max +queued +load +run +store/);
  assert.match(text, /phases \(summed over workers\): queued behind another task 890 ms, load 5.00 ms, run 895 ms, store 2.00 ms/);
  const trace = toTrace(log);
  const slice = trace.traceEvents.find((t) => t.cat === 'task' && t.args?.task === 2)!;
  const phases = trace.traceEvents.filter((e) => e.cat === 'phase' && e.tid === slice.tid);
  assert.equal(phases.slice(0, 2).map((e) => [e.name, Math.round(e.dur! / 1000)]), [['queued behind another task', 890], ['load inputs', 3]]);
  assert.equal(readTrace(JSON.parse(JSON.stringify(trace)), 'q.json').tasks.get(2)!.run!.phases, { queued: 890, load: 3, run: 5, store: 1 });
});

test('PhaseClock: what another task on the thread ran during a phase is queued time, its own code is not', () => {
  const spin = (ms: number) => { const until = performance.now() + ms; while (performance.now() < until) { /* busy */ } };
  // Every span is measured around the code it is about, and compared with what the clocks say: a loaded machine
  // stretches them all (it once took a 60 ms spin to 94), but not what the clocks make of them.
  const timed = (work: () => void) => { const start = performance.now(); work(); return performance.now() - start; };
  const start = performance.now();
  const waiting = new PhaseClock();
  const other = new PhaseClock();
  let otherOwn = 0;
  other.own(() => { otherOwn = timed(() => spin(60)); }); // the other task's code runs while this one is loading
  spin(10);                                                  // this task's own loading
  waiting.lap('load');
  const loadWall = performance.now() - start;
  let ownRun = 0;
  const runWall = timed(() => { waiting.own(() => { ownRun = timed(() => spin(20)); }); waiting.lap('run'); });
  const near = (a: number, b: number) => Math.abs(a - b) < 1;
  assert.ok(near(waiting.times.queued, otherOwn), `queued ${waiting.times.queued}, the other task's own ${otherOwn}`);
  assert.ok(waiting.times.load >= 10 && waiting.times.load + waiting.times.queued <= loadWall, `load ${waiting.times.load} of ${loadWall}`);
  assert.ok(waiting.times.run >= ownRun && waiting.times.run <= runWall + 1, `run ${waiting.times.run}: own ${ownRun}, lap ${runWall}`);
  other.lap('run');
  assert.ok(near(other.times.queued, ownRun), `the other task waited for this one's own code only: ${other.times.queued}, ${ownRun}`);
});

test('data named as the program names it: argument text, else the parameter; the result\'s variable; pushes numbered', () => {
  const wire = [{ data: 3, read: 1 }, { data: 4, read: 2, write: 3 }, { value: 5 }, { collection: [{ data: 6, read: 1 }, { data: 7, read: 1 }] }];
  assert.equal(submissionLabels(wire, ['image', 'out', 'n', 'parts'], 'img,,,chunks=blurred', 'blur', 'd9v1'),
    { d3v1: 'img', d4v2: 'out', d4v3: 'out', d6v1: 'chunks[0]', d7v1: 'chunks[1]', d9v1: 'blurred' });
  assert.equal(submissionLabels(wire.slice(0, 1), ['image'], '', 'blur', 'd9v1'), { d3v1: 'image', d9v1: 'blur()' });
  assert.equal(submissionLabels(wire.slice(0, 1), ['#0'], undefined, 'blur', 'd9v1'), {}, 'by hand, unnamed: keys stay');
  assert.equal(submissionLabels(wire.slice(0, 2), ['image'], 'img', 'blur', 'd9v1', ['src/rates.ts#RATES']),
    { d3v1: 'img', d4v2: 'RATES', d4v3: 'RATES', d9v1: 'blur()' }, 'a module object read by the task: named after it');
  const log = newRunLog(1, T0);
  const submit = (taskId: number, labels: Record<string, string>) =>
    recordEvent(log, { kind: 'submit', time: T0 + taskId, taskId, name: 'f', reads: [], writes: [], result: '', labels });
  submit(1, { d1v1: 'parts[]' });
  submit(2, { d2v1: 'parts[]', d1v1: 'fragment' });
  submit(3, { d3v1: 'image', d4v1: 'image', d5v2: 'out' });
  const shown = dataNames(log);
  assert.equal(['d1v1', 'd2v1', 'd3v1', 'd4v1', 'd5v2', 'd5v3', 'd6v1'].map(shown),
    ['parts[0] v1', 'parts[1] v1', 'image (d3) v1', 'image (d4) v1', 'out v2', 'out v3', 'd6v1']);
  const back = readTrace(JSON.parse(JSON.stringify(toTrace(log))), 'names.json');
  assert.equal(back.tasks.get(3)!.labels, { d3v1: 'image', d4v1: 'image', d5v2: 'out' }, 'a trace keeps the names for the report');
});

test('live totals (bounded memory, for the terminal summary) agree with totals of the whole log', () => {
  const live = newTotals(2, T0);
  const hub = new Hub();
  hub.add(totalsHooks(live));
  for (const event of sampleEvents()) hub.emit(event);
  const whole = totalsOf(sampleLog());
  assert.equal(functionsByTime(live), functionsByTime(whole));
  assert.equal([live.submitted, live.busyMs, live.slowest, live.rro, live.endedAt], [whole.submitted, whole.busyMs, whole.slowest, whole.rro, whole.endedAt]);
});

test('the main thread\'s waiting time is the union of its waits (async waits overlap)', () => {
  const totals = newTotals(1, 0);
  totals.waits.push([0, 10], [5, 6], [8, 12], [20, 21]);
  assert.is(waitedMs(totals), 13);
});

test('the graph: one edge per version read, a barrier collecting the tasks no task consumed', () => {
  const dot = toDot(sampleLog());
  for (const reader of [2, 3, 4]) assert.match(dot, `t1 -> t${reader} [label="d1v1"];`);
  assert.match(dot, 'w1 [label="barrier", shape=box');
  for (const sink of [2, 3, 4]) assert.match(dot, `t${sink} -> w1;`);
  assert.not.match(dot, 't1 -> w1;');
  assert.match(dot, /t3 \[[^\]]*color=red/);
});

test('Observers: the engine hears when the first hook arrives and the last leaves; a throwing hook is detached', () => {
  const heard: boolean[] = [];
  const observers = new Observers((active) => heard.push(active));
  const seen: number[] = [];
  const detach = observers.add({ ready: (e) => seen.push(e.taskId) });
  const stderr = process.stderr.write;
  let said = '';
  process.stderr.write = ((text: string) => { said += text; return true; }) as typeof process.stderr.write;
  try {
    observers.add({ ready: () => { throw new Error('observer bug'); } });
    observers.emit({ kind: 'ready', time: 0, taskId: 1, queued: 0 });
    observers.emit({ kind: 'ready', time: 0, taskId: 2, queued: 0 });
  } finally {
    process.stderr.write = stderr;
  }
  assert.equal(seen, [1, 2]);
  assert.is(said.match(/observer's ready hook threw and was detached: Error: observer bug/g)?.length, 1);
  detach();
  assert.is(observers.active, false);
  assert.equal(heard, [true, false]);
});

test.run();
