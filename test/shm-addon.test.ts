/** The patched shm-typed-array build, the segment layout taskify writes, and the race to create a segment. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RroCounts } from '../runtime/protocol';
import { createRunDir, removeRunDir, runIdOf } from '../runtime/store/run-dir';
import { SHM_DIR, copySegment, newSegmentPrefix, removeRunSegments, segmentFile, segmentName } from '../runtime/store/segments';
import { BODY_START } from '../runtime/store/codec';
import { versionPath, writeVersion } from '../runtime/store/version-file';
import { shmAddon } from '../runtime/store/shm-addon';
import { fixtures } from './helpers';

const shmDir = dirname(require.resolve('shm-typed-array/package.json'));
// Made when this file's tests start, not when the suite loads it: a run directory whose lease nobody refreshes is
// stale after 30 s, and the next run made in the same store removes it (run-dir.ts removeStaleRunDirs).
let runDir = '';
let prefix = '';
test.before(() => { runDir = createRunDir(tmpdir()); prefix = newSegmentPrefix(runIdOf(runDir)); });
test.after(() => { removeRunSegments(prefix); removeRunDir(runDir); });

/** Runs `source` in a fresh node process; returns its exit status and output. */
function node(source: string) {
  const run = spawnSync(process.execPath, ['-e', source], { encoding: 'utf8' });
  return { status: run.status, signal: run.signal, output: run.stdout + run.stderr };
}

test('the installed shm-typed-array is the patched build: its source and a load in the main thread and two workers', () => {
  const source = readFileSync(join(shmDir, 'src', 'node_shm.cc'), 'utf8');
  assert.match(source, /thread_local std::vector<ShmMeta> shmMeta;/, 'run npm ci (postinstall applies patches/shm-typed-array+0.1.1.patch)');
  assert.match(source, /NAN_MODULE_WORKER_ENABLED\(shm, InitForEachContext\)/);
  const run = node(`require(${JSON.stringify(shmDir)});
    const { Worker } = require('node:worker_threads');
    for (let i = 0; i < 2; i++) new Worker('require(${JSON.stringify(shmDir)})', { eval: true }).on('error', (e) => { console.error(e.message); process.exit(1); });`);
  assert.is(run.status, 0, `an unpatched build fails the second load with "did not self-register": ${run.output}`);
});

test("a worker's exit leaves the segments other threads mapped intact", () => {
  // With process-wide state the worker's exit hook would unmap the main thread's mapping: a SIGSEGV here.
  const name = `/${prefix}exit-test`;
  const run = node(`const shm = require(${JSON.stringify(shmDir)});
    const { Worker } = require('node:worker_threads');
    const mine = shm.create(1024, 'Float64Array', ${JSON.stringify(name)}, '600');
    mine.fill(7);
    const w = new Worker('const shm = require(${JSON.stringify(shmDir)}); shm.get(${JSON.stringify(name)}, "Float64Array")[1] = 8;', { eval: true });
    w.on('exit', () => {
      setTimeout(() => { process.stdout.write(String(mine[0] + mine[1] + mine[1023])); shm.destroy(${JSON.stringify(name)}); }, 50);
    });`);
  assert.is(run.signal, null, run.output);
  assert.is(run.status, 0, run.output);
  assert.is(run.output.trim(), '22', JSON.stringify(run.output));
});

test('segment layout: a version file, linked or copied, is what shm-typed-array attaches, and the other way round', () => {
  const loaded = shmAddon();
  if ('reason' in loaded) throw new Error(loaded.reason);
  const shm = loaded.addon;
  const values = Float64Array.from({ length: 1000 }, (_, i) => i * 1.5);
  writeVersion(runDir, 'd1v1', values);
  assert.ok(copySegment(prefix, 'd1v1', versionPath(runDir, 'd1v1')));
  assert.not.ok(copySegment(prefix, 'd1v1', versionPath(runDir, 'd1v1')), 'a second writer does not replace it');
  assert.is(statSync(segmentFile(prefix, 'd1v1')).mode & 0o777, 0o600);
  const attached = shm.get(segmentName(prefix, 'd1v1'), 'Float64Array')!;
  assert.equal(Array.from(attached), Array.from(values));
  shm.detach(segmentName(prefix, 'd1v1'));

  const made = shm.create(10, 'Int32Array', segmentName(prefix, 'd9v1'), '600')!;
  made.fill(3);
  const file = readFileSync(segmentFile(prefix, 'd9v1'));
  assert.is(file.byteLength, BODY_START + 40, "the library's header is as long as a data file's");
  assert.is(Number(file.readBigUInt64LE(0)), 40);
  assert.is(file.readInt32LE(BODY_START + 36), 3);
  shm.destroy(segmentName(prefix, 'd9v1'));
});

async function race(root: string) {
  const dir = createRunDir(root);
  const racePrefix = newSegmentPrefix(runIdOf(dir));
  const threads = 4;
  const keys = Array.from({ length: 16 }, (_, i) => `d${100 + i}v1`);
  try {
    const expected = keys.map((key, i) => {
      const values = Float64Array.from({ length: 128 * 1024 }, (_, j) => (i + 1) * (j % 7));
      writeVersion(dir, key, values);
      return values.reduce((a, b) => a + b, 0);
    });
    const gate = new SharedArrayBuffer(4);
    const reports = await Promise.all(Array.from({ length: threads }, () => new Promise<{ counts: RroCounts; sums: number[] }>((resolve, reject) => {
      const worker = new Worker(join(fixtures, 'rro-racer.js'), { workerData: { runDir: dir, prefix: racePrefix, keys, gate, threads } });
      worker.once('message', resolve);
      worker.once('error', reject);
    })));
    for (const report of reports) assert.equal(report.sums, expected);
    const total = (field: 'creations' | 'attaches' | 'fallbacks') => reports.reduce((n, r) => n + r.counts[field], 0);
    assert.is(total('fallbacks'), 0);
    assert.is(total('creations'), keys.length, 'each version created once');
    assert.is(total('attaches'), keys.length * (threads - 1));
    const segments = readdirSync(SHM_DIR).filter((name) => name.startsWith(racePrefix));
    assert.equal(segments.sort(), keys.map((key) => racePrefix + key).sort(), 'one segment per version, no temporary left');
    return segments.map((name) => statSync(join(SHM_DIR, name)).nlink);
  } finally {
    removeRunSegments(racePrefix);
    removeRunDir(dir);
  }
}

test('the race to create, run directory on /dev/shm: one segment per version, the version file itself (a link)', async () => {
  const links = await race(SHM_DIR);
  assert.ok(links.every((n) => n === 2), 'segment and version file are one inode');
});

test('the race to create, run directory elsewhere: one segment per version, a copy', async () => {
  const root = mkdtempSync(join(process.cwd(), '.taskify-race-'));
  try {
    if (statSync(root).dev === statSync(SHM_DIR).dev) throw new Error(`${root} is on /dev/shm's file system: no copy path to test`);
    const links = await race(root);
    assert.ok(links.every((n) => n === 1), 'copies');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
