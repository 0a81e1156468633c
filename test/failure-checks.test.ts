/**
 * A failing task call stops what the plain program would not have done after it (issue 15, tester #16's G1 and G11):
 * a statement after a submission whose effect outlives the failure checks the tasks before it first
 * (rewrite/failure-checks.ts); a loop that only submits and keeps its own values keeps its calls in parallel.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { buildProgram, printsAsPlain } from './program-build';

test('counters, loop indexes, pushes and files after a failing call in a try, and files a task reads changed right after the call: as plain', () => {
  const tasks = printsAsPlain('failure-checks');
  // norm 2, parse 3 + 1, forEach's norm 3, crawl's verify 3, replaceBackup 1, lineCount 2, scale 6, load 1.
  assert.is(tasks.inWorkers, 22 - 2, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  const body = (fn: string) => emitted.slice(emitted.indexOf(`function ${fn}(`), emitted.indexOf('\n}\n', emitted.indexOf(`function ${fn}(`)));
  assert.match(body('firstBad'), /for \(; i < xs\.length; \(__taskify\.checkpoint\(__taskify_try\d+\), i\+\+\)\)/, 'the incrementor checks first');
  assert.match(emitted, /__taskify\.checkpoint\(__taskify_top\);\n\(0, node_fs_1\.unlinkSync\)\(p\);/, 'the unlink waits for the reader');
  assert.is(body('keepsParallel').match(/checkpoint\(/g)?.length, 1, 'a loop of submissions only checks once, when its try block ends');
  assert.not.match(emitted, /checkpoint\(__taskify_top\);\n\(0, node_fs_1\.writeFileSync\)\(dir \+ '-after-load'/,
    'after an async call the top level does not check: its promise meets its failure');
});

test('a try block waiting for a task submitted before it does not catch its failure: the try statement checks first (tester #23\'s r44)', () => {
  const tasks = printsAsPlain('caught-elsewhere');
  assert.is(tasks.inWorkers, 13, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /__taskify\.checkpoint\(__taskify_try\d+\);\s*try \{\s*console\.log\('value'/);
  assert.match(emitted, /__taskify\.settle\(\(\) => \[v\]\);\s*try \{\s*return 'value ' \+ __taskify\.waitOn\(v\)/, 'a Future another function made is settled before the try');
});

test('a failure of a call at the top level ends the program, though a function reads its result in a try (tester #23\'s y20)', () => {
  const run = (dir: string) => spawnSync(process.execPath, [join(dir, 'main.js')], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, FORCE_COLOR: '0' } });
  const plain = run(buildProgram('captured-failure', false, 'commonjs'));
  const dir = buildProgram('captured-failure', true, 'commonjs');
  const taskified = run(dir);
  assert.is(plain.status, 1);
  assert.is(taskified.stdout, plain.stdout);
  assert.is(taskified.status, plain.status);
  assert.match(taskified.stderr, /RangeError: n=3/);
  assert.match(readFileSync(join(dir, 'main.js'), 'utf8'), /__taskify\.settle\(\(\) => \[fine, v\]\);/);
});

test('an async main whose failure ends the program checks only before changes of the world and where it resumes: its loop of method calls runs in parallel', () => {
  const tasks = printsAsPlain('async-main');
  assert.is(tasks.inWorkers, 8, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  // (main runs as a chain of its own: `function main() { return __taskify.inChain(async () => { … }) }`.)
  const main = emitted.slice(emitted.indexOf('function main('), emitted.indexOf('\n}\n', emitted.indexOf('function main(')));
  assert.match(main, /^function main\(\) \{\s*return __taskify\.inChain\(async \(\) => \{/);
  assert.match(main, /for \(const signal of signals\)\s*signal\.blur\(5\);/, 'the blur loop does not check between its calls');
  assert.match(main, /__taskify\.checkpoint\(__taskify_runner\d+\);\s*\(0, node_fs_1\.writeFileSync\)/, 'the file waits for the tasks before it');
  assert.match(main, /__taskify\.checkpoint\(__taskify_runner\d+\);\s*__taskify\.resumed\(await __taskify\.inTurn\(pause\(1\)\)/, 'where it resumes, it checks');
  assert.is(main.match(/checkpoint\(/g)?.length, 4, 'before the await, before writing and removing the file, and when main ends');
  assert.match(emitted, /blur\(rounds\) \{ __taskify\.submit\([^)]*\)[^}]*; this\.version\+\+; \}/, 'blur does not check before its counter');

  // One signal fails: the plain main rejects at its blur, before printing; so does the taskified one.
  const [plain, taskified] = withLoudSignal('async-main', tasks.dir);
  assert.is(plain.status, 1);
  assert.is(plain.stderr, 'failed: signal too loud: 0.880\n');
  assert.is(taskified.stdout, plain.stdout);
  assert.is(taskified.stderr, plain.stderr);
  assert.is(taskified.status, plain.status);
});

test('an async main beside a top-level timer still checks before changing module state: the timer sees it after the failure', () => {
  const tasks = printsAsPlain('async-main-timer');
  assert.is(tasks.inWorkers, 4);
  const [plain, taskified] = withLoudSignal('async-main-timer', tasks.dir);
  assert.is(plain.stdout, 'state 1\n');
  assert.is(taskified.stdout, plain.stdout);
  assert.is(taskified.stderr, plain.stderr);
  assert.is(taskified.status, plain.status);
});

test('a caught async function: contained calls on its own objects do not check, the await does, and a failure met meanwhile is thrown there', () => {
  const tasks = printsAsPlain('async-caught');
  assert.is(tasks.inWorkers, 8);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /for \(const signal of signals\)\s*signal\.blur\(5\);/, 'blur changes only its signal: no check between the calls');
  const [plain, taskified] = withLoudSignal('async-caught', tasks.dir);
  assert.is(plain.stderr, 'failed: signal too loud: 0.880\n');
  assert.is(taskified.stdout, plain.stdout);
  assert.is(taskified.stderr, plain.stderr);
  assert.is(taskified.status, plain.status);
});

/** The plain and taskified builds of an async fixture run with one signal too loud: its smooth task throws. */
test('async jobs with one await, gathered by Promise.all, allSettled or any (or awaited), wait for their own calls where they resume, not at a checkpoint: their calls run side by side, failures met as plain; a job raced, resuming twice, or whose catch or finally does more than hand back a value keeps its checkpoint; awaiting a pause; an async method; a kept job\'s failure is caught by a try begun after its call (np64\'s min-await-checkpoint, np65\'s min-finally-await, min-await-sleep, min-async-method, np66\'s min-catch-order, min-method-second-await, rv70\'s p5c)', () => {
  const tasks = printsAsPlain('awaited-jobs');
  assert.is(tasks.inWorkers, 57, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.failed, 17, 'work(6), twice(4), fill(3), raced(9), handled(2), nested(1), nested(3), before(3), sleeper(23), job(40), job(43), job(44), kept(50), kept(53), napper(62), quiet(64) and handle(33) failed');
  // (Before, each job's await was a checkpoint: the jobs' calls ran one at a time, mostPending 1.)
  assert.ok(tasks.mostPending >= 3, `the jobs' calls were pending together (${tasks.mostPending} at most)`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  const body = (fn: string) => emitted.slice(emitted.indexOf(fn), emitted.indexOf('\n}', emitted.indexOf(fn)));
  assert.match(body('function job('), /const a = __taskify\.submit\([^;]*;\s*await __taskify\.checkedAwait\(__taskify_runner\d+, null\);/);
  assert.match(body('function napper('), /await __taskify\.checkedAwait\(__taskify_runner\d+, sleep\(2\)\);/, 'a pause is no lasting change');
  assert.match(body('function quiet('), /await __taskify\.checkedAwait\(__taskify_try\d+, null, true\)/, 'a catch that hands back a value: caught');
  assert.match(body('handle(id) {'), /await __taskify\.checkedAwait\(__taskify_runner\d+, null\);/, 'a method whose calls are all in sight');
  for (const kept of ['function raced(', 'const twice =', 'function step(', 'function handled(', 'function nested(', 'function before(', 'function sleeper(']) {
    assert.not.match(body(kept), /checkedAwait/, `${kept} keeps its checkpoints`);
  }
  assert.match(body('function before('), /if \(__taskify\.finallySince\(__taskify_try\d+\)\)/, 'the failure of the call before the try passes its finally');
});

function withLoudSignal(name: string, taskifiedDir: string): SpawnSyncReturns<string>[] {
  const run = (dir: string) => spawnSync(process.execPath, [join(dir, 'main.js')], { encoding: 'utf8', timeout: 60_000,
    env: { ...process.env, FORCE_COLOR: '0', SIGNAL_SEEDS: '3,9,5' } });
  return [run(buildProgram(name, false, 'commonjs')), run(taskifiedDir)];
}

test.run();
