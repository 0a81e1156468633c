/**
 * TASKIFY_* settings are read and checked in one place (runtime/config.ts) when the runtime loads: a value that cannot
 * work stops the program before it prints or runs any task, with one line naming the variable, its value and what is
 * accepted; a TASKIFY_ name that is no setting is a warning with the one probably meant.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSettings, readConfig, settingNames } from '../runtime/config';
import { runFixture } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'taskify-settings-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const quiet = { TASKIFY_PROGRESS: '0', TASKIFY_SUMMARY: '0', TASKIFY_WORKERS: '1' };

/** Each malformed value is refused in one line naming the variable, the value and what is accepted. */
const refusals: [string, string, RegExp][] = [
  ['TASKIFY_WORKERS', 'four', /^TASKIFY_WORKERS must be a whole number, 0 or more, got "four"$/],
  ['TASKIFY_WORKERS', '2.5', /^TASKIFY_WORKERS must be a whole number, 0 or more, got "2\.5"$/],
  ['TASKIFY_TASKS_PER_WORKER', '-1', /^TASKIFY_TASKS_PER_WORKER must be a whole number, 0 or more, got "-1"$/],
  ['TASKIFY_WORKER_CACHE_MB', '512MB', /^TASKIFY_WORKER_CACHE_MB must be a whole number, 0 or more, got "512MB"$/],
  ['TASKIFY_WORKER_HEAP_MB', '8', /^TASKIFY_WORKER_HEAP_MB must be a whole number of megabytes, at least 16, got "8"$/],
  ['TASKIFY_SHM_LIMIT_MB', '1e3', /^TASKIFY_SHM_LIMIT_MB must be a whole number, 0 or more, got "1e3"$/],
  ['TASKIFY_REDIS_TTL_S', 'a day', /^TASKIFY_REDIS_TTL_S must be a whole number, 0 or more, got "a day"$/],
  ['TASKIFY_TASK_TIMEOUT', '0', /^TASKIFY_TASK_TIMEOUT must be a positive number of seconds, got "0"$/],
  ['TASKIFY_STALL_REPORT', '1m', /^TASKIFY_STALL_REPORT must be a number of seconds, 0 or more \(0: never\), got "1m"$/],
  ['TASKIFY_SHM', 'yes', /^TASKIFY_SHM must be 0 or 1, got "yes"$/],
  ['TASKIFY_PROGRESS', 'on', /^TASKIFY_PROGRESS must be 0 or 1, got "on"$/],
  ['TASKIFY_SUMMARY', '2', /^TASKIFY_SUMMARY must be 0 or 1, got "2"$/],
  ['TASKIFY_GRAPH', 'g.png', /^TASKIFY_GRAPH must name a \.dot or \.svg file, got "g\.png"$/],
  ['TASKIFY_REDIS', 'localhost:6379', /^TASKIFY_REDIS must be a redis:\/\/host:port address, got "localhost:6379"$/],
];

test('every malformed value is refused by checkSettings, naming the variable, its value and what is accepted', () => {
  for (const [variable, value, message] of refusals) assert.throws(() => checkSettings({ [variable]: value }), message, `${variable}=${value}`);
  assert.throws(() => checkSettings({ TASKIFY_TRACE: join(dir, 'missing', 'run.json') }),
    new RegExp(`^TASKIFY_TRACE must name a file in an existing directory, got ".*missing/run\\.json" \\(.*missing does not exist\\)$`));
  assert.throws(() => checkSettings({ TASKIFY_STATS: join(dir, 'no', 'stats.json') }), /^TASKIFY_STATS must name a file in an existing directory/);
  assert.throws(() => checkSettings({ TASKIFY_GRAPH: join(dir, 'no', 'g.svg') }), /^TASKIFY_GRAPH must name a file in an existing directory/);
  assert.throws(() => checkSettings({ TASKIFY_REDIS: 'redis://127.0.0.1:6379', TASKIFY_SECRET_FILE: join(dir, 'none') }),
    /^TASKIFY_SECRET_FILE must name a readable file holding the cluster secret, got/);
  // Well-formed values pass.
  const { config, warnings } = checkSettings({ TASKIFY_WORKERS: '3', TASKIFY_TRACE: join(dir, 'run.json'), TASKIFY_STALL_REPORT: '0.5', TASKIFY_SHM: 'false' });
  assert.equal([config.workers, config.traceFile, config.stallReportSeconds, config.sharedMemory, warnings], [3, join(dir, 'run.json'), 0.5, false, []]);
  assert.is(readConfig({}).storeRoot, undefined);
});

