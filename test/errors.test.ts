/**
 * Errors a program meets outside its own code, each said with what and where: values the codec refuses (in an argument,
 * a result, an inout argument written back), a store that cannot be used or is full, a worker out of memory. Each
 * case runs as a child with a TASKIFY_STORE of its own, which must be empty afterwards: no run directory, no
 * temporary file.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { constants } from 'node:buffer';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFixture } from './helpers';

interface Caught { message: string; code?: string; name: string; retry?: unknown }

const roots: string[] = [];
const newStore = () => { const root = mkdtempSync(join(tmpdir(), 'taskify-errors-')); roots.push(root); return root; };
test.after(() => { for (const root of roots) { chmodSync(root, 0o700); rmSync(root, { recursive: true, force: true }); } });

/** Runs one case of errors-child.js with its own store; returns what it printed. */
async function run(mode: string, env: Record<string, string> = {}, store = newStore())
  : Promise<Record<string, unknown> & { store: string }> {
  const child = await runFixture('errors-child.js', mode, {
    TASKIFY_STORE: store, TASKIFY_WORKERS: '1', TASKIFY_TASKS_PER_WORKER: '1', TASKIFY_PROGRESS: '0', TASKIFY_SUMMARY: '0', ...env,
  });
  const line = /^RESULT (.*)$/m.exec(child.stdout)?.[1];
  assert.ok(line, `the child printed its result (code ${child.code}): ${child.stderr}`);
  assert.is(child.code, 0, child.stderr);
  return { ...JSON.parse(line!), store };
}

const matches = (caught: unknown, ...patterns: RegExp[]): Caught => {
  assert.type(caught, 'object', `an error was thrown, got ${JSON.stringify(caught)}`);
  const { message } = caught as Caught;
  for (const p of patterns) assert.match(message, p);
  return caught as Caught;
};

const leftNothing = (store: string) => assert.equal(readdirSync(store), [], 'no run directory or file is left in TASKIFY_STORE');

test('refused at the call: a value over the limit, with task, parameter and path; a throwing getter and a detached buffer run in place', async () => {
  const r = await run('main');
  // A detached buffer is the zero-length array the plain call saw: the call runs in place (tester np37's detach).
  assert.is(r.detached, 'no error');
  // A getter is the program's code: the call runs in place, as the plain call did, and throws what the getter threw.
  const getter = matches(r.getter, /^no x here$/);
  assert.is(getter.code, undefined);
  matches(r.huge, /^task readAll \(site\.ts:3\): parameter o /, new RegExp(`over the limit of ${constants.MAX_LENGTH} bytes`),
    /its largest part is a Float64Array of 4294967304 bytes at \.big/);
  assert.equal(r.files, [], 'a refused call writes no file');
  leftNothing(r.store);
});

test('refused after the task ran: its result or the version a parameter writes, with task, parameter and path', async () => {
  const r = await run('worker');
  const result = matches(r.detachedResult, /^task detachedResult \(site\.ts:1\): its return value cannot be stored after the task ran: a Float64Array on a detached ArrayBuffer at \.d /);
  assert.is(result.code, 'TASKIFY_UNSUPPORTED_OUTPUT');
  assert.is(result.name, 'TaskifyError');
  matches(r.detachInside, /^task detachInside \(site\.ts:2\): parameter o cannot be stored after the task ran: .* detached ArrayBuffer at \.d /);
  // a and b share an object, so they are one datum: the path inside it ([1].d) is b's .d.
  matches(r.detachSecond, /^task detachSecond \(site\.ts:3\): parameter b cannot be stored after the task ran: .* detached ArrayBuffer at \.d /);
  matches(r.getter, /^task throwingGetterResult \(site\.ts:4\): its return value .*a property whose getter throws at \.inner\.x \(no x here\)/);
  matches(r.huge, /^task hugeResult \(site\.ts:5\): its return value cannot be stored/, new RegExp(`over the limit of ${constants.MAX_LENGTH} bytes`),
    /a Float64Array of 4294967304 bytes at \.big/);
  assert.equal(r.files, [], 'no temporary file is left in the run directory');
  leftNothing(r.store);
});

