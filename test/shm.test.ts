/**
 * @rro through the runtime: one segment per version however many workers read it, segments released when
 * their version dies, none left after any kind of exit, stale ones removed, and file reads when shared
 * memory is refused.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteObject, stats, task, waitAll, waitOn } from '../runtime';
import { current } from '../runtime/api/lifecycle';
import { SHM_DIR } from '../runtime/store/segments';
import { runFixture, tasksModule, type ChildRun } from './helpers';

type Tasks = typeof import('./fixtures/tasks');
const sumShared = task<Tasks['sumSlowly']>(tasksModule, 'sumSlowly', [{ direction: 'in', rro: true }, 'in']);
const scale = task<Tasks['scale']>(tasksModule, 'scale', ['inout', 'in']);

const prefix = () => {
  const active = current();
  if (active.kind !== 'pool') throw new Error('expected a worker pool');
  return active.runtime.segmentPrefix;
};
const segments = () => readdirSync(SHM_DIR).filter((name) => name.startsWith(prefix())).sort();
/** Mappings of this process (all its threads) of the segment `name`. */
const mappingsOf = (name: string) => readFileSync('/proc/self/maps', 'utf8').split('\n').filter((line) => line.includes(`/${name}`)).length;

async function eventually(check: () => boolean, what: string): Promise<void> {
  // 30 s: the watcher is a process of its own, and a loaded machine (CI shared with other runs; a load of 12 on two
  // cores failed at 10 s) delays its turn by seconds.
  for (const end = Date.now() + 30_000; !check() && Date.now() < end;) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(check(), what);
}

test('two workers reading one @rro array share one segment, each mapping it once', () => {
  const values = Float64Array.from({ length: 1 << 17 }, (_, i) => i % 10);
  const zero = { creations: 0, attaches: 0, hits: 0, fallbacks: 0, bytesMapped: 0 };
  const before = stats()?.rro ?? zero;
  // Slow readers, twice as many as workers: both workers hold the array at once, and each reads it twice.
  const sums = waitAll(Array.from({ length: 8 }, () => sumShared(values, 30)));
  assert.equal(sums, Array(8).fill(values.reduce((a, b) => a + b, 0)));
  const after = stats()!.rro;
  assert.is(after.creations - before.creations, 1, 'created once');
  assert.is(after.attaches - before.attaches, 1, 'attached by the other worker');
  assert.is(after.hits - before.hits, 6, 'every other read finds it in its worker table');
  assert.is(after.fallbacks - before.fallbacks, 0);
  const [segment, ...more] = segments();
  assert.equal(more, [], 'one segment on the machine');
  assert.is(mappingsOf(segment), 2, 'one mapping per worker');
  deleteObject(values);
});

test("a dead version's segment is removed at once, and unmapped by each worker at its next task", async () => {
  const deleted = new Float64Array(4096).fill(2);
  const superseded = new Float64Array(4096).fill(3);
  assert.equal(waitAll([sumShared(deleted, 30), sumShared(deleted, 30), sumShared(superseded, 30), sumShared(superseded, 30)]),
    [8192, 8192, 12288, 12288]);
  const [first, second, ...more] = segments();
  assert.equal(more, [], 'a segment each while both are live');
  assert.ok(mappingsOf(first) > 0 && mappingsOf(second) > 0);

  deleteObject(deleted);
  scale(superseded, 2); // a new version: the old one dies once its readers are done
  await eventually(() => segments().length === 0, 'both names removed once their versions are dead');
  // Each worker unmaps what died when it hears of it: with its next task.
  const other = new Float64Array(16).fill(1);
  assert.equal(waitAll([sumShared(other, 30), sumShared(other, 30), sumShared(other, 30), sumShared(other, 30)]), [16, 16, 16, 16]);
  assert.is(mappingsOf(first), 0, `${first} unmapped`);
  assert.is(mappingsOf(second), 0, `${second} unmapped`);
  assert.is(waitOn(sumShared(superseded, 0)), 24576, 'the new version is shared in turn');
  deleteObject(superseded);
  deleteObject(other);
  await eventually(() => segments().length === 0, 'no segment once nothing is live');
});

const roots: string[] = [];
test.after(() => { for (const root of roots) rmSync(root, { recursive: true, force: true }); });

interface Run extends ChildRun { prefix?: string }

async function runChild(mode: string, env: Record<string, string> = {}, onReady?: (child: ChildProcess) => void): Promise<Run> {
  const run = await runFixture('rro-child.js', mode, env, onReady);
  return { ...run, prefix: /PREFIX (\S+)/.exec(run.stdout)?.[1] };
}
const leftovers = (prefix: string) => readdirSync(SHM_DIR).filter((name) => name.startsWith(prefix));

