/**
 * The engine loop as a function: timeouts, retries, failure policies, cancellation and status, driven by a scripted
 * executor and a fake clock on this thread (no worker threads, no waiting on real time).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Clock } from '../runtime/engine/engine';
import type { Executor, RunOptions } from '../runtime/engine/executor';
import { verdict } from '../runtime/engine/failure-policy';
import type { EngineToMain, SubmitMsg, TaskDef, TaskOutcome, WireArg, WorkerReply, WorkerTask } from '../runtime/protocol';
import { Stats } from '../runtime/stats';
import { workerOutOfMemory } from '../runtime/errors';

interface Attempt { readonly message: WorkerTask; readonly options: RunOptions; resolve(reply: WorkerReply): void; reject(error: Error): void }

/** An executor whose runs the test ends by hand; an aborted run rejects at once, as a terminated worker's would. */
function scripted(capacity: number) {
  const attempts: Attempt[] = [];
  const copies: string[] = [];
  /** Set to hold copies until the test lets them finish. */
  const held: (() => void)[] = [];
  let holdCopies = false;
  const executor: Executor = {
    capacity: () => capacity,
    run: (_node, message, options) => new Promise<WorkerReply>((resolve, reject) => {
      attempts.push({ message, options, resolve, reject });
      options.signal.once('abort', () => reject(new Error('terminated')));
    }),
    released: () => {},
    fetch: async () => {},
    copyVersion: async (from, to) => {
      copies.push(`${from}->${to}`);
      if (holdCopies) await new Promise<void>((resolve) => held.push(resolve));
    },
    placeOf: (taskId) => `thread ${taskId % 2}`,
    close: async () => {},
  };
  return { executor, attempts, copies, hold: () => { holdCopies = true; }, release: () => { for (const go of held.splice(0)) go(); } };
}

function fakeClock() {
  let now = 0;
  const timers = new Set<{ at: number; fire: () => void }>();
  const clock: Clock = {
    now: () => now,
    setTimeout: (fire, ms) => { const timer = { at: now + ms, fire }; timers.add(timer); return timer; },
    clearTimeout: (timer) => { timers.delete(timer as { at: number; fire: () => void }); },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const timer of [...timers].sort((a, b) => a.at - b.at)) if (timer.at <= now) { timers.delete(timer); timer.fire(); }
  };
  return { clock, advance, pending: () => timers.size };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

// One scratch folder for the suite, removed at the end: the engine writes nothing there under the
// scripted executor, but a test must leave no folder behind either.
const scratch = mkdtempSync(join(tmpdir(), 'taskify-engine-test-'));
test.after(() => rmSync(scratch, { recursive: true, force: true }));

function setup(defs: Partial<TaskDef>[], { capacity = 2, defaultTimeoutMs }: { capacity?: number; defaultTimeoutMs?: number } = {}) {
  const sent: EngineToMain[] = [];
  const { executor, attempts, copies, hold, release } = scripted(capacity);
  const time = fakeClock();
  const engine = createEngine({
    runDir: scratch, stats: new Stats(), shmPrefix: 'taskify-shm-test-', observe: false,
    defaultTimeoutMs, executor: () => executor, send: (message) => sent.push(message), clock: time.clock,
  });
  engine.receive(defs.map((def, i) => ({
    type: 'define', def: { id: i + 1, module: 'file:///t.js', name: `t${i + 1}`, directions: [], rro: [], ownBuffer: [], ...def },
  })));
  const outcomes = () => sent.flatMap((m) => (m.type === 'done' ? m.outcomes : []));
  const outcome = (taskId: number): TaskOutcome | undefined => outcomes().find((o) => o.taskId === taskId);
  const running = (taskId: number) => attempts.filter((a) => a.message.taskId === taskId);
  return { engine, sent, attempts, copies, time, outcome, running, hold, release };
}

