/**
 * Async programs whose plain build's output depends on when a task's call settles: awaited results among timers and
 * microtasks, an async task reading its argument after an `await`, an async task that writes and then rejects, a
 * dropped async call whose rejection ends the program. Each byte-compared with the plain build, in workers and inline.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram, endsAsPlain, printsAsPlain, runProgram } from './program-build';

test('awaited task results come before the timers and immediates made before the await, as the plain calls did', () => {
  const tasks = printsAsPlain('awaited-order');
  // sumLater reads its argument after an `await`: its calls stay direct (in laterReads and sharedLocal), except
  // where it is awaited at once on a local nothing else names (ownLocal's two); 14 calls in all run in workers.
  assert.is(tasks.inWorkers, 14, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.submitted, 14, 'the two other sumLater calls are no submissions');
});

test('awaits of tasks resume in the order they were reached, as the plain awaits did, while the tasks run side by side', () => {
  // Before, a worker awaiting a short task printed its end before the first worker's long one (np22's r02).
  const tasks = printsAsPlain('awaited-interleave');
  assert.is(tasks.inWorkers, 10, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.failed, 1);
});

test('awaits of plain values (`await null`, `await i`, a cached value, a settled promise) and promise callbacks resume behind awaits of synchronous task calls reached before them and still running, as the plain awaits did (not behind an async task\'s) (np63\'s min-await-order read a value another function set after its own await); a settled promise\'s callback given before a task\'s await is reached runs first', () => {
  const tasks = printsAsPlain('awaits-in-turn');
  assert.is(tasks.inWorkers, 12, `${tasks.inWorkers} tasks ran in workers`);
  // (The two workers' calls still run side by side.)
  assert.ok(tasks.mostPending >= 2, `(b)'s two calls were pending together (${tasks.mostPending} at most)`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /x = 1; await __taskify\.inTurn\(null\); x = 2;/, 'an await of a value waits its turn');
  assert.match(emitted, /Promise\.resolve\(\)\.then\(__taskify\.inTurnCallback\(/, 'so does a promise\'s callback');
});

test('an async task that writes its argument and then rejects: later calls read what it wrote, and are not cancelled', () => {
  const tasks = printsAsPlain('rejected-writes');
  assert.is(tasks.failed, 2, 'the two rejected calls, and nothing cancelled after them');
  assert.ok(tasks.inWorkers >= 7, `${tasks.inWorkers} tasks ran in workers`);
});

test('async tasks that sleep settle at their own time (Promise.race, Promise.any), those that await nothing outside in call order', () => {
  const tasks = printsAsPlain('timed-async');
  assert.is(tasks.inWorkers, 10, `${tasks.inWorkers} tasks ran in workers`);
});

test('a failing task in `async` arrows handed to Promise.any/all/allSettled/race is that arrow\'s rejection, in workers and inline', () => {
  const tasks = printsAsPlain('async-callbacks');
  // any 2, all 2, allSettled 5, race 2, filter 3; risky 3, 3, 3, 6 and 9 fail (tester #14's F8: `main failed` before).
  // Then safe 2 and inline 2, each catching one failure after its await (np21's r26: exit 1 before).
  assert.is(tasks.inWorkers, 18, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.failed, 7);
});

test('`await task()` of a finished task resumes a microtask later, before a `.catch` on an earlier call (inline: always finished)', () => {
  const plain = runProgram(buildProgram('awaited-hops', false, 'commonjs'));
  assert.is(plain, 'sum 12\nawaited 12\ncaught rejected 1\n');
  assert.is(runProgram(buildProgram('awaited-hops', true, 'commonjs'), { TASKIFY_WORKERS: '0' }), plain);
});

test("an async task's call whose Promise is dropped: its rejection ends the program before its next timer, as in plain code", () => {
  const run = (withPlugin: boolean, env: Record<string, string> = {}) => spawnSync(process.execPath,
    [join(buildProgram('unhandled-statement', withPlugin, 'commonjs'), 'main.js')], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', ...env } });
  const plain = run(false);
  assert.is(plain.status, 1, plain.stderr);
  assert.is(plain.stdout, 'after the call\n');
  for (const taskified of [run(true), run(true, { TASKIFY_WORKERS: '0' })]) {
    assert.is(taskified.status, 1, taskified.stderr);
    assert.is(taskified.stdout, plain.stdout);
    assert.match(taskified.stderr, /Error: boom 5/);
  }
});

test('an async function that awaits others through `await Promise.all([...])` or `allSettled(xs.map(async …))`, then calls a failing task, rejects its promise: the caller\'s catch handler gets it (tester #28\'s P2)', () => {
  const tasks = printsAsPlain('async-awaited-together');
  assert.ok(tasks.inWorkers >= 6, `${tasks.inWorkers} tasks ran in workers`);
});

test('async functions running side by side each catch their own calls\' failures, and a failure one meets takes back only its own later calls (tester #28\'s P1); a caught failure among the first awaits resumes before them', () => {
  const tasks = printsAsPlain('async-interleaved-failures');
  // worker 9, one await each 5, writer 13 (three calls a step, but the try block checks before its last `bump` of `a`,
  // which its catch reads: not made after a failing step), pool 7, D 1, the arrow 1: 36 calls; 10 of them fail (7,
  // 14, 21; 7 and 14; bumpOrFail by 7 and 14; pool's 7 and 14; 35).
  assert.is(tasks.submitted, 36, `${tasks.submitted} calls submitted`);
  assert.is(tasks.inWorkers, 36, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.failed, 10);
});

test('an async task reading its parameter after an `await`, given objects made at the call, runs as a task; given a shared one, stays direct (tester #29\'s F6)', () => {
  const tasks = printsAsPlain('async-fresh-arguments');
  assert.is(tasks.submitted, 5, `${tasks.submitted} calls submitted: three mapped, total([7, 8, 9]), stretch({ … })`);
  assert.is(tasks.inWorkers, 5);
});

test('an async task\'s lines after its own await of a file or a timer come where the plain program was then, not at the call; the check before the program\'s await does not wait for it (tester np36\'s asyncread, asynctask)', () => {
  const tasks = printsAsPlain('async-task-output');
  assert.is(tasks.inWorkers, 5, `${tasks.inWorkers} tasks ran in workers`);
});

test('async tasks that sleep settle when their timers would have fired in the plain program, not in the order their workers end, among the program\'s own timers (np38\'s asyncorder-min, equaldelay-min)', () => {
  // Before, an await held every later one until it resumed: a 5 ms call made at 20 ms came after a 70 ms call made at 0.
  const tasks = printsAsPlain('sleep-order');
  assert.is(tasks.inWorkers, 25, `${tasks.inWorkers} tasks ran in workers`);
});

test('a call\'s Promise nobody handles rejects at its plain time, ending the program before a later await resumes, also when both calls end in one tick (np40\'s F3: the await\'s line printed first)', () => {
  const tasks = endsAsPlain('unhandled-async-failure');
  assert.is(tasks.inWorkers, 2, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.failed, 1);
});

test('what async tasks print after their timers comes in the timers\' order, right before each Promise settles, not in the order the workers finish (np44\'s F7)', () => {
  const tasks = printsAsPlain('async-later-output');
  assert.is(tasks.inWorkers, 3, 'every call ran in a worker');
});

test('an argument or result with a `then` method is a value, not a promise: the task awaiting its argument runs that `then` on the caller\'s object, and a synchronous task returns the awaitable itself (np44\'s p125: the worker ran `then` while loading the argument)', () => {
  const tasks = printsAsPlain('thenable-arguments');
  assert.is(tasks.inWorkers, 8, 'every call ran in a worker');
});

test('a generator made before a task call starts at its first `next()`: its body reads the task\'s writes to its parameters and the names it captures, and its own writes are not undone by the copy-back (np52\'s F1); spread, `Array.from`, a helper\'s `for…of`, a method, an async generator under `for await`, a method that never yields, `arguments`, an optional parameter (rv64)', () => {
  const tasks = printsAsPlain('generator-starts');
  // The call inside the async function stays direct: `team` is iterated by `scores()` in a function that may run meanwhile.
  assert.is(tasks.inWorkers, 11, `${tasks.inWorkers} of 12 calls ran in workers`);
});

test('jobs polling with a task and a pause in a loop, side by side, end: their overdue pauses fire in plain order, none put back behind the others for ever (np66\'s min-sleep-hang hung in most runs)', () => {
  // (Three runs: the hang came from the timers' order, which the tasks' times decide.)
  for (let run = 0; run < 3; run++) {
    const tasks = printsAsPlain('polling-jobs');
    assert.is(tasks.inWorkers, 12, `${tasks.inWorkers} tasks ran in workers`);
  }
});

test('a map of task calls handed to Promise.all, allSettled, race or any (or in parentheses) submits every call before waiting, whatever the arguments (np67\'s min-map-arg-call: `Promise.all(keys.map((k) => total(get(k))))` ran one call at a time); an async callback\'s task is waited for at its call, its promise settled there as in plain code (a concurrent ticker printed its steps in another order); arguments running code of the program that writes are evaluated at each element\'s turn (rv71)', () => {
  const tasks = printsAsPlain('mapped-into-combinators');
  // (a) 16 and 4 through a reading arrow, (b) 2 (in a try: each call waits, 'b' never made), (c) 3 and 2, (d) 2 (a
  // counting lookup: each call waits, 'b' never made); 'e' fails four times.
  assert.is(tasks.inWorkers, 29, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.failed, 4);
  assert.is(tasks.mostPending, 4, 'the four calls of a map are pending together');
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /Promise\.allSettled\(__taskify\.checked\(__taskify_runner\d+, __taskify\.waitAll\(\[\.\.\.groups\.keys\(\)\]\.map\(\(k\) => __taskify\.submit\(/);
  assert.match(emitted, /\['a', 'e', 'c'\]\.map\(\(k\) => __taskify\.inChain\(async \(\) => __taskify\.waitOn\(__taskify\.submit\(/, 'an async callback waits at its call');
  assert.match(emitted, /Promise\.all\(__taskify\.checked\(__taskify_runner\d+, __taskify\.waitAll\(\['a', 'b', 'c', 'd'\]\.map\(\(k\) => __taskify\.submit\(/, 'a reading arrow\'s call is an argument that reads');
  assert.match(emitted, /\['a', 'e', 'b'\]\.map\(\(k\) => __taskify\.waitOn\(__taskify\.submit\(__taskify_total_\d+, \[__taskify\.freshArgument\(get\(k\)\)/, 'a counting lookup: each call waits');
});

test.run();
