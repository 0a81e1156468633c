/**
 * Distributed runs (TASKIFY_REDIS): a redis-server of the suite's own and two `taskify worker` processes standing in
 * for two machines (in namespaces of their own when run as root, so that nothing is shared but Redis). Programs must
 * print what they print on the local pool, survive a machine killed mid-run, and fail clearly without Redis.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLUSTER_SECRET, freePort, redisServer, startCluster, type Cluster } from './cluster';
import { sign } from '../runtime/distributed/signing';
import { connect } from '../runtime/distributed/redis';
import { publishFile } from '../runtime/distributed/blobs';
import { BlobLink } from '../runtime/distributed/blob-link';
import { bullmq } from '../runtime/distributed/redis';
import { MACHINES, machineKey } from '../runtime/distributed/names';
import type { MachineInfo } from '../runtime/protocol';
import { writeVersion } from '../runtime/store/version-file';
import { checksumSeed } from '../runtime/distributed/checksum';

const dist = join(__dirname, '..');
const example = (name: string) => join(dist, 'taskified', 'examples', name, 'main.js');
const child = join(__dirname, 'fixtures', 'distributed-child.js');
const work = mkdtempSync(join(tmpdir(), 'taskify-distributed-'));
let cluster: Cluster;

interface Run { code: number | null; stdout: string; stderr: string; ms: number }

/** Runs a program to its end; `during` gets the child process once it started (to kill a machine meanwhile). */
function run(file: string, args: string[], env: Record<string, string>, during?: (program: import('node:child_process').ChildProcess) => void): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    const program = spawn(process.execPath, [file, ...args], {
      env: { ...process.env, TASKIFY_STORE: work, TASKIFY_PROGRESS: '0', TASKIFY_SUMMARY: '0', TASKIFY_SECRET: CLUSTER_SECRET, ...env },
    });
    let stdout = '';
    let stderr = '';
    program.stdout.on('data', (chunk) => { stdout += chunk; });
    program.stderr.on('data', (chunk) => { stderr += chunk; });
    program.on('exit', (code) => resolve({ code, stdout: withoutTimes(stdout), stderr, ms: Date.now() - started }));
    during?.(program);
  });
}

const withoutTimes = (out: string) => out.split('\n').filter((line) => !line.startsWith('time ')).join('\n');
const local = (file: string, args: string[]) => run(file, args, { TASKIFY_WORKERS: '2' });
const remote = (file: string, args: string[], env: Record<string, string> = {}, during?: (program: import('node:child_process').ChildProcess) => void) =>
  run(file, args, { TASKIFY_REDIS: cluster.url, ...env }, during);
const stats = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as {
  tasks: { submitted: number; inWorkers: number; retried: number }; bytes: { fetchedByMachines: number };
};

/** What a run leaves behind: its Redis keys and the master's run directories. */
function assertNothingLeft(what: string): void {
  assert.equal(cluster.keys('taskify:run:*'), [], `${what}: the run's Redis keys are gone`);
  assert.equal(readdirSync(work).filter((name) => name.startsWith('taskify-run-')), [], `${what}: the run directory is gone`);
}