const submit = (taskId: number, def: number, args: WireArg[], snapshots: SubmitMsg['snapshots'] = []): SubmitMsg =>
  ({ type: 'submit', taskId, def, args, result: 1000 + taskId, snapshots });

function reply(ok: boolean, written: string[] = []): WorkerReply {
  const base = { worker: 1, startedAt: 0, bytesRead: 0, bytesWritten: 0, times: { queued: 0, load: 0, run: 0, store: 0 }, cached: [], evicted: [],
    written: written.map((key) => ({ key, bytes: 8 })) };
  return ok ? { ...base, ok: true, value: 7, inline: true }
    : { ...base, ok: false, error: { name: 'Error', message: 'boom', props: {} } };
}

test('failure policy: crashes retry once, throws never, retry n runs n more times, then the policy decides', () => {
  assert.is(verdict({}, 'worker died', 1), 'retry');
  assert.is(verdict({}, 'worker died', 2), 'cancel-successors');
  assert.is(verdict({}, 'threw', 1), 'cancel-successors');
  assert.is(verdict({}, 'timed out', 1), 'cancel-successors');
  assert.is(verdict({ onFailure: 'retry', retries: 2 }, 'threw', 2), 'retry');
  assert.is(verdict({ onFailure: 'retry', retries: 2 }, 'timed out', 3), 'cancel-successors');
  assert.is(verdict({ onFailure: 'fail' }, 'threw', 1), 'stop-run');
  assert.is(verdict({ onFailure: 'ignore' }, 'threw', 1), 'ignore');
  assert.is(verdict({ onFailure: 'ignore' }, 'cancelled', 1), 'cancel-successors', 'a cancelled task is never ignored');
});

test('a task past its timeout is stopped and fails as timed out; its dependent fails naming it; others go on', async () => {
  const s = setup([{ timeoutMs: 5000 }, {}]);
  s.engine.receive([
    submit(1, 1, [{ data: 1, read: 1, write: 2 }], [{ data: 1, version: 1, bytes: 8 }]),
    submit(2, 2, [{ data: 1, read: 2 }]),
    submit(3, 2, [{ value: 1 }]),
  ]);
  assert.equal(s.attempts.map((a) => a.message.taskId), [1, 3]);
  s.running(1)[0].options.onStart?.(); // handed to a worker now: the clock starts here
  s.time.advance(4999);
  await settle();
  assert.is(s.outcome(1), undefined, 'not before its time');
  s.time.advance(1);
  await settle();
  const timedOut = s.outcome(1);
  assert.ok(timedOut && !timedOut.ok && timedOut.stopped?.kind === 'timed-out' && timedOut.stopped.seconds === 5, JSON.stringify(timedOut));
  const dependent = s.outcome(2);
  assert.ok(dependent && !dependent.ok && dependent.failedDependency?.taskId === 1);
  s.running(3)[0].resolve(reply(true));
  await settle();
  assert.ok(s.outcome(3)?.ok, 'an unrelated task finishes');
  assert.is(s.time.pending(), 0, 'no timer is left');
});

test('the timeout counts from the start on a worker, and TASKIFY_TASK_TIMEOUT applies to tasks without one', async () => {
  const s = setup([{}], { defaultTimeoutMs: 1000 });
  s.engine.receive([submit(1, 1, [{ value: 1 }])]);
  s.time.advance(5000); // queued in the pool meanwhile: no clock yet
  await settle();
  assert.is(s.outcome(1), undefined);
  s.attempts[0].options.onStart?.();
  assert.is(s.attempts[0].options.timeoutMs, 1000, 'the executor hears the timeout, to keep the task alone on its worker');
  s.time.advance(1000);
  await settle();
  const outcome = s.outcome(1);
  assert.ok(outcome && !outcome.ok && outcome.stopped?.kind === 'timed-out');
});

