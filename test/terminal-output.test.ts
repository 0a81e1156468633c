/**
 * Tasks that print (test/programs/printing: console.log/error, process.stdout.write, an async task, a failing one,
 * main printing between the calls) give exactly the plain build's output: piped, stdout and stderr on one pipe and
 * each on its own; and on a pseudo-terminal with the progress line on, where removing the status line's drawings
 * leaves the plain build's bytes and no line on screen holds both.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram, programsWork } from './program-build';
import { onTerminal, screenLines, STATUS } from './terminal';

const plain = join(buildProgram('printing', false, 'commonjs'), 'main.js');
const taskified = join(buildProgram('printing', true, 'commonjs'), 'main.js');
const quietEnv = { FORCE_COLOR: '0', TASKIFY_PROGRESS: '0', TASKIFY_SUMMARY: '0' };

/** stdout and stderr into one pipe, as `2>&1` does: their interleaving is part of the output. */
function merged(main: string, env: Record<string, string>): string {
  const run = spawnSync('sh', ['-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(main)} 2>&1`],
    { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  assert.is(run.status, 0, run.stdout);
  return run.stdout;
}

test('piped: every task line where the plain program prints it, on stdout and stderr; the tasks ran in workers', () => {
  const statsFile = join(programsWork, 'printing-stats.json');
  const expected = merged(plain, quietEnv);
  assert.match(expected, 'a line 1\na line 2\na warns on stderr\n', 'the fixture prints');
  assert.fixture(merged(taskified, { ...quietEnv, TASKIFY_STATS: statsFile }), expected);
  const { tasks } = JSON.parse(readFileSync(statsFile, 'utf8'));
  assert.ok(tasks.inWorkers >= 12, `${tasks.inWorkers} tasks ran in workers`);
  for (const workers of ['1', '3']) assert.fixture(merged(taskified, { ...quietEnv, TASKIFY_WORKERS: workers }), expected, `${workers} workers`);
  assert.fixture(merged(taskified, { ...quietEnv, TASKIFY_WORKERS: '0' }), expected, 'inline');
});

test('piped: stdout and stderr apart, each in the plain order', () => {
  const run = (main: string) => spawnSync(process.execPath, [main], { env: { ...process.env, ...quietEnv }, encoding: 'utf8', timeout: 60_000 });
  const want = run(plain);
  const got = run(taskified);
  assert.fixture(got.stdout, want.stdout);
  assert.fixture(got.stderr, want.stderr);
});

/** Runs a script; each line of its stdout with when it arrived (ms after the first line). */
function linesWithTimes(script: string): Promise<{ line: string; at: number }[]> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, ...quietEnv } });
    const lines: { line: string; at: number }[] = [];
    let first: number | undefined;
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (data: string) => {
      first ??= Date.now();
      buffered += data;
      for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
        lines.push({ line: buffered.slice(0, end), at: Date.now() - first });
        buffered = buffered.slice(end + 1);
      }
    });
    child.on('close', () => resolve(lines));
  });
}

test('main\'s line after a call waits for the task, as the plain program\'s waits for its call (it may still fail there)', async () => {
  const script = `
    const { task } = require(${JSON.stringify(join(__dirname, '..', 'runtime', 'index.js'))});
    const slow = task(${JSON.stringify(join(__dirname, 'fixtures', 'tasks.js'))}, 'sleepThenAdd', ['in', 'in', 'in']);
    const f = slow(1500, 1, 2);
    console.log('after the call');
    console.log('value', f.wait());`;
  const lines = await linesWithTimes(script);
  assert.equal(lines.map((l) => l.line), ['after the call', 'value 3']);
  assert.ok(lines[1].at < 500, `held until the task ended, then printed with the value (${lines[1].at} ms apart)`);
});

test('terminal with the progress line: the plain bytes once its drawings are removed; it never shares a line, never says more running than workers', () => {
  const env = { PRINTING_MS: '300', TASKIFY_PROGRESS: '1', TASKIFY_SUMMARY: '0', TASKIFY_WORKERS: '2' };
  const expected = onTerminal(plain, env);
  const screen = onTerminal(taskified, env);
  const drawn = [...screen.matchAll(STATUS)].map((m) => m[1]).filter((text): text is string => text !== undefined);
  assert.ok(drawn.length >= 2, `the progress line was drawn while tasks ran: ${JSON.stringify(drawn)}`);
  assert.match(drawn.at(-1)!, /^taskify =+ 13\/13 done \| 0 running \| 0 queued \| 1 failed/);
  for (const text of drawn) {
    const running = Number(/(\d+) running/.exec(text)?.[1]);
    assert.ok(running <= 2, `at most 2 running on 2 workers: ${text}`);
  }
  assert.match(expected, '\x1b[32m', 'console.log colours objects on a terminal (and so must a task)');
  assert.fixture(screen.replace(STATUS, ''), expected);
  // What the user sees: the plain program's lines, then the final state on a line of its own.
  const lines = screenLines(screen);
  assert.equal(lines.slice(0, -1), screenLines(expected));
  assert.match(lines.at(-1)!, /^taskify .* 13\/13 done/);
});

test.run();
