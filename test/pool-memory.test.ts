/**
 * A pool thread out of memory (local-pool.ts): the task's error says so with the heap size, and whether running it
 * again could help (only when other tasks shared the thread); the engine's use of it is in engine.test.ts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LocalPool } from '../runtime/engine/local-pool';
import { readConfig } from '../runtime/config';
import { TaskifyError } from '../runtime/errors';
import type { WorkerTask } from '../runtime/protocol';
import { fixtures } from './helpers';

const runDir = mkdtempSync(join(tmpdir(), 'taskify-pool-memory-'));
test.after(() => rmSync(runDir, { recursive: true, force: true }));

const tasksUrl = pathToFileURL(join(fixtures, 'error-tasks.js')).href;
let nextId = 1;
const message = (name: string, args: WorkerTask['args'] = []): WorkerTask => {
  const id = nextId++;
  return { taskId: id, module: tasksUrl, name, runDir, args, result: `d${id}v1` };
};
const pool = (tasksPerWorker: number) => new LocalPool({
  workers: 1, tasksPerWorker, workerCacheBytes: 1 << 20, shm: { enabled: false, prefix: 'unused', limitBytes: Infinity }, workerHeapMb: 64,
});
const rejection = async (promise: Promise<unknown>): Promise<TaskifyError> => {
  try { await promise; } catch (error) { return error as TaskifyError; }
  throw new Error('expected the task to be rejected');
};

test('alone on its thread: the task ran out of memory itself, so it is not worth another run', async () => {
  const p = pool(1);
  try {
    const started = Date.now();
    const error = await rejection(p.run(message('allocateForever')));
    assert.instance(error, TaskifyError);
    assert.is(error.code, 'TASKIFY_WORKER_OUT_OF_MEMORY');
    assert.match(error.message, /ran out of memory: its JavaScript heap limit is 64 MB \(TASKIFY_WORKER_HEAP_MB=64\)/);
    assert.not.match(error.message, /other task/);
    assert.is((error as unknown as { retry: boolean }).retry, false);
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
    const reply = await p.run(message('threadOf'));
    assert.ok(reply.ok, 'the pool replaced the thread and runs tasks again');
  } finally {
    await p.destroy();
  }
});

test('sharing its thread: every task on it hears of the out-of-memory death, and each may run again', async () => {
  const p = pool(2);
  try {
    const marker = join(runDir, 'never');
    // A thread's tasks call their functions in arrival order: the one that runs out of memory first, the other waits its turn.
    const allocating = p.run(message('allocateForever'));
    const waiting = p.run(message('afterFile', [{ value: marker }, { value: 4 }]));
    const errors = await Promise.all([rejection(allocating), rejection(waiting)]);
    for (const error of errors) {
      assert.is(error.code, 'TASKIFY_WORKER_OUT_OF_MEMORY');
      assert.match(error.message, /alongside 1 other task\(s\) on that thread/);
      assert.is((error as unknown as { retry: boolean }).retry, true);
    }
  } finally {
    await p.destroy();
  }
});

test('TASKIFY_WORKER_HEAP_MB: unset keeps Node\'s default; a whole number of at least 16 MB', () => {
  assert.is(readConfig({}).workerHeapMb, undefined);
  assert.is(readConfig({ TASKIFY_WORKER_HEAP_MB: '64' }).workerHeapMb, 64);
  for (const bad of ['8', '-1', '1.5', 'lots']) {
    assert.throws(() => readConfig({ TASKIFY_WORKER_HEAP_MB: bad }), new RegExp(`TASKIFY_WORKER_HEAP_MB must be .* at least 16, got "${bad.replace('.', '\\.')}"`));
  }
});

test.run();