test('a TASKIFY_ name that is no setting is a warning naming the one probably meant', () => {
  assert.equal(checkSettings({ TASKIFY_WORKER: '3', TASKIFY_GRPAH: 'g.dot', TASKIFY_SOMETHING_ELSE: '1' }).warnings, [
    'TASKIFY_GRPAH is not a taskify setting (did you mean TASKIFY_GRAPH?); it is ignored',
    'TASKIFY_SOMETHING_ELSE is not a taskify setting; it is ignored',
    'TASKIFY_WORKER is not a taskify setting (did you mean TASKIFY_WORKERS?); it is ignored',
  ]);
  for (const name of settingNames()) assert.equal(checkSettings({ [name]: '' }).warnings, [], name);
});

test('a program with a setting that cannot work stops as the runtime loads: one line, exit 1, nothing printed, no task', async () => {
  const cases: Record<string, string>[] = [
    { TASKIFY_GRAPH: join(dir, 'g.png') }, { TASKIFY_TRACE: join(dir, 'missing', 'run.json') }, { TASKIFY_WORKER_CACHE_MB: 'lots' },
  ];
  for (const env of cases) {
    const run = await runFixture('settings-child.js', '', { ...quiet, ...env });
    const [[variable, value]] = Object.entries(env);
    assert.is(run.code, 1, JSON.stringify(env));
    assert.is(run.stdout, '', 'the program printed nothing: it stopped before its first line');
    assert.is(run.stderr.split('\n').length, 2, `one line: ${run.stderr}`);
    assert.match(run.stderr, new RegExp(`^taskify: ${variable} must .*, got ${JSON.stringify(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  }
  const ok = await runFixture('settings-child.js', '', { ...quiet, TASKIFY_WORKER: '2' });
  assert.is(ok.code, 0, ok.stderr);
  assert.is(ok.stdout, 'started\nsum 3\n');
  assert.is(ok.stderr, 'taskify: warning: TASKIFY_WORKER is not a taskify setting (did you mean TASKIFY_WORKERS?); it is ignored\n');
});

test('taskify clean names /dev/shm once however TASKIFY_STORE spells it; a bad setting of the CLI is one line', () => {
  const cli = join(__dirname, '..', 'runtime', 'cli.js');
  const out = execFileSync(process.execPath, [cli, 'clean'], { encoding: 'utf8', env: { ...process.env, TASKIFY_STORE: '/dev/shm/' } });
  if (out.startsWith('nothing')) assert.is(out, 'nothing to clean in /dev/shm\n');
  const other = execFileSync(process.execPath, [cli, 'clean'], { encoding: 'utf8', env: { ...process.env, TASKIFY_STORE: dir } });
  assert.is(other, `nothing to clean in ${dir} or /dev/shm\n`);
  let failed: { status: number; stderr: string } | undefined;
  try {
    execFileSync(process.execPath, [cli, 'worker', '--redis', 'redis://127.0.0.1:1'], { encoding: 'utf8', stdio: 'pipe', env: { ...process.env, TASKIFY_WORKERS: 'x' } });
  } catch (error) { failed = error as { status: number; stderr: string }; }
  assert.is(failed?.status, 1);
  assert.is(failed?.stderr, 'taskify: TASKIFY_WORKERS must be a whole number, 0 or more, got "x"\n');
});

test.run();
