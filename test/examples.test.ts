/** The examples print exactly what their sequential versions print. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const kmeans = join(__dirname, '..', 'examples', 'kmeans', 'main.js');
const run = (args: string[], env: Record<string, string> = {}) =>
  execFileSync(process.execPath, [kmeans, ...args], { encoding: 'utf8', env: { ...process.env, ...env } })
    .split('\n').filter((line) => !line.startsWith('time ')).join('\n');

test('k-means: parallel, inline and sequential runs print the same centres', () => {
  const args = ['--points', '20000', '--dims', '8', '--centers', '5', '--fragments', '6', '--iterations', '6'];
  const sequential = run([...args, '--sequential']);
  assert.match(sequential, /checksum of centers/);
  assert.is(run(args), sequential);
  assert.is(run(args, { TASKIFY_WORKERS: '1' }), sequential);
  assert.is(run(args, { TASKIFY_WORKERS: '0' }), sequential);
});

test.run();
