/** The examples, built with plain tsc and with tspc + the plugin, print the same; the plugin's build runs tasks. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = join(__dirname, '..');
const plainBuild = (example: string) => join(dist, 'examples', example, 'main.js');
const pluginBuild = (example: string) => join(dist, 'taskified', 'examples', example, 'main.js');
const plain = plainBuild('kmeans');
const taskified = pluginBuild('kmeans');
const work = mkdtempSync(join(tmpdir(), 'taskify-examples-'));
test.after(() => rmSync(work, { recursive: true, force: true }));

const run = (file: string, args: string[], env: Record<string, string> = {}) =>
  execFileSync(process.execPath, [file, ...args], { encoding: 'utf8', env: { ...process.env, ...env } })
    .split('\n').filter((line) => !line.startsWith('time ')).join('\n');

test('k-means: the plugin\'s build prints what the sequential build prints, on 2, 1 and 0 (inline) workers', () => {
  const args = ['--points', '20000', '--dims', '8', '--centers', '5', '--fragments', '6', '--iterations', '6'];
  const sequential = run(plain, args);
  assert.match(sequential, /checksum of centers/);
  const statsFile = join(work, 'kmeans.json');
  assert.is(run(taskified, args, { TASKIFY_STATS: statsFile }), sequential);
  const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  // 6 fragments + 4 iterations × (6 partial sums + 1 merge), all in workers.
  assert.is(stats.tasks.inWorkers, stats.tasks.submitted);
  assert.ok(stats.tasks.inWorkers >= 6 + 4 * 7, `${stats.tasks.inWorkers} tasks ran in workers`);
  assert.is(run(taskified, args, { TASKIFY_WORKERS: '1' }), sequential);
  assert.is(run(taskified, args, { TASKIFY_WORKERS: '0' }), sequential);
});

test('the benchmark\'s hand-written piscina k-means (structured clone, SharedArrayBuffer) computes what the example does', () => {
  const args = ['--points', '20000', '--dims', '8', '--centers', '5', '--fragments', '6', '--iterations', '6'];
  const handwritten = join(dist, 'bench', 'handwritten', 'kmeans.js');
  const sequential = run(plain, args);
  for (const mode of ['clone', 'sab']) assert.is(run(handwritten, ['--mode', mode, ...args]), sequential, mode);
});

test('the benchmark\'s hand-written piscina matmul (structured clone, SharedArrayBuffer) computes what the example does', () => {
  const args = ['--blocks', '3', '--block-size', '32'];
  const handwritten = join(dist, 'bench', 'handwritten', 'matmul.js');
  const sequential = run(plainBuild('matmul'), args);
  assert.match(sequential, /checksum -?\d+\.\d{6}; trace/);
  for (const mode of ['clone', 'sab']) assert.is(run(handwritten, ['--mode', mode, ...args]), sequential, mode);
});

/** Same output from both builds; every call ran as a task in a worker (TASKIFY_STATS). */
function sameOutputAsTasks(example: string, args: string[], expectTasks: number): string {
  const sequential = run(plainBuild(example), args);
  const statsFile = join(work, `${example}.json`);
  assert.is(run(pluginBuild(example), args, { TASKIFY_STATS: statsFile }), sequential);
  const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  assert.is(stats.tasks.submitted, expectTasks, `${example}: tasks submitted`);
  assert.is(stats.tasks.inWorkers, expectTasks, `${example}: tasks in workers`);
  return sequential;
}

test('matmul: blocks generated and multiplied as tasks (C blocks inout, elements of a container), same checksum', () => {
  const output = sameOutputAsTasks('matmul', ['--blocks', '3', '--block-size', '32'], 2 * 3 * 3 + 3 ** 3);
  assert.match(output, /checksum -?\d+\.\d{6}; trace/);
});

test('heat: every halo exchange and relaxation of every strip runs as a task, same plate', () => {
  const output = sameOutputAsTasks('heat', ['--size', '64', '--strips', '4', '--steps', '5'], 5 * (3 + 4));
  assert.match(output, /total heat [1-9]/);
});

test('wordcount: files written and counted by tasks, Maps merged in a tree, same ranking', () => {
  const output = sameOutputAsTasks('wordcount', ['--files', '5', '--words', '3000'], 5 + 5 + 4);
  assert.match(output, /wordcount: 5 files, 15000 words/);
  assert.match(output, /^the +\d+$/m);
});

test.run();
