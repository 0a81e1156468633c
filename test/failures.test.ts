/**
 * Failures a program controls, through real worker threads: timeouts (JSDoc, option, TASKIFY_TASK_TIMEOUT), failure
 * policies, cancellation and the stall report. The engine's decisions themselves are tested without threads in
 * engine.test.ts; here, that a stopped task really stops, and what the program sees.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram, programsWork } from './program-build';
import { runFixture, tasksModule, throwsMatching } from './helpers';
import { defineTask } from '../runtime';

test('JSDoc @timeout, @onFailure retry 2 and @onFailure ignore, through the plugin', () => {
  const out = buildProgram('failures', true, 'commonjs');
  const statsFile = join(programsWork, 'failures-stats.json');
  const run = spawnSync(process.execPath, [join(out, 'main.js')], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', TASKIFY_STATS: statsFile } });
  assert.is(run.status, 0, run.stderr);
  assert.fixture(run.stdout, [
    'spin: TASKIFY_TIMED_OUT true true',
    'flaky succeeded on run 3',
    'risky: undefined 1,2,3',
    'total after the ignored failure: 6',
    'risky without failing: 2 -1,5',
    '',
  ].join('\n'));
  assert.match(run.stderr, /a task failed and its policy \(onFailure 'ignore'\) let the run go on:\nError: risky failed/);
  assert.match(run.stderr, /task risky \(.*main\.ts:\d+\)/, 'the ignored failure names its call site');
  const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  assert.is(stats.tasks.retried, 2, 'flaky ran twice more');
});

test('TASKIFY_TASK_TIMEOUT=5: a task that loops forever fails in about 5 s, naming it; the pool goes on', async () => {
  const run = await runFixture('failures-child.js', 'default-timeout', { TASKIFY_TASK_TIMEOUT: '5' });
  const [spun, after] = run.stdout.trim().split('\n');
  const ms = Number(/after (\d+) ms/.exec(spun)?.[1]);
  assert.match(spun, /^TASKIFY_TIMED_OUT after \d+ ms: task spinForever \(.*failures-child\.js:\d+.*\) timed out after 5 s/);
  assert.ok(ms >= 4900 && ms < 7000, `failed after ${ms} ms`);
  assert.match(after, /^value 3 after/, 'a new worker took over');
  assert.is(run.code, 0, run.stderr);
});

test('cancel(): a running task stops at once; its dependent fails naming it; later tasks run', async () => {
  // One thread, one task at a time: the later task can only run if the cancelled one's thread was really stopped.
  const run = await runFixture('failures-child.js', 'cancel', { TASKIFY_WORKERS: '1', TASKIFY_TASKS_PER_WORKER: '1' });
  const [cancelled, dependent, later] = run.stdout.trim().split('\n');
  assert.match(cancelled, /^TASKIFY_CANCELLED after \d+ ms: task sleepThenAdd .* was cancelled by the program/);
  assert.ok(Number(/after (\d+) ms/.exec(cancelled)?.[1]) < 3000, cancelled);
  assert.match(dependent, /^TASKIFY_DEPENDENCY_FAILED .*task add .* which task sleepThenAdd .* was to produce/);
  assert.match(later, /^value 5 after \d+ ms/);
  assert.ok(Number(/after (\d+) ms/.exec(later)?.[1]) < 3000, `the thread was replaced at once: ${later}`);
});

test("onFailure 'fail': one failure stops the run; a running task is stopped at once and later calls fail", async () => {
  const run = await runFixture('failures-child.js', 'stop-run');
  const [long, failed, later] = run.stdout.trim().split('\n');
  assert.match(long, /^TASKIFY_RUN_STOPPED after \d+ ms: task sleepThenAdd .* was stopped: task failWith .* failed \(ValidationError: bad input\)/);
  assert.ok(Number(/after (\d+) ms/.exec(long)?.[1]) < 3000, long);
  assert.match(failed, /^ValidationError after \d+ ms: bad input/);
  assert.match(later, /^TASKIFY_RUN_STOPPED/);
});

test('retry and ignore by hand, in workers and inline (TASKIFY_WORKERS=0), give the same answers', async () => {
  for (const workers of ['2', '0']) {
    const run = await runFixture('failures-child.js', 'policies', { TASKIFY_WORKERS: workers });
    const [three, four, ignored] = run.stdout.trim().split('\n');
    assert.match(three, /^value 3 after/, `workers=${workers}: succeeds on its third run`);
    assert.match(four, /^Error after \d+ ms: run 3 of 4 failed/, `workers=${workers}: two retries, then the failure`);
    assert.match(ignored, /^value undefined after/, `workers=${workers}`);
    assert.match(run.stderr, /onFailure 'ignore'\) let the run go on:\nValidationError: let go/, `workers=${workers}: ${run.stderr}`);
    assert.is(run.code, 0);
  }
});

test('TASKIFY_STALL_REPORT: a wait with no progress says once what runs, for how long and where it was called', async () => {
  const run = await runFixture('failures-child.js', 'stall', { TASKIFY_STALL_REPORT: '1' });
  assert.match(run.stdout, /^value 2 after/);
  const reports = run.stderr.match(/no task has finished for 1 s while the program waits/g) ?? [];
  assert.is(reports.length, 1, run.stderr);
  assert.match(run.stderr, /running for [\d.]+ s on thread \d+: task sleepThenAdd \(.*failures-child\.js:\d+/);
});

test("an async task's Promise kept and never handled: its rejection ends the program with exit 1, as the plain program's does", () => {
  const run = (withPlugin: boolean) => spawnSync(process.execPath, [join(buildProgram('unhandled-async', withPlugin, 'commonjs'), 'main.js')],
    { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  const plain = run(false);
  const taskified = run(true);
  assert.is(plain.status, 1, plain.stderr);
  assert.is(taskified.status, plain.status, taskified.stderr);
  assert.is(taskified.stdout, plain.stdout);
  assert.match(taskified.stderr, /Error: load 2 failed/);
});

test('task options are checked where the task is defined', () => {
  throwsMatching(() => defineTask(tasksModule, 'add', ['in', 'in'], { timeout: -1 }), /task add: timeout must be a positive number of seconds, got -1/);
  throwsMatching(() => defineTask(tasksModule, 'add', ['in', 'in'], { onFailure: 'retry-later' as never }), /onFailure must be one of "retry", "fail"/);
  throwsMatching(() => defineTask(tasksModule, 'add', ['in', 'in'], { onFailure: 'ignore', retries: 2 }), /retries must be .* given with onFailure 'retry'/);
  const ignoring = defineTask(tasksModule, 'fill', ['out', 'in'], { onFailure: 'ignore', timeout: 2 });
  assert.equal(ignoring.def.directions, ['inout', 'in'], "an ignored failure leaves the object as it was, so an 'out' travels in too");
  assert.is(ignoring.def.timeoutMs, 2000);
});

test.run();
