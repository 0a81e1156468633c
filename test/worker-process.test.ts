/**
 * A task's code sees the program's process as the plain call on the main thread did (worker/program-process.ts):
 * process.argv, require.main, process.env set before the call, and a process.exitCode it sets reaches the program.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { printsAsPlain } from './program-build';

test('argv, require.main and env read in a task are the program\'s; an exitCode a task sets is the program\'s after the call', () => {
  const tasks = printsAsPlain('program-process');
  // Before: argv [node, worker.js], require.main piscina's worker.js, and process.exitCode stayed the thread's own.
  assert.is(tasks.inWorkers, 5, 'every call ran in a worker');
});

test.run();
