/** Whatever way a program ends, its run directory is removed and its statistics are written. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFixture, type ChildRun } from './helpers';

interface Run extends ChildRun { runDir?: string }

async function runChild(mode: string, env: Record<string, string> = {}, onReady?: (child: ChildProcess) => void): Promise<Run> {
  const run = await runFixture('lifecycle-child.js', mode, env, onReady);
  return { ...run, runDir: /RUNDIR (\S+)/.exec(run.stdout)?.[1] };
}

const roots: string[] = [];
const store = () => { const root = mkdtempSync(join(tmpdir(), 'taskify-store-')); roots.push(root); return root; };
test.after(() => { for (const root of roots) rmSync(root, { recursive: true, force: true }); });

test('normal exit: pending work finishes, the run directory is removed, statistics are written', async () => {
  const root = store();
  const statsFile = join(root, 'stats.json');
  const run = await runChild('normal', { TASKIFY_STORE: root, TASKIFY_STATS: statsFile });
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stdout, /RESULT 3/);
  assert.ok(run.runDir?.startsWith(root));
  assert.not.ok(existsSync(run.runDir!), 'run directory removed');
  const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  assert.equal(stats.tasks, { submitted: 2, inWorkers: 2, inline: 0, failed: 0, cancelled: 0, retried: 0, mostPending: 2 });
  assert.ok(stats.bytes.written >= 8000 && stats.bytes.read >= 8000, JSON.stringify(stats.bytes));
  assert.type(stats.phasesMs.workerRun, 'number');
});

test('a call the program cancels is counted as cancelled, not failed (np44\'s F6)', async () => {
  const root = store();
  const statsFile = join(root, 'stats.json');
  const run = await runChild('cancelled', { TASKIFY_STORE: root, TASKIFY_STATS: statsFile });
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stdout, /RESULT 3/);
  const { tasks } = JSON.parse(readFileSync(statsFile, 'utf8'));
  assert.equal([tasks.submitted, tasks.failed, tasks.cancelled], [3, 0, 1], JSON.stringify(tasks));
});

test('a blocking wait in a synchronous program, then exit', async () => {
  const root = store();
  const run = await runChild('blocking', { TASKIFY_STORE: root });
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stdout, /RESULT 3/);
  assert.not.ok(existsSync(run.runDir!));
});

test('an uncaught error: the program fails as it would, and the run directory is removed', async () => {
  const root = store();
  const run = await runChild('throw', { TASKIFY_STORE: root });
  assert.is(run.code, 1);
  assert.match(run.stderr, /the program failed/);
  assert.not.ok(existsSync(run.runDir!));
});

/** Until `done` holds: the watcher is a process of its own, whose turn comes seconds later on a loaded machine (a load of 12 on two cores). */
async function eventually(done: () => boolean): Promise<void> {
  for (const end = Date.now() + 30_000; !done() && Date.now() < end;) await new Promise((resolve) => setTimeout(resolve, 20));
}

test('SIGINT while a task runs: the process dies of the signal, saying nothing the plain program would not, and its watcher removes the run directory', async () => {
  const root = store();
  const run = await runChild('sigint', { TASKIFY_STORE: root }, (child) => child.kill('SIGINT'));
  assert.is(run.signal, 'SIGINT');
  assert.not.match(run.stderr, /taskify/);
  await eventually(() => !existsSync(run.runDir!));
  assert.not.ok(existsSync(run.runDir!), 'removed by the watcher');
});

test('SIGTERM while the program\'s own code runs on the main thread kills it at once, as the plain program (np71\'s min-signal-deferred went on for 18 s, printing)', async () => {
  const root = store();
  const started = Date.now();
  const run = await runChild('busy', { TASKIFY_STORE: root }, (child) => child.kill('SIGTERM'));
  assert.is(run.signal, 'SIGTERM');
  assert.not.match(run.stdout, /AFTER/, 'the program did not go on');
  assert.ok(Date.now() - started < 25_000, 'it did not wait for the 30 s computation');
  await eventually(() => !existsSync(run.runDir!));
  assert.not.ok(existsSync(run.runDir!), 'removed by the watcher');
});

test('SIGINT during a blocking wait kills the program at once; its watcher removes what it left', async () => {
  const root = store();
  const started = Date.now();
  const run = await runChild('sigint-blocking', { TASKIFY_STORE: root }, (child) => setTimeout(() => child.kill('SIGINT'), 100));
  assert.is(run.signal, 'SIGINT');
  assert.ok(Date.now() - started < 20_000, 'it did not wait for the 60 s task');
  assert.not.match(run.stderr, /had not finished/, 'no handler could run during the wait');
  // The watcher is a process of its own: on a loaded machine (a load of 12 on two cores) its turn comes seconds later.
  for (const end = Date.now() + 30_000; existsSync(run.runDir!) && Date.now() < end;) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.not.ok(existsSync(run.runDir!), 'removed by the watcher');
});

test('a failure nothing waited for ends the program with that error, as the plain call did (exit code 1)', async () => {
  const root = store();
  const run = await runChild('unobserved', { TASKIFY_STORE: root });
  assert.is(run.code, 1);
  assert.match(run.stderr, /^(Validation)?Error: nobody waits for this$/m);
  assert.match(run.stderr, /at task failWith .*\[taskify\]/, 'the task\'s call is in the stack');
  assert.not.ok(existsSync(run.runDir!));
});

test('a failure nothing waited for, then process.exit: printed as Node prints an uncaught error, exit code 1', async () => {
  const root = store();
  const run = await runChild('unobserved-exit', { TASKIFY_STORE: root });
  assert.is(run.code, 1);
  assert.match(run.stderr, /^(Validation)?Error: nobody waits for this either\n {4}at /m);
  assert.match(run.stderr, new RegExp(`\\n\\nNode\\.js ${process.version.replace(/\./g, '\\.')}\\n$`));
  assert.not.match(run.stderr, /^taskify:/m, 'no line of its own: the plain program printed only the error');
  assert.not.ok(existsSync(run.runDir!));
});

test('process.exit with a task pending: the task finishes first (the plain call had returned), then the run is cleaned up', async () => {
  const root = store();
  const run = await runChild('exit-pending', { TASKIFY_STORE: root });
  assert.is(run.code, 0);
  assert.match(run.stdout, /TASK DONE\nMAIN AFTER\n$/);
  assert.not.match(run.stderr, /had not finished/);
  assert.not.ok(existsSync(run.runDir!));
});

test('run directories left by a killed run are removed by the next run', async () => {
  const root = store();
  const dead = join(root, 'taskify-run-999999999-abcdef'); // a run before leases, or killed before it made one
  mkdirSync(join(dead), { recursive: true });
  const past = (Date.now() - 60_000) / 1000;
  utimesSync(dead, past, past); // no lease, and too old to be a run just starting
  const run = await runChild('blocking', { TASKIFY_STORE: root });
  assert.is(run.code, 0, run.stderr);
  assert.not.ok(existsSync(dead));
  assert.equal(readdirSync(root), []);
});

test('TASKIFY_WORKERS=0 runs tasks inline, sequentially, with the same results', async () => {
  const root = store();
  const statsFile = join(root, 'stats.json');
  const run = await runChild('blocking', { TASKIFY_STORE: root, TASKIFY_WORKERS: '0', TASKIFY_STATS: statsFile });
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stdout, /RESULT 3/);
  const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  assert.is(stats.tasks.inline, 1);
  assert.is(stats.tasks.inWorkers, 0);
});

test.run();
