/**
 * Huge pages (runtime/hugepages.ts): when `taskify worker` and `taskify run` ask for them, and that starting a command
 * again with them is invisible from outside: same arguments, Node options, standard streams, exit code and signals,
 * and its body runs once.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HUGE_PAGES, hugePagesEnv, thisSystem, type System } from '../runtime/hugepages';
import { TaskifyError } from '../runtime/errors';
import { startCluster } from './cluster';

const child = join(__dirname, 'hugepages-child.js');
const dir = mkdtempSync(join(tmpdir(), 'taskify-hugepages-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const offers = (glibc: string | undefined, thp: string | undefined): System => ({ glibc: () => glibc, transparentHugePages: () => thp });
const madvise = 'always [madvise] never\n';
const base: NodeJS.ProcessEnv = { PATH: '/usr/bin' };

test('asked for where glibc reads the tunable and the kernel gives huge pages on request', () => {
  assert.equal(hugePagesEnv(base, offers('2.35', madvise))?.GLIBC_TUNABLES, HUGE_PAGES);
  assert.equal(hugePagesEnv(base, offers('3.0', madvise))?.GLIBC_TUNABLES, HUGE_PAGES);
  assert.equal(hugePagesEnv({ ...base, TASKIFY_HUGEPAGES: '1' }, offers('2.36', madvise))?.PATH, '/usr/bin', 'the rest of the environment kept');
});

test('not asked for when it changes nothing, or when told not to', () => {
  assert.is(hugePagesEnv(base, offers('2.34', madvise)), undefined, 'glibc too old to read it');
  assert.is(hugePagesEnv(base, offers(undefined, madvise)), undefined, 'no glibc (musl)');
  assert.is(hugePagesEnv(base, offers('2.36', '[always] madvise never\n')), undefined, 'every process has them already');
  assert.is(hugePagesEnv(base, offers('2.36', 'always madvise [never]\n')), undefined, 'none to get');
  assert.is(hugePagesEnv(base, offers('2.36', undefined)), undefined, 'no transparent huge pages at all');
  assert.is(hugePagesEnv({ ...base, GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }, offers('2.36', madvise)), undefined, 'the owner chose tunables');
  assert.is(hugePagesEnv({ ...base, GLIBC_TUNABLES: '' }, offers('2.36', madvise)), undefined, 'even none');
  assert.is(hugePagesEnv({ ...base, TASKIFY_HUGEPAGES: '0' }, offers('2.36', madvise)), undefined, 'opted out');
  assert.is(hugePagesEnv({ ...base, TASKIFY_HUGEPAGES: 'false' }, offers('2.36', madvise)), undefined, 'opted out');
  assert.throws(() => hugePagesEnv({ ...base, TASKIFY_HUGEPAGES: 'no' }, offers('2.36', madvise)),
    (e: unknown) => e instanceof TaskifyError && /TASKIFY_HUGEPAGES must be 0 or 1, got "no"/.test(e.message));
});

interface Started { process: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }

function start(args: string[], env: NodeJS.ProcessEnv = {}, nodeOptions: string[] = []): Started {
  const environment = { ...process.env, ...env };
  delete environment.GLIBC_TUNABLES;
  const started = spawn(process.execPath, [...nodeOptions, child, ...args], { env: environment });
  let out = '';
  let err = '';
  started.stdout!.on('data', (chunk) => { out += chunk; });
  started.stderr!.on('data', (chunk) => { err += chunk; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => started.on('close', (code, signal) => resolve({ code, signal })));
  return { process: started, stdout: () => out, stderr: () => err, exited };
}

async function until(done: () => boolean, what: string, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > ms) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const runsIn = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : []);

test('started again once, with the tunable, its arguments, Node options and stdin; its exit code is the command\'s', async () => {
  const file = join(dir, 'exit');
  const run = start([file, 'exit', '5', 'an argument with spaces'], {}, ['--max-old-space-size=200']);
  run.process.stdin!.end('hello\n');
  const { code } = await run.exited;
  assert.is(code, 5, run.stderr());
  const [said, echoed] = run.stdout().trim().split('\n');
  assert.equal(JSON.parse(said), { argv: [file, 'exit', '5', 'an argument with spaces'], execArgv: ['--max-old-space-size=200'], tunables: HUGE_PAGES, parentVariable: null });
  assert.is(echoed, 'echo hello');
  const runs = runsIn(file);
  assert.is(runs.length, 1, 'the body ran once');
  assert.is.not(runs[0], String(run.process.pid), 'in the process started again');
});

test('TASKIFY_HUGEPAGES=0: nothing started again, the body runs in the command itself', async () => {
  const file = join(dir, 'opt-out');
  const run = start([file, 'exit', '0'], { TASKIFY_HUGEPAGES: '0' });
  run.process.stdin!.end('x\n');
  assert.is((await run.exited).code, 0, run.stderr());
  assert.equal(runsIn(file), [String(run.process.pid)]);
  assert.is(JSON.parse(run.stdout().split('\n')[0]).tunables, null);
});

test('a signal to the command reaches the process started again, and its exit is the command\'s', async () => {
  const file = join(dir, 'signal');
  const run = start([file, 'wait']);
  run.process.stdin!.write('x\n');
  await until(() => run.stdout().includes('waiting'), 'the started process to wait');
  run.process.kill('SIGTERM');
  const { code } = await run.exited;
  assert.is(code, 7, run.stderr());
  assert.match(run.stdout(), /got SIGTERM/);
  assert.is(runsIn(file).length, 1);
});

test('a process started again that dies by a signal makes the command die by it', async () => {
  const run = start([join(dir, 'kill'), 'kill']);
  run.process.stdin!.end('x\n');
  assert.equal(await run.exited, { code: null, signal: 'SIGKILL' });
});

test('a command killed outright does not leave the process it started running', async () => {
  const file = join(dir, 'orphan');
  const run = start([file, 'wait']);
  run.process.stdin!.write('x\n');
  await until(() => run.stdout().includes('waiting'), 'the started process to wait');
  const [pid] = runsIn(file).map(Number);
  run.process.kill('SIGKILL');
  await until(() => !alive(pid), 'the started process to die with its parent', 1000);
  assert.not.match(run.stdout(), /got SIGTERM/, 'killed, as its parent was, not stopped');
});

const alive = (pid: number): boolean => {
  try { process.kill(pid, 0); return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '); } catch { return false; }
};

/** The processes whose parent is `pid`, with their command lines and environments. */
function childrenOf(pid: number): { pid: number; cmdline: string; env: string[] }[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).flatMap((name) => {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== pid) return [];
      return [{ pid: Number(name), cmdline: readFileSync(`/proc/${name}/cmdline`, 'utf8'), env: readFileSync(`/proc/${name}/environ`, 'utf8').split('\0') }];
    } catch { return []; }
  });
}

