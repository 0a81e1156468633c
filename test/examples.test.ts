/** The examples, built with plain tsc and with tspc + the plugin, print the same; the plugin's build runs tasks. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = join(__dirname, '..');
const plain = join(dist, 'examples', 'kmeans', 'main.js');
const taskified = join(dist, 'taskified', 'examples', 'kmeans', 'main.js');
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

test.run();