test('retry n: a task that throws runs again up to n times; a success ends it', async () => {
  const s = setup([{ onFailure: 'retry', retries: 2 }]);
  s.engine.receive([submit(1, 1, [{ value: 1 }])]);
  s.attempts[0].resolve(reply(false));
  await settle();
  s.attempts[1].resolve(reply(false));
  await settle();
  assert.is(s.attempts.length, 3, 'two retries');
  s.attempts[2].resolve(reply(true));
  await settle();
  assert.ok(s.outcome(1)?.ok);
});

test('by default a crash runs again once and a throw fails at once', async () => {
  const s = setup([{}]);
  s.engine.receive([submit(1, 1, [{ value: 1 }]), submit(2, 1, [{ value: 2 }])]);
  s.running(1)[0].reject(new Error('worker exited'));
  s.running(2)[0].resolve(reply(false));
  await settle();
  assert.is(s.running(1).length, 2, 'the crashed task runs again');
  assert.is(s.running(2).length, 1, 'the throwing task does not');
  s.running(1)[1].reject(new Error('worker exited'));
  await settle();
  const crashed = s.outcome(1);
  assert.ok(crashed && !crashed.ok && /died 2 time/.test(crashed.error.message));
});

test('a worker out of memory: alone, the task fails at once with that message; sharing its thread, it runs again', async () => {
  const s = setup([{}]);
  s.engine.receive([submit(1, 1, [{ value: 1 }]), submit(2, 1, [{ value: 2 }])]);
  s.running(1)[0].reject(workerOutOfMemory('64 MB (TASKIFY_WORKER_HEAP_MB=64)', 0));
  s.running(2)[0].reject(workerOutOfMemory('64 MB (TASKIFY_WORKER_HEAP_MB=64)', 1));
  await settle();
  const alone = s.outcome(1);
  assert.ok(alone && !alone.ok && /ran out of memory: its JavaScript heap limit is 64 MB/.test(alone.error.message), JSON.stringify(alone));
  assert.is(s.running(1).length, 1, 'not run again');
  assert.is(s.running(2).length, 2, 'shared: run again');
  s.running(2)[1].reject(workerOutOfMemory('64 MB', 1));
  await settle();
  const shared = s.outcome(2);
  assert.ok(shared && !shared.ok && /ran out of memory/.test(shared.error.message), 'the last failure keeps the out-of-memory message');
});

test("'ignore': the task counts as done, its inout data as it was (copied from what it read), and dependents run", async () => {
  const s = setup([{ onFailure: 'ignore' }, {}]);
  s.engine.receive([
    submit(1, 1, [{ data: 1, read: 1, write: 2 }], [{ data: 1, version: 1, bytes: 8 }]),
    submit(2, 2, [{ data: 1, read: 2 }]),
  ]);
  s.attempts[0].resolve(reply(false, ['d1v2'])); // it stored its argument as at the throw
  await settle();
  await settle();
  const ignored = s.outcome(1);
  assert.ok(ignored?.ok && ignored.ignored?.message === 'boom' && ignored.value === undefined, JSON.stringify(ignored));
  assert.equal(s.copies, ['d1v1->d1v2'], 'the version it was to write holds the one it read');
  assert.equal(s.running(2).map((a) => a.message.args[0]), [{ read: 'd1v2', write: undefined, shape: undefined, rro: undefined, own: undefined, root: undefined, view: undefined, ref: undefined }]);
});

test("'ignore' then cancelled while its copies are made: it fails as cancelled, once, and the engine goes on", async () => {
  const s = setup([{ onFailure: 'ignore' }, {}]);
  s.hold();
  s.engine.receive([submit(1, 1, [{ data: 1, read: 1, write: 2 }], [{ data: 1, version: 1, bytes: 8 }])]);
  s.attempts[0].resolve(reply(false));
  await settle();
  s.engine.receive([{ type: 'cancel', taskId: 1 }]);
  s.release();
  await settle();
  await settle();
  const outcomes = s.sent.flatMap((m) => (m.type === 'done' ? m.outcomes : [])).filter((o) => o.taskId === 1);
  assert.is(outcomes.length, 1, JSON.stringify(outcomes));
  assert.ok(!outcomes[0].ok && outcomes[0].stopped?.kind === 'cancelled');
  s.engine.receive([submit(2, 2, [{ value: 1 }])]);
  s.running(2)[0].resolve(reply(true));
  await settle();
  assert.ok(s.outcome(2)?.ok, 'later tasks run');
});