const offered = hugePagesEnv({}, thisSystem) !== undefined;
const hasRedis = spawnSync('sh', ['-c', 'command -v redis-server']).status === 0;

test(`taskify worker runs with huge pages${offered ? '' : ' (not offered here: it runs as it was started)'}, and stops with its command`, async () => {
  if (!hasRedis) return;
  for (const env of [{}, { TASKIFY_HUGEPAGES: '0' }]) {
    const cluster = await startCluster({ workers: 1, threads: 1, env: { GLIBC_TUNABLES: undefined, ...env } });
    try {
      const [worker] = cluster.workers;
      // The worker's own command line: a run's lease watcher is a child too.
      const itself = readFileSync(`/proc/${worker.pid}/cmdline`, 'utf8');
      const started = childrenOf(worker.pid!).filter((c) => c.cmdline === itself);
      if (offered && !('TASKIFY_HUGEPAGES' in env)) {
        assert.is(started.length, 1, 'one worker started again');
        assert.ok(started[0].env.includes(`GLIBC_TUNABLES=${HUGE_PAGES}`));
        await cluster.stop();
        assert.not.ok(alive(started[0].pid), 'stopped with the command');
      } else {
        assert.is(started.length, 0, 'the worker is the command itself');
      }
    } finally {
      await cluster.stop();
    }
  }
});

test('taskify run starts the program with huge pages, unless told not to', () => {
  if (!offered) return;
  const program = join(dir, 'tunables.js');
  writeFileSync(program, 'console.log(process.env.GLIBC_TUNABLES ?? "none")');
  const shown = (env: NodeJS.ProcessEnv) => {
    const environment = { ...process.env, ...env };
    delete environment.GLIBC_TUNABLES;
      // runBuilt is what `taskify run` runs a build with, cached or just made.
    const run = spawnSync(process.execPath, ['-e', `process.exitCode = require(${JSON.stringify(join(__dirname, '..', 'transformer', 'run-cache.js'))}).runBuilt(${JSON.stringify(program)}, [])`],
      { env: environment, encoding: 'utf8' });
    return run.stdout.trim();
  };
  assert.is(shown({}), HUGE_PAGES);
  assert.is(shown({ TASKIFY_HUGEPAGES: '0' }), 'none');
});

test.run();
