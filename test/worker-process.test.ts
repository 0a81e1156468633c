/**
 * A task's code sees the program's process as the plain call on the main thread did (worker/program-process.ts):
 * process.argv, require.main, process.env set before the call, and a process.exitCode it sets reaches the program;
 * console.count counts on the program's counters, and process.emitWarning warns as the program; module constants
 * computed from the process at load are the program's (api/load-time.ts).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { printsAsPlain } from './program-build';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

test('argv, require.main and env read in a task are the program\'s; an exitCode a task sets is the program\'s after the call; a task setting env runs in place', () => {
  const tasks = printsAsPlain('program-process');
  // Before: argv [node, worker.js], require.main piscina's worker.js, and process.exitCode stayed the thread's own.
  // exportSetting sets process.env: it runs in place (tester #14's F12: the program read the variable before the
  // worker set it).
  // localHour's dates follow the time zone the program set (tester #14's F22: a worker kept the zone it started with).
  // recurse(30000) overflows the program's stack, and now a worker's (4 MB by default, it went five times deeper).
  assert.is(tasks.inWorkers, 10, 'every call but exportSetting\'s ran in a worker');
  assert.is(tasks.submitted, 10);
});

test('console.count in tasks goes on from the program\'s counts, in program order; process.emitWarning in a task is the program\'s warning', () => {
  const tasks = printsAsPlain('console-counts');
  // Before: each pool thread counted from 1 on its own, main's counts ran ahead of held task lines, and a task's
  // warning was lost (printed by its thread after the program had ended).
  assert.is(tasks.inWorkers, 5, 'every call ran in a worker');
});

test('tasks that leave a timer, a next tick or an exit listener behind run in place; one whose promise waits for its timer runs in a worker', () => {
  const tasks = printsAsPlain('left-behind');
  // Before: the timer's line and the exit handler's never printed, and the tick came after main's lines.
  assert.is(tasks.inWorkers, 2, 'sleepy\'s two calls');
});

test('module constants computed from the process at load (env, argv, the clock, chance, random bytes as a Buffer and a typed array; chance drawn by a helper, an array method\'s callback or a `let` a helper hands back; the thread) are the program\'s in every worker', () => {
  const tasks = printsAsPlain('load-time');
  // Before: a worker loaded the modules after main had set the variables, and took its own clock and random number
  // (tester #14's F18, F19: r102, r103); drew its own through the module's helpers (np43's F1).
  assert.is(tasks.inWorkers, 11, 'every call ran in a worker');
});

test('a module a task\'s module imports runs its start-up (a file written at load) in the program\'s thread only, and constants computed at load from the file system (a folder made too), a counter or settings of another module are the program\'s in every worker (np43\'s F2, F3, F5, F9)', () => {
  const tasks = printsAsPlain('helper-load-effects');
  // Before: every worker wrote the settings file again (`file now` printed the start-up's), read the rewritten one, and
  // counted `lib#1` for the program's `lib#2`, derived 2m from the settings the program's boot module changed, and
  // rendered into a folder of its own (F9).
  assert.is(tasks.inWorkers, 7, 'every call ran in a worker');
});

test('polyfills and mixins set up by modules the tasks\' module imports (defineProperty on Array.prototype, an assignment to String.prototype, Object.assign on another module\'s class prototype) run in workers too, and the tasks use them (np43\'s F4, F13)', () => {
  const tasks = printsAsPlain('polyfills-in-workers');
  // Before: refused at compile time (the assignment form), or kept out of workers with the entry code.
  assert.is(tasks.inWorkers, 2, 'summary and the first grandTotal ran in workers');
});

test('a module object read only by methods the language calls by itself on a class a task instantiates (valueOf, toJSON, Symbol.toPrimitive, Symbol.iterator, [inspect.custom] by console.log) travels with the calls (np44\'s F12: the workers used the defaults)', () => {
  const tasks = printsAsPlain('implicit-config-reads');
  assert.is(tasks.inWorkers, 5, 'every call ran in a worker');
});

test('a task reads the env, time zone and working directory the program set before its call, though the program changes them right after (also from a helper in another file)', () => {
  const tasks = printsAsPlain('process-changes');
  assert.is(tasks.inWorkers, 10, 'every call ran in a worker');
  const emitted = readFileSync(join(tasks.dir, 'setup.js'), 'utf8');
  assert.match(emitted, /__taskify\.beforeProcessChange\(\);\s*process\.env\.TASKIFY_FIXTURE_MODE = region;/, 'the helper waits for the tasks submitted before it');
  const main = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(main, /if \(__taskify\.waitOn\(inA\)\.length > 0\) \{\s*__taskify\.beforeProcessChange\(\);\s*process\.chdir/, 'a lone statement gets a block');
});

test.run();
