/**
 * Version bytes through Redis streams (runtime/distributed/blob-link.ts), against a redis-server of the suite's own:
 * a reader follows a blob while it is written and gets the same bytes; damage of every kind in Redis (a changed
 * chunk, a cut or missing one, a forged checksum, a blob gone, bytes that frame no data file) is refused before the
 * file appears, with TASKIFY_CORRUPT_DATA naming the data; a blob deleted mid-upload stops the upload and stays gone.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, redisServer, startCluster, type Cluster } from './cluster';
import { connect, type Redis } from '../runtime/distributed/redis';
import { BlobLink, CHUNK_BYTES } from '../runtime/distributed/blob-link';
import { deleteBlob, fetchToFile, publishFile } from '../runtime/distributed/blobs';
import { versionPath, writeVersion } from '../runtime/store/version-file';
import { decodeLanded, landedBytes, landedInto, landedOwnTypedArray } from '../runtime/store/landed';

const SECRET = 'blob-link-test-secret';
const work = mkdtempSync(join(tmpdir(), 'taskify-blob-link-'));
const [from, to] = ['from', 'to'].map((name) => { const dir = join(work, name); require('node:fs').mkdirSync(dir); return dir; });
let cluster: Cluster;
let redis: Redis;
let link: BlobLink;

async function rejects(promise: Promise<unknown>, pattern: RegExp, what?: string): Promise<void> {
  try { await promise; } catch (error) { assert.match(String(error), pattern, `${what ?? ''} (got: ${String(error).slice(0, 300)})`); return; }
  assert.unreachable(`did not reject${what ? `: ${what}` : ''}`);
}

/** The blob's stream entries, changed by `change`, put back in place of the original. */
async function rewrite(blob: string, change: (entries: Buffer[][]) => Buffer[][]): Promise<void> {
  const entries = (await redis.xrangeBuffer(blob, '-', '+')).map(([, fields]) => fields);
  await redis.del(blob);
  for (const fields of change(entries)) await redis.xadd(blob, '*', ...fields);
}

const fetched = (key: string) => readFileSync(versionPath(to, key));
const publish = (blob: string, key: string, cancelled?: () => boolean) => publishFile(redis, link, 'test', blob, from, key, 60, 0n, cancelled);
const what = 'version d2v1, argument 1 of task sum';