test("'fail': every unfinished task stops, running ones are aborted, and later submissions fail at once", async () => {
  const s = setup([{ onFailure: 'fail' }, {}], { capacity: 2 });
  s.engine.receive([submit(1, 1, [{ value: 1 }]), submit(2, 2, [{ value: 2 }]), submit(3, 2, [{ value: 3 }])]);
  s.running(1)[0].resolve(reply(false));
  await settle();
  await settle();
  for (const id of [2, 3]) {
    const stopped = s.outcome(id);
    assert.ok(stopped && !stopped.ok && stopped.stopped?.kind === 'run-stopped' && stopped.stopped.by === 1, `task ${id}: ${JSON.stringify(stopped)}`);
  }
  assert.is(s.running(3).length, 0, 'the queued task never ran');
  s.engine.receive([submit(4, 2, [{ value: 4 }])]);
  const late = s.outcome(4);
  assert.ok(late && !late.ok, 'a task submitted after the stop fails');
  assert.is(s.running(4).length, 0);
});

test('cancel: a waiting task fails as cancelled and its dependents name it; a running one is aborted', async () => {
  const s = setup([{}], { capacity: 1 });
  s.engine.receive([
    submit(1, 1, [{ value: 1 }]),
    submit(2, 1, [{ data: 1, read: 1, write: 2 }], [{ data: 1, version: 1, bytes: 8 }]),
    submit(3, 1, [{ data: 1, read: 2 }]),
  ]);
  s.engine.receive([{ type: 'cancel', taskId: 2 }]);
  const cancelled = s.outcome(2);
  assert.ok(cancelled && !cancelled.ok && cancelled.stopped?.kind === 'cancelled');
  const dependent = s.outcome(3);
  assert.ok(dependent && !dependent.ok && dependent.failedDependency?.taskId === 2);
  s.engine.receive([{ type: 'cancel', taskId: 1 }]);
  await settle();
  const running = s.outcome(1);
  assert.ok(running && !running.ok && running.stopped?.kind === 'cancelled');
  assert.ok(s.running(1)[0].options.signal.aborted, 'the worker was told to stop');
  s.engine.receive([{ type: 'cancel', taskId: 1 }]); // again, and of a finished task: nothing happens
  assert.is(s.sent.filter((m) => m.type === 'done').flatMap((m) => (m.type === 'done' ? m.outcomes : [])).filter((o) => o.taskId === 1).length, 1);
});

test('status: what runs (for how long, where), what is ready and what each waiting task waits for', () => {
  const s = setup([{}], { capacity: 1 });
  s.engine.receive([
    submit(1, 1, [{ data: 1, read: 1, write: 2 }], [{ data: 1, version: 1, bytes: 8 }]),
    submit(2, 1, [{ data: 1, read: 2 }]),
    submit(3, 1, [{ value: 3 }]),
  ]);
  s.attempts[0].options.onStart?.();
  s.time.advance(61_000);
  s.engine.receive([{ type: 'status' }]);
  const status = s.sent.find((m) => m.type === 'status');
  assert.ok(status?.type === 'status');
  assert.equal(status.report.running, [{ taskId: 1, name: 't1', seconds: 61, place: 'thread 1' }]);
  assert.equal(status.report.waiting, [{ taskId: 2, name: 't1', waitsFor: [1] }]);
  assert.equal(status.report.ready, [{ taskId: 3, name: 't1' }]);
});

test.run();