test('a full store while the main thread writes a call\'s snapshot: named, the call takes back its files, and can be made again', async () => {
  // The write of b's snapshot goes to /dev/full (its temporary name is a link there): a real ENOSPC from the kernel.
  const r = await run('enospc-main');
  const error = matches(r.error, /^task readBoth \(site\.ts:7\): parameter b: version d\d+v1 could not be written: /,
    new RegExp(`the store ${r.store} is full \\(ENOSPC`), /set TASKIFY_STORE/);
  assert.ok(error.message.includes(`version ${r.key} `), error.message);
  assert.is(error.code, 'TASKIFY_STORE_FULL');
  assert.equal(r.left, [], `neither the temporary file nor a's snapshot ${r.first} is left`);
  assert.type(r.again, 'number', 'the same call works once there is room');
  leftNothing(r.store);
});

test('a full store while a worker writes a result or an inout parameter: named with the task, parameter and version', async () => {
  const r = await run('enospc-worker');
  const result = matches(r.resultError, /^task afterFile \(site\.ts:8\): its return value: /, new RegExp(`version ${r.resultKey} could not be written: the store ${r.store} is full`));
  assert.is(result.code, 'TASKIFY_STORE_FULL');
  matches(r.inoutError, /^task pushAfterFile \(site\.ts:9\): parameter o: /, new RegExp(`version ${r.inoutKey} could not be written: the store ${r.store} is full \\(ENOSPC`));
  assert.equal((r.left as string[]).filter((name) => name.startsWith('.')), [], 'the temporary files went at once');
  assert.equal(r.values, [1, 2, 3], 'the caller keeps the version before the failed write');
  leftNothing(r.store);
});

test('a missing store, or one that is not a directory, fails the start in one line naming TASKIFY_STORE and the path', async () => {
  const parent = newStore();
  const missing = join(parent, 'not-there');
  const r = await run('store', {}, missing);
  const error = matches(r.error, new RegExp(`^taskify cannot create its run directory in TASKIFY_STORE=${missing}: it does not exist; set TASKIFY_STORE to a writable directory$`));
  assert.is(error.code, 'TASKIFY_STORE');
  assert.not.ok(existsSync(missing), 'nothing was created');
  const file = join(parent, 'a-file');
  writeFileSync(file, '');
  matches((await run('store', {}, file)).error, new RegExp(`TASKIFY_STORE=${file}: it is not a directory;`));
  assert.equal(readdirSync(parent), ['a-file']);
});

test('a store this user may not write fails the start in one line naming TASKIFY_STORE and the path', async () => {
  // root writes anywhere, even in a 0555 directory: as root, sysfs stands in (no new directory may be made there by
  // anyone: EPERM, or EROFS where it is mounted read-only). Running as another user would need the checkout readable by it.
  const root = process.getuid?.() === 0;
  const store = root ? '/sys' : newStore();
  if (!root) chmodSync(store, 0o555);
  const r = await run('store', {}, store);
  matches(r.error, new RegExp(`^taskify cannot create its run directory in TASKIFY_STORE=${store}: ` +
    `(this user may not write there|it is on a read-only file system); set TASKIFY_STORE`));
  if (!root) leftNothing(store);
});

test('a worker out of memory fails its task in seconds, saying so with the heap size and TASKIFY_WORKER_HEAP_MB', async () => {
  const started = Date.now();
  const r = await run('oom', { TASKIFY_WORKER_HEAP_MB: '64' });
  matches(r.error, /ran out of memory/, /heap limit is 64 MB \(TASKIFY_WORKER_HEAP_MB=64\)/, /raise TASKIFY_WORKER_HEAP_MB/);
  assert.ok((r.ms as number) < 15_000, `it failed after ${r.ms} ms`);
  assert.ok(Date.now() - started < 20_000);
  assert.is(r.after, true, 'the pool runs tasks again afterwards');
  leftNothing(r.store);
});

test('TASKIFY_WORKER_HEAP_MB below what a worker needs to start is refused at start', async () => {
  // Checked with the other settings as the runtime loads (settings.test.ts): the program stops in one line.
  const store = newStore();
  const child = await runFixture('errors-child.js', 'store', { TASKIFY_STORE: store, TASKIFY_WORKER_HEAP_MB: '8' });
  assert.is(child.code, 1);
  assert.is(child.stderr, 'taskify: TASKIFY_WORKER_HEAP_MB must be a whole number of megabytes, at least 16, got "8"\n');
  leftNothing(store);
});

test.run();