if (!redisServer()) {
  test('redis-server is installed', () => { assert.unreachable('redis-server is not on the PATH: run the tests with `npm test`'); });
} else {
  test.before(async () => {
    cluster = await startCluster({ workers: 0, threads: 1 });
    redis = await connect(cluster.url);
    link = new BlobLink(cluster.url, SECRET, 2000);
    await redis.set('taskify:run:test:alive', '1'); // blobs are made only for a live run
  });
  test.after(async () => {
    link?.close();
    redis?.disconnect();
    await cluster?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  test('a reader follows the blob while it is written, and gets the same bytes; deleting it leaves no key', async () => {
    writeVersion(from, 'd1v1', new Float64Array((2.5 * CHUNK_BYTES) / 8).map((_, i) => i % 251));
    const reader = new BlobLink(cluster.url, SECRET);
    try {
      const source = { blob: 'taskify:run:test:d1v1:a', bytes: readFileSync(versionPath(from, 'd1v1')).length, chunks: 3 };
      const published = await publish(source.blob, 'd1v1');
      assert.equal(published.source, source);
      const fetching = fetchToFile(reader, source, 0n, what, to, 'd1v1'); // while the upload goes on
      assert.is(await published.stored, true);
      assert.is(await fetching, source.bytes);
      assert.ok(fetched('d1v1').equals(readFileSync(versionPath(from, 'd1v1'))), 'same bytes');
      assert.is((await redis.xlen(source.blob)), 5, 'its beginning, three chunks and the checksum');
      assert.ok((await redis.ttl(source.blob)) > 0, 'it expires');
      await deleteBlob(redis, published.source);
      assert.equal(cluster.keys('taskify:run:test:d*'), []);
    } finally {
      reader.close();
    }
  });

  test('a reader that comes after the upload takes many entries per read, a last chunk of a few bytes included', async () => {
    writeVersion(from, 'd8v1', new Float64Array(CHUNK_BYTES / 8).map((_, i) => i % 251)); // a chunk, then ~100 bytes
    const blob = 'taskify:run:test:d8v1:a';
    const { source, stored } = await publish(blob, 'd8v1');
    assert.is(await stored, true);
    assert.ok('blob' in source && source.chunks === 2 && source.bytes - CHUNK_BYTES < 1024);
    await fetchToFile(link, source, 0n, what, to, 'd8v1');
    assert.ok(fetched('d8v1').equals(readFileSync(versionPath(from, 'd8v1'))), 'same bytes');
    rmSync(versionPath(to, 'd8v1'));
    const original = (await redis.xrangeBuffer(blob, '-', '+')).map(([, fields]) => fields);
    await rewrite(blob, (entries) => [entries[0], entries[2], entries[1], entries[3]]); // the short chunk first
    await rejects(fetchToFile(link, source, 0n, what, to, 'd8v1'), /arrived damaged from Redis \(a short chunk is not its last one\)/);
    assert.not.ok(existsSync(versionPath(to, 'd8v1')));
    await rewrite(blob, () => original);
    await deleteBlob(redis, source);
  });

  test('a blob changed, cut, forged or gone in Redis is refused before its file appears, naming the data', async () => {
    writeVersion(from, 'd2v1', new Float64Array(1.5 * CHUNK_BYTES / 8).map((_, i) => i % 251));
    const blob = 'taskify:run:test:d2v1:a';
    const { source, stored } = await publish(blob, 'd2v1');
    await stored;
    assert.ok('blob' in source && source.chunks === 2);
    const get = (reader = link) => fetchToFile(reader, source, 0n, what, to, 'd2v1');
    const damaged = new RegExp(`^TaskifyError: ${what} arrived damaged from Redis \\(`);
    await get(); // intact
    rmSync(versionPath(to, 'd2v1'));
    const stranger = new BlobLink(cluster.url, 'another secret', 2000);
    await rejects(get(stranger).finally(() => stranger.close()), /not sealed with this cluster's secret/, 'another cluster\'s secret');
    const original = (await redis.xrangeBuffer(blob, '-', '+')).map(([, fields]) => fields);
    const restore = () => rewrite(blob, () => original);

    await rewrite(blob, (entries) => entries.map((fields, i) => (i === 1 ? [fields[0], Buffer.concat([Buffer.from('x'), fields[1].subarray(1)])] : fields)));
    await rejects(get(), new RegExp(`${damaged.source}checksum [0-9a-f]{16} of ${source.bytes} bytes, expected [0-9a-f]{16}\\)`));
    await restore();
    await rewrite(blob, (entries) => entries.map((fields, i) => (i === 1 ? [fields[0], fields[1].subarray(0, 99_000)] : fields)));
    await rejects(get(), /arrived damaged from Redis \(\d+ bytes arrived, expected/);
    await restore();
    // entries: begin, two chunks, the checksum
    await rewrite(blob, (entries) => [entries[0], entries[1], entries[3]]);
    await rejects(get(), /arrived damaged from Redis \(\d+ bytes arrived, expected/, 'a chunk left out');
    await restore();
    await rewrite(blob, (entries) => [entries[0], entries[1], entries[1].concat([]), entries[2], entries[3]]);
    await rejects(get(), /arrived damaged from Redis \(an entry of \d+ bytes where at most \d+ remain/, 'a chunk twice');
    await restore();
    await rewrite(blob, (entries) => [...entries.slice(0, 3), [Buffer.from('sum'), Buffer.from('0'.repeat(16)), Buffer.from('sig'), Buffer.from('f'.repeat(64))]]);
    await rejects(get(), /not sealed with this cluster's secret/, 'a forged checksum');
    await restore();
    await rewrite(blob, (entries) => [entries[0], [Buffer.from('x'), Buffer.from('y')], ...entries.slice(2)]);
    await rejects(get(), /an entry of its stream has an unexpected form/);
    await restore();
    await rewrite(blob, (entries) => entries.slice(0, 2)); // its writer stopped after one chunk
    await rejects(get(), /no data of taskify:run:test:d2v1:a came for 2 s \(its writer stopped\)/);
    await redis.del(blob);
    const started = Date.now();
    await rejects(get(), /version data taskify:run:test:d2v1:a is gone from Redis \(expired, or deleted by a run that ended\)/);
    assert.ok(Date.now() - started < 1900, 'a blob gone is said within a second or so');
    assert.not.ok(existsSync(versionPath(to, 'd2v1')), 'no file appeared');
    assert.equal(readdirSync(to).filter((name) => name.endsWith('.tmp')), [], 'no temporary file stays');

    // Bytes whose checksum is sealed but that are no data file (a secret holder's bug) are refused too.
    writeFileSync(versionPath(from, 'd3v1'), Buffer.alloc(20_000, 7));
    const garbage = await publish('taskify:run:test:d3v1:a', 'd3v1');
    await garbage.stored;
    await rejects(fetchToFile(link, garbage.source, 0n, what, to, 'd3v1'), /arrived damaged from Redis \(not a data file: its body length/);
    await deleteBlob(redis, garbage.source);
  });

  test('small versions travel inline with their checksum', async () => {
    writeVersion(from, 'd4v1', new Float64Array([1, 2, 3]));
    const { source } = await publishFile(redis, link, 'test', 'unused', from, 'd4v1', 60, 7n);
    assert.ok('inline' in source);
    await fetchToFile(link, source, 7n, what, to, 'd4v1');
    assert.ok(fetched('d4v1').equals(readFileSync(versionPath(from, 'd4v1'))));
    const changed = Buffer.from(source.inline, 'base64'); changed[20] ^= 1;
    await rejects(fetchToFile(link, { ...source, inline: changed.toString('base64') }, 7n, what, to, 'd5v1'), /checksum/);
  });

  test('an upload whose blob is deleted meanwhile, or that is cancelled, stops and leaves no key; a run that ended gets no blob', async () => {
    writeVersion(from, 'd6v1', new Float64Array((8 * CHUNK_BYTES) / 8));
    const blob = 'taskify:run:test:d6v1:a';
    let checks = 0;
    const deleted = await publish(blob, 'd6v1', () => {
      if (++checks === 3) void redis.unlink(blob); // deleted as a released version's blob is, two chunks in
      return false;
    });
    assert.is(await deleted.stored, false);
    assert.equal(cluster.keys('taskify:run:test:d*'), []);
    let calls = 0;
    assert.is(await (await publish(blob, 'd6v1', () => ++calls > 2)).stored, false);
    assert.equal(cluster.keys('taskify:run:test:d*'), []);
    const late = await publishFile(redis, link, 'ended', 'taskify:run:ended:d6v1:a', from, 'd6v1', 60, 0n);
    assert.is(await late.stored, false);
    assert.equal(cluster.keys('taskify:run:ended:*'), []);
  });
}

if (redisServer()) {
  test('a failed upload removes its blob: a reader says it is gone within a second or so', async () => {
    const broken = new BlobLink(`redis://127.0.0.1:${await freePort()}`, SECRET); // nothing listens there
    writeVersion(from, 'd7v1', new Float64Array(10_000));
    const { source, stored } = await publishFile(redis, broken, 'test', 'taskify:run:test:d7v1:a', from, 'd7v1', 60, 0n);
    await rejects(stored, /lost the data connection to Redis at redis:\/\/127\.0\.0\.1:\d+\/?: connect ECONNREFUSED/);
    const started = Date.now();
    await rejects(fetchToFile(link, source, 0n, what, to, 'd7v1'), /version data taskify:run:test:d7v1:a is gone from Redis/);
    assert.ok(Date.now() - started < 2500, `said after ${Date.now() - started} ms`);
    assert.equal(cluster.keys('taskify:run:test:d*'), []);
    broken.close();
  });
  test('a blob landed in memory for the main thread: its body in a buffer of its own, a typed array a view of it', async () => {
    const values = new Float64Array((1.5 * CHUNK_BYTES) / 8).map((_, i) => i % 251);
    writeVersion(from, 'd11v1', values);
    const file = readFileSync(versionPath(from, 'd11v1'));
    const blob = 'taskify:run:test:d11v1:a';
    const { source, stored } = await publish(blob, 'd11v1');
    assert.ok('blob' in source);
    const landed = await link.getLanded(source as Extract<typeof source, { blob: string }>, what);
    assert.is(await stored, true);
    assert.is(landed.body.buffer.byteLength, values.byteLength, 'the body alone in its buffer');
    assert.ok(Buffer.concat([landed.head, landed.body, landed.tail]).equals(file), 'the file\'s bytes, in order');
    const own = landedOwnTypedArray(landed)!;
    assert.instance(own.value, Float64Array);
    assert.is(own.value.buffer, landed.body.buffer, 'no copy');
    assert.equal(own.value, values);
    const into = new Float64Array(values.length - 2);
    assert.ok(landedInto(landed, into, 16) > 0);
    assert.equal(into, values.subarray(2));
    assert.is(landedInto(landed, new Float64Array(3)), -1, 'not the same size');
    assert.equal(decodeLanded(landed).value, values);
    assert.ok(Buffer.from(landedBytes(landed)).equals(file));
    // A body length past the blob's end is refused as it arrives, before a buffer of that size is made.
    const original = (await redis.xrangeBuffer(blob, '-', '+')).map(([, fields]) => fields);
    await rewrite(blob, (entries) => entries.map((fields, i) => {
      if (i !== 1) return fields;
      const changed = Buffer.from(fields[1]);
      changed.writeBigUInt64LE(1n << 40n, 0);
      return [fields[0], changed];
    }));
    await rejects(link.getLanded(source as Extract<typeof source, { blob: string }>, what),
      /version d2v1, argument 1 of task sum.*body length 1099511627776 is past its end/, "body length");
    await rewrite(blob, () => original);
    writeVersion(from, 'd12v1', { name: 'not a typed array', list: Array.from({ length: 3000 }, (_, i) => ({ i, s: 'x'.repeat(10) })) });
    const other = await publish('taskify:run:test:d12v1:a', 'd12v1');
    const otherLanded = await link.getLanded(other.source as Extract<typeof source, { blob: string }>, what);
    assert.is(landedOwnTypedArray(otherLanded), undefined);
    assert.is((decodeLanded(otherLanded).value as { list: unknown[] }).list.length, 3000);
    await deleteBlob(redis, source);
    await deleteBlob(redis, other.source);
  });
}

test.run();