/**
 * What comes from outside the process is checked before use: version keys (they become file names: only `d<id>v<ver>`
 * may), jobs on a machine's queue (only the program's own modules run), and Redis addresses in messages (no password).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkedVersionKey } from '../runtime/protocol';
import { readVersionBytes, removeVersion, versionPath, writeEncoded } from '../runtime/store/version-file';
import { segmentFile, segmentName } from '../runtime/store/segments';
import { badRedisUrl, redisLost, redisUnreachable, shownUrl } from '../runtime/errors';
import { refusalOf } from '../runtime/distributed/job-check';
import { checkSecretPolicy, clusterSecret, sign, verified } from '../runtime/distributed/signing';
import type { RemoteJob } from '../runtime/protocol';
import { pathToFileURL } from 'node:url';
import { redisUrl } from '../runtime/config';

const BAD = ['/../../etc/passwd', '../d1v1', 'd1v1/../../x', 'd1v', 'dxv1', 'd1v1\u0000', '', 'd1v1.tmp', 'D1V1'];

test('only d<id>v<version> is a version key', () => {
  assert.is(checkedVersionKey('d12v3'), 'd12v3');
  for (const key of BAD) assert.throws(() => checkedVersionKey(key), /refused a version key/, JSON.stringify(key));
  assert.throws(() => checkedVersionKey(42), /refused a version key/);
});

test('no store operation follows a key out of the run directory', () => {
  const root = mkdtempSync(join(tmpdir(), 'taskify-keys-'));
  const runDir = join(root, 'run');
  const outside = join(root, 'victim');
  writeFileSync(outside, 'keep me');
  try {
    require('node:fs').mkdirSync(runDir);
    const bytes = new Uint8Array([1, 2, 3]);
    for (const key of ['../victim', '/../victim', '../run/../victim']) {
      assert.throws(() => writeEncoded(runDir, key, { parts: [bytes], byteLength: 3 }), /refused a version key/);
      assert.throws(() => removeVersion(runDir, key), /refused a version key/);
      assert.throws(() => readVersionBytes(runDir, key), /refused a version key/);
      assert.throws(() => versionPath(runDir, key), /refused a version key/);
      assert.throws(() => segmentFile('taskify-shm-test-', key), /refused a version key/);
      assert.throws(() => segmentName('taskify-shm-test-', key), /refused a version key/);
    }
    assert.ok(existsSync(outside), 'the file outside is still there');
    assert.equal(readdirSync(runDir), [], 'nothing was written in the run directory either');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a Redis password never appears in what taskify prints; refused credentials are said as such', () => {
  const url = 'redis://:s3cret-pw@db.example:6380/0';
  assert.is(shownUrl(url), 'redis://:***@db.example:6380/0');
  assert.is(shownUrl('redis://localhost:6379'), 'redis://localhost:6379');
  for (const error of [redisUnreachable(url, 'connect ECONNREFUSED'), redisLost(url, 'socket closed'), badRedisUrl('redis//:s3cret-pw@x', 'TASKIFY_REDIS')]) {
    assert.not.match(error.message, /s3cret-pw/, error.message);
  }
  assert.match(redisUnreachable(url, 'WRONGPASS invalid username-password pair').message, /refused the credentials/);
  assert.not.match(redisUnreachable(url, 'WRONGPASS invalid username-password pair').message, /start one/i);
});

test('a machine runs a job only for a module of the program under its root, with an export name and version keys', () => {
  const root = join(__dirname, '..');
  const ours = pathToFileURL(join(__dirname, 'fixtures', 'tasks.js')).href;
  const job = (module: string, extra: Partial<RemoteJob> = {}, name = 'add'): RemoteJob =>
    ({ run: 'host-1-abc', sources: {}, forget: [], task: { taskId: 1, module, name, args: [{ read: 'd1v1' }], result: 'd2v1' }, ...extra });
  assert.is(refusalOf(job(ours), root), undefined);
  assert.match(refusalOf(job('node:child_process', {}, 'execSync'), root)!, /not a file: URL of the program/);
  assert.match(refusalOf(job('data:text/javascript,1'), root)!, /not a file: URL/);
  assert.match(refusalOf(job('https://example.com/x.js'), root)!, /not a file: URL/);
  assert.match(refusalOf(job(pathToFileURL('/etc/hostname').href), root)!, /outside the directory this machine serves/);
  assert.match(refusalOf(job(`${ours}/../../../../../../etc/hostname`), root)!, /outside the directory|does not exist/);
  assert.match(refusalOf(job(ours, {}, 'a.b'), root)!, /not an export name/);
  assert.match(refusalOf(job(ours, { run: '../x' }), root)!, /run id/);
  assert.match(refusalOf(job(ours, { forget: ['../../x'] }), root)!, /refused a version key/);
  assert.match(refusalOf(job(ours, { sources: { '/../../x': { inline: '', sum: '0'.repeat(16) } } }), root)!, /refused a version key/);
  // Sources are checked before anything is fetched or allocated for them.
  const sum = 'a'.repeat(16);
  // A blob's checksum is in its stream's last entry, sealed (blob-link.ts); an inline source's in the job.
  const blob = (extra: object) => job(ours, { sources: { d1v1: { blob: 'taskify:run:host-1-abc:d1v1:m', bytes: 100, chunks: 1, ...extra } as never } });
  assert.is(refusalOf(blob({}), root), undefined);
  assert.match(refusalOf(job(ours, { sources: { d1v1: { inline: 'AAAA' } as never } }), root)!, /an inline version has no valid checksum/);
  assert.match(refusalOf(job(ours, { sources: { d1v1: { inline: 'AAAA', sum: 'x' } } }), root)!, /an inline version has no valid checksum/);
  assert.match(refusalOf(blob({ blob: 'taskify:run:other-run:d1v1:m' }), root)!, /not a key of this run/);
  assert.match(refusalOf(blob({ blob: 'bull:some-queue:meta' }), root)!, /not a key of this run/);
  assert.match(refusalOf(blob({ bytes: 2 ** 53 }), root)!, /size is out of bounds/);
  assert.match(refusalOf(blob({ bytes: -1 }), root)!, /size is out of bounds/);
  assert.match(refusalOf(blob({ bytes: 100, chunks: 1000 }), root)!, /chunk count 1000 does not fit its size 100/);
  assert.match(refusalOf(job(ours, { sources: { d1v1: { inline: 'A'.repeat(100_000), sum } } }), root)!, /within the inline limit/);
  assert.match(refusalOf(job(ours, { sources: null as never }), root)!, /malformed/);
  assert.match(refusalOf(job(ours, { timeoutMs: -5 }), root)!, /timeout is not a positive number/);
});

test('a data file\'s framing is checked before anything decodes it', () => {
  const { encodeValue, frameProblem } = require('../runtime/store/codec') as typeof import('../runtime/store/codec');
  for (const value of [new Float64Array(1000).fill(2), { a: [1, 'x'], b: new Int32Array(3) }, 'text']) {
    const encoded = encodeValue(value);
    const bytes = Buffer.concat(encoded.parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
    const read = (b: Buffer) => (offset: number, length: number) => b.subarray(offset, offset + length);
    assert.is(frameProblem(bytes.length, read(bytes)), undefined, JSON.stringify(value));
    assert.match(frameProblem(bytes.length - 8, read(bytes.subarray(0, -8)))!, /does not end at its end|past its end/);
    const big = Buffer.from(bytes); big.writeBigUInt64LE(2n ** 40n, 0);
    assert.match(frameProblem(big.length, read(big))!, /body length 1099511627776 is past its end/);
    const noId = Buffer.from(bytes); noId.write('XXXX', bytes.indexOf('TSKF'));
    assert.match(frameProblem(noId.length, read(noId))!, /TSKF/);
  }
  assert.match(frameProblem(5, () => Buffer.alloc(5))!, /too few/);
});

test('a signed message verifies only with its secret and unchanged; without a secret messages pass as they are', () => {
  const job = { run: 'r', task: { name: 'add', args: [{ value: 1 }] } };
  const signed = sign('s3cret', job);
  assert.equal(verified('s3cret', JSON.parse(JSON.stringify(signed))), job, 'through JSON, as through Redis');
  assert.is(verified('other', signed), undefined, 'another secret');
  assert.is(verified('s3cret', { ...signed, run: 'x' }), undefined, 'changed after signing');
  assert.is(verified('s3cret', job), undefined, 'unsigned');
  assert.is(verified('s3cret', { ...job, sig: 'zz' }), undefined, 'a malformed signature');
  assert.equal(verified(undefined, job), job);
  assert.equal(sign(undefined, job), job);
});

test('the cluster secret: from TASKIFY_SECRET or a file; required unless Redis is on loopback', () => {
  assert.is(clusterSecret({ TASKIFY_SECRET: 'a' }), 'a');
  const dir = mkdtempSync(join(tmpdir(), 'taskify-secret-'));
  try {
    writeFileSync(join(dir, 'secret'), 'from-file\n');
    assert.is(clusterSecret({ TASKIFY_SECRET_FILE: join(dir, 'secret') }), 'from-file');
    assert.throws(() => clusterSecret({ TASKIFY_SECRET_FILE: join(dir, 'missing') }), /^TASKIFY_SECRET_FILE must name a readable file holding the cluster secret, got ".*missing" \(ENOENT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.throws(() => checkSecretPolicy('redis://:pw@db.example:6379', undefined, 'taskify'), /must be signed: set TASKIFY_SECRET/);
  assert.not.throws(() => checkSecretPolicy('redis://db.example:6379', 'x', 'taskify'));
});

test('the Redis address from a file (`@path`): read, trimmed, checked, its password never shown', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskify-redis-url-'));
  try {
    writeFileSync(join(dir, 'url'), 'redis://:hunter2@db.example:6379\n');
    writeFileSync(join(dir, 'bad'), 'http://:hunter2@db.example\n');
    writeFileSync(join(dir, 'empty'), '\n');
    assert.is(redisUrl(`@${join(dir, 'url')}`, 'TASKIFY_REDIS'), 'redis://:hunter2@db.example:6379');
    assert.throws(() => redisUrl(`@${join(dir, 'missing')}`, '--redis'), /^--redis must name a readable file holding the Redis address after its @, got "@.*missing" \(ENOENT/);
    assert.throws(() => redisUrl(`@${join(dir, 'empty')}`, 'TASKIFY_REDIS'), /it is empty/);
    try { redisUrl(`@${join(dir, 'bad')}`, 'TASKIFY_REDIS'); assert.unreachable('an http address'); } catch (error) {
      assert.match((error as Error).message, /^TASKIFY_REDIS must be a redis:\/\/host:port address/);
      assert.not.match((error as Error).message, /hunter2/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