test('no segment is left after a normal exit, a thrown error or SIGINT', async () => {
  const normal = await runChild('normal');
  assert.is(normal.code, 0, normal.stderr);
  assert.match(normal.stdout, /RESULT 262144\nSEGMENTS 1\n/);
  assert.equal(leftovers(normal.prefix!), []);

  const thrown = await runChild('throw');
  assert.is(thrown.code, 1);
  assert.match(thrown.stderr, /the program failed/);
  assert.match(thrown.stdout, /SEGMENTS 1\n/);
  assert.equal(leftovers(thrown.prefix!), []);

  const interrupted = await runChild('sigint', {}, (child) => child.kill('SIGINT'));
  assert.is(interrupted.signal, 'SIGINT');
  assert.match(interrupted.stdout, /SEGMENTS 1\n/);
  // (Removed by the run's watcher, a process of its own: see ownership.test.ts.)
  await eventually(() => leftovers(interrupted.prefix!).length === 0, 'removed by the watcher');
  assert.equal(leftovers(interrupted.prefix!), []);
});

test('kill -9 leaves no segment: the run\'s watcher removes them', async () => {
  const run = await runChild('hang', {}, (child) => child.kill('SIGKILL'));
  assert.is(run.signal, 'SIGKILL');
  await eventually(() => leftovers(run.prefix!).length === 0, 'removed by the watcher');
});

test('segments of a run killed along with its watcher: live while their lease is fresh, then stale and removed by `taskify shm clean` and by the next run', async () => {
  const cli = join(__dirname, '..', 'runtime', 'cli.js');
  const killed = async () => {
    const run = await runChild('orphan', {}, (child) => child.kill('SIGKILL'));
    assert.is(run.signal, 'SIGKILL');
    assert.is(leftovers(run.prefix!).length, 1, 'with no watcher, kill -9 leaves the segment behind');
    return run.prefix!;
  };
  /** What 30 s without a refresh would do to the run's leases. */
  const expire = (prefix: string) => {
    const id = prefix.split('-').slice(2, 4).join('-');
    const past = (Date.now() - 60_000) / 1000;
    for (const lease of [join(SHM_DIR, `taskify-shm-${id}.lease`), join(SHM_DIR, `taskify-run-${id}`, 'lease')]) utimesSync(lease, past, past);
  };
  const first = await killed();
  const ls = () => execFileSync(process.execPath, [cli, 'shm', 'ls'], { encoding: 'utf8' });
  assert.match(ls(), new RegExp(`live\\s+${first}d\\d+v\\d+`), 'just killed: its lease is fresh, it may be a live run elsewhere');
  expire(first);
  assert.match(ls(), new RegExp(`stale\\s+${first}d\\d+v\\d+`));
  const cleaned = execFileSync(process.execPath, [cli, 'shm', 'clean'], { encoding: 'utf8' });
  assert.match(cleaned, new RegExp(`removed ${SHM_DIR}/${first}`));
  assert.equal(leftovers(first), []);

  const second = await killed();
  expire(second);
  const next = await runChild('normal');
  assert.is(next.code, 0, next.stderr);
  assert.equal(leftovers(second), [], 'the next run removed it');
  const id = (prefix: string) => prefix.split('-').slice(2, 4).join('-');
  for (const prefix of [first, second]) {
    assert.not.ok(existsSync(join(SHM_DIR, `taskify-run-${id(prefix)}`)), 'and the run directory, whose lease was stale too');
  }
});

test('shared memory refused (a tiny TASKIFY_SHM_LIMIT_MB): the same results from files, and one warning', async () => {
  const root = mkdtempSync(join(tmpdir(), 'taskify-shm-limit-'));
  roots.push(root);
  const statsFile = join(root, 'stats.json');
  const run = await runChild('normal', { TASKIFY_SHM_LIMIT_MB: '0', TASKIFY_STATS: statsFile });
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stdout, /RESULT 262144\nSEGMENTS 0\n/);
  const warnings = run.stderr.match(/warning: @rro arguments are read from their files/g) ?? [];
  assert.is(warnings.length, 1, run.stderr);
  assert.match(run.stderr, /TASKIFY_SHM_LIMIT_MB=0/);
  const { rro } = JSON.parse(readFileSync(statsFile, 'utf8'));
  assert.ok(rro.fallbacks >= 1, 'each worker read the file once…');
  assert.is(rro.fallbacks + rro.hits, 4, '…and then had it in its cache');
  assert.is(rro.creations + rro.attaches, 0);

  const off = await runChild('normal', { TASKIFY_SHM: '0' });
  assert.is(off.code, 0, off.stderr);
  assert.match(off.stdout, /RESULT 262144\nSEGMENTS 0\n/);
  assert.not.match(off.stderr, /warning/, 'turned off on purpose: nothing to warn about');
});

test('an @rro parameter must be an in parameter', () => {
  assert.throws(() => task(tasksModule, 'scale', [{ direction: 'inout', rro: true }, 'in']), /scale: parameter #0 is @rro, so it must be "in"/);
});

test.run();