if (!redisServer()) {
  // npm test installs redis-server before any suite runs (test/system-packages.js): this suite is never skipped.
  test('redis-server is installed', () => {
    assert.unreachable('redis-server is not on the PATH: run the tests with `npm test`, which installs it (test/system-packages.js)');
  });
} else {
  test.before(async () => { cluster = await startCluster({ workers: 2, threads: 1 }); });
  test.after(async () => {
    await cluster?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  test('every way a value travels (inline, Redis blobs, inout, out, gathered results) gives the local output', async () => {
    const [want, got] = [await local(child, ['data']), await remote(child, ['data'], { TASKIFY_STATS: join(work, 'data.json') })];
    assert.is(got.code, 0, got.stderr);
    assert.is(got.stdout, want.stdout);
    const { tasks, bytes } = stats(join(work, 'data.json'));
    assert.ok(tasks.inWorkers > 25 && tasks.inWorkers === tasks.submitted, `${tasks.inWorkers} of ${tasks.submitted} tasks ran on machines`);
    // The 3.2 MB array went from the master to a machine: the bytes moved are counted.
    assert.ok(bytes.fetchedByMachines > 3_200_000, `${bytes.fetchedByMachines} bytes fetched`);
    assertNothingLeft('data');
  });

  test('async waits (await, waitOnAsync, barrierAsync) read what tasks on the machines wrote', async () => {
    const got = await remote(child, ['async']);
    assert.is(got.code, 0, got.stderr);
    assert.is(got.stdout, (await local(child, ['async'])).stdout);
    assert.is(got.stdout, 'async 1999999 12 12 ticked true\n');
  });

  test('a result damaged in Redis fails its read with TASKIFY_CORRUPT_DATA naming the data, never a wrong value', async () => {
    const got = await remote(child, ['corrupt']);
    assert.is(got.code, 0, got.stderr);
    assert.match(got.stdout, /^damaged 1 blob\(s\)\nTASKIFY_CORRUPT_DATA: .*version d\d+v1, written by task range arrived damaged from Redis \(checksum /, got.stdout);
    assert.match(got.stdout, /\nafter 5\n$/);
    assertNothingLeft('corrupt');
  });

  test('a machine refuses damaged input: the task fails with an error naming it and its argument, and is not retried', async () => {
    const redis = await connect(cluster.url);
    const [machine] = await redis.smembers(MACHINES);
    const info = JSON.parse((await redis.get(machineKey(machine)))!) as MachineInfo;
    const { Queue, QueueEvents } = bullmq();
    const queue = new Queue(info.queue, { connection: redis });
    const events = new QueueEvents(info.queue, { connection: redis.duplicate() });
    const run = `damaged-${Date.now()}`;
    const link = new BlobLink(cluster.url, CLUSTER_SECRET);
    try {
      await events.waitUntilReady();
      await redis.set(`taskify:run:${run}:alive`, '1');
      const values = new Float64Array(10_000).fill(1);
      const file = join(work, 'values');
      // A real version file of the values, as a master would publish it; then one byte of the blob changes.
      require('node:fs').mkdirSync(file);
      writeVersion(file, 'd1v1', values);
      const { source, stored } = await publishFile(redis, link, run, `taskify:run:${run}:d1v1:m`, file, 'd1v1', 60, checksumSeed(CLUSTER_SECRET));
      await stored;
      assert.ok('blob' in source);
      const [begin, [, [field, bytes]], ...rest] = await redis.xrangeBuffer(source.blob, '-', '+');
      bytes[20_000] ^= 1;
      await redis.del(source.blob);
      for (const fields of [begin[1], [field, bytes], ...rest.map(([, f]) => f)]) await redis.xadd(source.blob, '*', ...fields);
      const job = sign(CLUSTER_SECRET, { run, sources: { d1v1: source }, forget: [],
        task: { taskId: 1, module: pathToFileURL(join(__dirname, 'fixtures', 'tasks.js')).href, name: 'sum', args: [{ read: 'd1v1' }], result: 'd2v1' } });
      // Listening before the job is added: it may be done (and removed) before waitUntilFinished would look.
      const id = `${run}.1.0`;
      const finished = new Promise<unknown>((resolve, reject) => {
        events.on('completed', ({ jobId, returnvalue }) => { if (jobId === id) resolve(typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue); });
        events.on('failed', ({ jobId, failedReason }) => { if (jobId === id) reject(new Error(failedReason)); });
        setTimeout(() => reject(new Error('no answer within 15 s')), 15_000).unref();
      });
      await queue.add('task', job, { jobId: id, removeOnComplete: true, removeOnFail: true });
      const answer = await finished as { reply: { ok: boolean; error?: { message: string } } };
      assert.is(answer.reply.ok, false);
      assert.match(answer.reply.error!.message, /^version d1v1, argument 1 of task sum arrived damaged from Redis \(checksum /);
    } finally {
      await redis.publish('taskify:run-ended', run);
      await redis.unlink(`taskify:run:${run}:d1v1:m`, `taskify:run:${run}:alive`);
      link.close();
      await events.close();
      await queue.close();
      redis.disconnect();
    }
  });

  test('a machine keeps one pool of threads across runs; runs at once keep their versions apart', async () => {
    const threads = (out: string) => out.trim().replace(/^threads /, '').split(' ');
    const first = await remote(child, ['threads']);
    const second = await remote(child, ['threads']);
    assert.is(first.code, 0, first.stderr);
    assert.is(second.code, 0, second.stderr);
    assert.ok(threads(first.stdout).length >= 2, `tasks ran on ${first.stdout}`);
    for (const thread of threads(second.stdout)) assert.ok(threads(first.stdout).includes(thread), `${thread} of the second run was a thread of the first: ${first.stdout}`);
    // Both masters name their versions d1v1, d2v1...: on a machine they must stay two runs' versions.
    const want = await local(child, ['data']);
    const together = await Promise.all([remote(child, ['data']), remote(child, ['data']), remote(child, ['async'])]);
    for (const got of together.slice(0, 2)) { assert.is(got.code, 0, got.stderr); assert.is(got.stdout, want.stdout); }
    assert.is(together[2].stdout, 'async 1999999 12 12 ticked true\n');
    assertNothingLeft('runs at once');
  });

  test('a task\'s exception reaches its caller, with its class and fields, and is not retried', async () => {
    const got = await remote(child, ['failure'], { TASKIFY_STATS: join(work, 'failure.json') });
    assert.is(got.code, 0, got.stderr);
    assert.is(got.stdout, 'caught ValidationError: too big (size, 42)\nafter 5\n');
    assert.is(stats(join(work, 'failure.json')).tasks.retried, 0);
  });

  test('a task past its timeout fails at the master, and its machine stops its thread and takes more work', async () => {
    const got = await remote(child, ['timeout']);
    assert.is(got.code, 0, got.stderr);
    assert.is(got.stdout, 'TASKIFY_TIMED_OUT: true\nTASKIFY_TIMED_OUT: true\nafter 2,4,6,8\n');
    assert.ok(got.ms < 15_000, `took ${got.ms} ms`);
  });

  test('jobs put on a machine\'s queue by someone else do not run: unsigned, node:, data:, another directory, a traversal key', async () => {
    const redis = await connect(cluster.url);
    const [machine] = await redis.smembers(MACHINES);
    const info = JSON.parse((await redis.get(machineKey(machine)))!) as MachineInfo;
    let log = '';
    for (const worker of cluster.workers) worker.stderr!.on('data', (chunk) => { log += chunk; });
    const marker = join(work, 'pwned');
    const elsewhere = join(work, 'elsewhere.js');
    writeFileSync(elsewhere, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x'); exports.t = () => 1;\n`);
    const ours = pathToFileURL(join(__dirname, 'fixtures', 'tasks.js')).href;
    const job = (module: string, name: string, args: unknown[], sources: Record<string, unknown> = {}) =>
      ({ run: 'forged-run', sources, forget: [], task: { taskId: 1, module, name, args, result: 'd1v1' } });
    // Signed with the cluster's secret, as a master's would be, so that each check behind the signature is seen too.
    const forged = [
      job('node:child_process', 'execSync', [{ value: `touch ${marker}` }]),
      sign(CLUSTER_SECRET, job('node:child_process', 'execSync', [{ value: `touch ${marker}` }])),
      { ...job(ours, 'add', [{ value: 1 }, { value: 2 }]), sig: 'f'.repeat(64) },
      sign(CLUSTER_SECRET, job(`data:text/javascript,require('fs').writeFileSync(${JSON.stringify(marker)},'x')`, 'x', [])),
      sign(CLUSTER_SECRET, job(pathToFileURL(elsewhere).href, 't', [])),
      sign(CLUSTER_SECRET, job(ours, 'add', [{ value: 1 }, { value: 2 }], { '/../../../../tmp/taskify-forged': { inline: 'AAAA' } })),
    ];
    const { Queue } = bullmq();
    const queue = new Queue(info.queue, { connection: redis });
    for (const [i, data] of forged.entries()) await queue.add('task', data, { jobId: `forged-${Date.now()}-${i}`, removeOnComplete: true, removeOnFail: true });
    const started = Date.now();
    while ((log.match(/refused job/g) ?? []).length < forged.length && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 100));
    await queue.close();
    redis.disconnect();
    assert.is((log.match(/refused job/g) ?? []).length, forged.length, log);
    assert.is((log.match(/it is not signed with this cluster's secret/g) ?? []).length, 2, 'an unsigned job and a wrongly signed one');
    assert.match(log, /its module is not a file: URL of the program: "node:child_process"/);
    assert.match(log, /its module is not a file: URL of the program: "data:/);
    assert.match(log, /elsewhere\.js is outside the directory this machine serves/);
    assert.match(log, /refused a version key that is not of the form d<id>v<version>: "\/\.\.\//);
    assert.not.ok(existsSync(marker), 'nothing of the forged jobs ran');
    assert.not.ok(existsSync('/tmp/taskify-forged'));
  });

  test('k-means and matmul on two machines print what they print on the local pool', async () => {
    const kmeans = ['--points', '40000', '--dims', '8', '--centers', '5', '--fragments', '6', '--iterations', '5'];
    const matmul = ['--blocks', '3', '--block-size', '64'];
    for (const [name, args] of [['kmeans', kmeans], ['matmul', matmul]] as const) {
      const want = await local(example(name), [...args]);
      const got = await remote(example(name), [...args]);
      assert.is(got.code, 0, got.stderr);
      assert.is(got.stdout, want.stdout, name);
      assert.match(got.stdout, name === 'kmeans' ? /checksum of centers/ : /checksum/);
    }
    assertNothingLeft('examples');
  });

  test('a machine killed (SIGKILL) mid-run: its tasks run again on the other, and the result is right', async () => {
    const args = ['--blocks', '6', '--block-size', '256']; // long enough (several seconds here) that the kill lands mid-run
    const want = await local(example('matmul'), args);
    const victim = cluster.workers[0];
    const got = await remote(example('matmul'), args, { TASKIFY_STATS: join(work, 'kill.json') }, () => {
      setTimeout(() => victim.kill('SIGKILL'), 1000);
    });
    assert.is(got.code, 0, got.stderr);
    assert.is(got.stdout, want.stdout);
    assert.ok(victim.signalCode === 'SIGKILL', 'the machine was killed before the run ended');
    assert.ok(stats(join(work, 'kill.json')).tasks.retried >= 1, 'tasks of the killed machine ran again');
    assertNothingLeft('kill');
    await cluster.addWorker(); // for the tests after this one
  });

  test('a master stopped with Ctrl-C leaves its blobs; the machines remove them once its alive key expires', async () => {
    let killedAt = 0;
    let left: string[] = [];
    const got = await remote(example('matmul'), ['--blocks', '6', '--block-size', '256'], {}, (program) => {
      // Once a version's blob is in Redis (a fixed delay raced the run's start on a loaded machine: no blob yet, or
      // the master not yet in the blocking wait that lets Ctrl-C kill it outright, so it cleaned up).
      const poll = setInterval(() => {
        if (!cluster.keys('taskify:run:*').some((key) => /:d\d+v\d+:/.test(key))) return;
        clearInterval(poll);
        setTimeout(() => { program.kill('SIGINT'); killedAt = Date.now(); }, 300);
      }, 100);
      program.once('exit', () => clearInterval(poll));
      program.once('exit', () => { left = cluster.keys('taskify:run:*'); });
    });
    assert.ok(got.code !== 0 || got.stdout === '', `the master was interrupted mid-run (code ${got.code})`);
    assert.ok(left.some((key) => /:d\d+v\d+:/.test(key)), `it left blobs: ${left.slice(0, 5).join(' ')}`);
    const run = /^taskify:run:([^:]+):/.exec(left[0])![1];
    while (cluster.keys('taskify:run:*').length > 0 && Date.now() - killedAt < 50_000) await new Promise((r) => setTimeout(r, 500));
    assert.equal(cluster.keys('taskify:run:*'), [], `no key of the run is left ${((Date.now() - killedAt) / 1000).toFixed(0)} s after Ctrl-C`);
    const redis = await connect(cluster.url);
    assert.not.ok(await redis.sismember('taskify:runs', run), 'the run is no longer registered');
    redis.disconnect();
  });

  test('Redis unreachable at start: a clear error naming the address, nothing left behind', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const got = await run(child, ['failure'], { TASKIFY_REDIS: url });
    assert.is(got.code, 1);
    assert.match(got.stderr, `cannot reach Redis at ${url}: connect ECONNREFUSED`);
    assert.equal(readdirSync(work).filter((name) => name.startsWith('taskify-run-')), []);
  });

  test('a Redis that accepts connections but never answers gives a clear error at start instead of a hang', async () => {
    const { createServer } = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const mute = createServer((socket) => { sockets.push(socket); }); // accepts, reads nothing, says nothing
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    const port = (mute.address() as import('node:net').AddressInfo).port;
    try {
      const got = await run(child, ['failure'], { TASKIFY_REDIS: `redis://:hunter2@127.0.0.1:${port}` });
      assert.is.not(got.code, 0);
      assert.match(got.stderr, /did not answer within 5 s/);
      assert.not.match(got.stderr, /hunter2/, 'the password is not shown');
      assert.ok(got.ms < 15_000, `failed after ${got.ms} ms`);
    } finally {
      for (const socket of sockets) socket.destroy();
      mute.close();
    }
  });

  test('taskify clean --redis removes what a killed master and a stopped machine left, and nothing of live ones', async () => {
    const redis = await connect(cluster.url);
    await redis.set('taskify:run:dead-run-1:d1v1:m:0', 'x');
    await redis.set('taskify:run:live-run-1:d1v1:m:0', 'x');
    await redis.set('taskify:run:live-run-1:alive', '1', 'PX', 60_000);
    const { Queue } = bullmq();
    const ghost = new Queue('taskify-machine-ghost-1', { connection: redis });
    await ghost.add('task', { any: 1 });
    await ghost.close(); // a queue that no set names any more: found by the scan
    const liveMachines = (await redis.smembers(MACHINES)).filter((id) => id !== 'ghost-1');
    const cleaned = execFileSync(process.execPath, [join(dist, 'runtime', 'cli.js'), 'clean', '--redis', cluster.url],
      { encoding: 'utf8', env: { ...process.env, TASKIFY_STORE: work } });
    assert.match(cleaned, /removed the keys of ended run dead-run-1/);
    assert.match(cleaned, /removed the queue of stopped machine ghost-1/);
    assert.equal(cluster.keys('taskify:run:dead-run-1:*'), []);
    assert.equal(cluster.keys('bull:taskify-machine-ghost-1:*'), []);
    assert.equal(cluster.keys('taskify:run:live-run-1:*').sort(), ['taskify:run:live-run-1:alive', 'taskify:run:live-run-1:d1v1:m:0']);
    assert.equal((await redis.smembers(MACHINES)).sort(), liveMachines.sort(), 'live machines stay');
    await redis.del('taskify:run:live-run-1:alive', 'taskify:run:live-run-1:d1v1:m:0');
    redis.disconnect();
  });

  test('the queue of a machine that died without a word is removed by the other machines, with no master running', async () => {
    const redis = await connect(cluster.url);
    try {
      const { Queue } = bullmq();
      const dead = new Queue('taskify-machine-dead-1', { connection: redis });
      await dead.add('task', { any: 1 });
      await dead.close();
      // Before it joins the set: from then on a machine's sweep may remove it at any moment, even before a check here.
      assert.ok(cluster.keys('bull:taskify-machine-dead-1:*').length > 0);
      await redis.sadd(MACHINES, 'dead-1'); // in the set, with no heartbeat key: killed before it could leave
      const started = Date.now();
      while ((cluster.keys('bull:taskify-machine-dead-1:*').length > 0 || await redis.sismember(MACHINES, 'dead-1')) && Date.now() - started < 15_000) {
        await new Promise((r) => setTimeout(r, 250));
      }
      assert.equal(cluster.keys('bull:taskify-machine-dead-1:*'), [], 'its queue is gone');
      assert.not.ok(await redis.sismember(MACHINES, 'dead-1'), 'it left the set');
      assert.is((await redis.smembers(MACHINES)).length, cluster.workers.filter((w) => w.exitCode === null && w.signalCode === null).length, 'live machines stay');
    } finally {
      redis.disconnect();
    }
  });

  test('a machine that announces itself without the cluster secret gets no task and no data', async () => {
    const redis = await connect(cluster.url);
    const stranger: MachineInfo = { id: 'stranger-1', host: 'elsewhere', pid: 1, queue: 'taskify-machine-stranger-1', slots: 64 };
    await redis.set(machineKey(stranger.id), JSON.stringify(stranger), 'PX', 60_000);
    await redis.sadd(MACHINES, stranger.id);
    try {
      const got = await remote(child, ['failure']);
      assert.is(got.code, 0, got.stderr);
      assert.is(got.stdout, 'caught ValidationError: too big (size, 42)\nafter 5\n', 'the real machines ran the tasks');
      assert.match(got.stderr, /ignoring machine "stranger-1": its announcement is not signed with this cluster's secret/);
      assert.equal(cluster.keys('bull:taskify-machine-stranger-1:*'), [], 'no job was ever put on its queue');
    } finally {
      await redis.del(machineKey(stranger.id));
      await redis.srem(MACHINES, stranger.id);
      redis.disconnect();
    }
  });

  test('without a cluster secret, a master or machine refuses a Redis that other machines can reach', async () => {
    const got = await run(child, ['failure'], { TASKIFY_REDIS: 'redis://:pw@10.255.255.1:6379', TASKIFY_SECRET: '' });
    assert.is.not(got.code, 0);
    assert.match(got.stderr, /reachable from other machines, so jobs and results must be signed: set TASKIFY_SECRET/);
    assert.ok(got.ms < 10_000, `refused after ${got.ms} ms, before connecting`);
    const worker = spawnSync(process.execPath, [join(dist, 'runtime', 'cli.js'), 'worker', '--redis', 'redis://10.255.255.1:6379'],
      { encoding: 'utf8', env: { ...process.env, TASKIFY_SECRET: '', TASKIFY_REDIS: '' }, timeout: 10_000 });
    assert.is.not(worker.status, 0);
    assert.match(worker.stderr, /must be signed: set TASKIFY_SECRET/);
  });

  test('a bad TASKIFY_REDIS address is refused before anything starts', async () => {
    const got = await run(child, ['failure'], { TASKIFY_REDIS: 'localhost:6379' });
    assert.is(got.code, 1);
    assert.match(got.stderr, 'TASKIFY_REDIS must be a redis://host:port address, got "localhost:6379"');
  });

  /**
   * A fault mid-run: as soon as the master's run is under way (its alive key is in Redis). A fixed delay
   * from the program's start froze Redis before a loaded machine's master had connected: the start's error instead.
   */
  const midRun = (program: import('node:child_process').ChildProcess, fault: () => void): void => {
    // A run's own alive key: an earlier test's run leaves its key until it expires, and on a loaded machine the new
    // run has not even connected by then (CI once stopped Redis before it did: "cannot reach" for "lost").
    const earlier = new Set(cluster.keys('taskify:run:*:alive'));
    const poll = setInterval(() => {
      if (!cluster.keys('taskify:run:*:alive').some((key) => !earlier.has(key))) return;
      clearInterval(poll);
      fault();
    }, 100);
    // A program that ended before its run showed up (it failed at start) gets no fault: a later test's run would.
    program.once('exit', () => clearInterval(poll));
  };

  test('Redis frozen mid-run (SIGSTOP): master and machines say so within 15 s, naming it; thawed in time, the run ends right', async () => {
    const args = ['--blocks', '6', '--block-size', '256'];
    const want = await local(example('matmul'), args);
    let machines = '';
    const listen = (chunk: Buffer) => { machines += chunk; };
    for (const worker of cluster.workers) worker.stderr!.on('data', listen);
    let master = '';
    let frozenAt = 0;
    const seen: Record<string, number> = {};
    const got = await remote(example('matmul'), args, {}, (program) => {
      program.stderr!.on('data', (chunk) => { master += chunk; });
      midRun(program, () => { cluster.pauseRedis(); frozenAt = Date.now(); });
      const poll = setInterval(() => {
        if (!frozenAt) return;
        if (seen.master === undefined && /has not answered for/.test(master)) seen.master = Date.now() - frozenAt;
        if (seen.machines === undefined && (machines.match(/has not answered for/g) ?? []).length >= 2) seen.machines = Date.now() - frozenAt;
        if ((seen.master !== undefined && seen.machines !== undefined) || Date.now() - frozenAt > 20_000) { clearInterval(poll); cluster.resumeRedis(); }
      }, 100);
      // (A run that ended first, or was never frozen, leaves no poll behind: it kept the suite's process alive after a
      // failure, and Redis stopped.)
      program.once('exit', () => { clearInterval(poll); if (frozenAt) cluster.resumeRedis(); });
    });
    for (const worker of cluster.workers) worker.stderr!.off('data', listen);
    assert.ok(seen.master !== undefined && seen.master <= 15_000, `master said it after ${seen.master} ms: ${master}`);
    assert.ok(seen.machines !== undefined && seen.machines <= 15_000, `both machines said it after ${seen.machines} ms: ${machines}`);
    assert.match(master, `taskify: Redis at ${cluster.url} has not answered for 1`);
    assert.match(master, /the run fails if it does not answer within 25 s/);
    assert.match(master, `Redis at ${cluster.url} answers again, after 1`);
    assert.match(machines, /taskify worker \S+: Redis at \S+ has not answered for 1\d\.\d s \(stopped, overloaded, or the network stalled\); waiting for it/);
    assert.match(machines, /answers again, after 1\d\.\d s/);
    assert.is(got.code, 0, got.stderr);
    assert.is(got.stdout, want.stdout);
    assertNothingLeft('frozen');
  });

  test('Redis frozen for good mid-run: the run fails with a clear error naming it instead of hanging', async () => {
    let frozenAt = 0;
    const got = await remote(example('matmul'), ['--blocks', '6', '--block-size', '256'], {}, (program) => {
      midRun(program, () => { cluster.pauseRedis(); frozenAt = Date.now(); });
    });
    const failedAfter = Date.now() - frozenAt;
    cluster.resumeRedis();
    assert.is(got.code, 1, got.stderr);
    assert.match(got.stderr, `taskify: Redis at ${cluster.url} has not answered for 1`);
    assert.match(got.stderr, `lost the connection to Redis at ${cluster.url} during the run: it has not answered for 2`);
    assert.ok(failedAfter < 45_000, `the program ended ${failedAfter} ms after Redis froze`);
  });

  test('Redis frozen at start: a clear error within 15 s', async () => {
    cluster.pauseRedis();
    try {
      const got = await remote(child, ['failure']);
      assert.is.not(got.code, 0);
      assert.match(got.stderr, `cannot reach Redis at ${cluster.url}: it accepted the connection but did not answer within 5 s`);
      assert.ok(got.ms < 15_000, `failed after ${got.ms} ms`);
    } finally {
      cluster.resumeRedis();
    }
  });

  test('Redis lost mid-run: the run fails with a clear error instead of hanging, and the machines stop', async () => {
    const got = await remote(example('matmul'), ['--blocks', '6', '--block-size', '256'], {}, (program) => {
      midRun(program, () => cluster.stopRedis());
    });
    assert.is(got.code, 1);
    assert.match(got.stderr, `lost the connection to Redis at ${cluster.url} during the run`, got.stderr);
    assert.ok(got.ms < 30_000, `failed after ${got.ms} ms`);
    // Machines give up reconnecting after about 3 s; on a loaded machine a little later: wait up to 15 s.
    const stopped = () => cluster.workers.every((worker) => worker.exitCode !== null || worker.signalCode !== null);
    for (const deadline = Date.now() + 15_000; !stopped() && Date.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 200));
    for (const worker of cluster.workers) assert.ok(worker.exitCode !== null || worker.signalCode !== null, 'the machine stopped');
    assert.equal(readdirSync(work).filter((name) => name.startsWith('taskify-run-')), []);
  });

  test('taskify worker without an address says how to give one', () => {
    try {
      execFileSync(process.execPath, [join(dist, 'runtime', 'cli.js'), 'worker'], { env: { ...process.env, TASKIFY_REDIS: '' }, stdio: 'pipe' });
      assert.unreachable('taskify worker started without an address');
    } catch (error) {
      assert.match(String((error as { stderr: Buffer }).stderr), '--redis redis://host:port');
    }
  });
}

test.run();
