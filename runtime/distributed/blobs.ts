/**
 * Version bytes in Redis: raw Buffers (base64 inside a job costs about 7x more), split into chunks of at most
 * 64 MiB, each with an expiry as a safety net for runs that die before they delete them. Every source carries the
 * bytes' checksum; what comes back is checked (size, every chunk, checksum) before anyone writes or decodes it.
 */
import type { VersionSource } from '../protocol';
import { MAX_FILE_BYTES, frameProblem } from '../store/codec';
import { corruptData } from '../errors';
import type { Redis } from './redis';
import { CHECKSUM, Checksum, checksum } from './checksum';
import type { BlobLink } from './blob-link';
import { readVersionBytes, versionPath, writeEncoded } from '../store/version-file';
import { statSync } from 'node:fs';
import { chunkKey, runPrefix } from './names';

export const CHUNK_BYTES = 64 * 1024 * 1024;
/** Versions at most this big travel inside the job or its return value: one round trip fewer. */
export const INLINE_BYTES = 16 * 1024;

type BlobSource = Extract<VersionSource, { blob: string }>;

export async function putBlob(redis: Redis, blob: string, bytes: Uint8Array, ttlSeconds: number, seed: bigint): Promise<VersionSource> {
  const chunks = chunksFor(bytes.byteLength);
  const pipeline = redis.pipeline();
  for (let i = 0; i < chunks; i++) {
    const part = bytes.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES);
    pipeline.set(chunkKey(blob, i), Buffer.from(part.buffer, part.byteOffset, part.byteLength), 'EX', ttlSeconds);
  }
  await exec(pipeline);
  return { blob, bytes: bytes.byteLength, chunks, sum: checksum(seed, bytes) };
}

/**
 * The bytes in one fresh buffer of their own at offset 0 (typed-array views on it must be aligned), checked.
 * `what` names the data and who needs it, for the error when they are not what was sent.
 */
export async function getBlob(redis: Redis, source: BlobSource, seed: bigint, what: string): Promise<Buffer> {
  const out = Buffer.allocUnsafeSlow(source.bytes);
  let at = 0;
  for (let i = 0; i < source.chunks; i++) {
    const part = await redis.getBuffer(chunkKey(source.blob, i));
    if (part === null) throw new Error(`taskify: ${what}: version data ${source.blob} is gone from Redis (expired, or deleted by a run that ended)`);
    const expected = Math.min(CHUNK_BYTES, source.bytes - i * CHUNK_BYTES);
    if (part.byteLength !== expected) throw corruptData(what, `chunk ${i} has ${part.byteLength} bytes, expected ${expected}`);
    out.set(part, at);
    at += part.byteLength;
  }
  verify(out, source.sum, seed, what);
  return out;
}

/** Where a version's bytes will be found: inline when small, else in a blob of their own. */
export function publish(redis: Redis, blob: string, bytes: Uint8Array, ttlSeconds: number, seed: bigint): Promise<VersionSource> | VersionSource {
  if (bytes.byteLength <= INLINE_BYTES) {
    return { inline: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), sum: checksum(seed, bytes) };
  }
  return putBlob(redis, blob, bytes, ttlSeconds, seed);
}

/**
 * Version `key`'s file in `dir`, made reachable from other machines: inline when small, else streamed into a blob
 * of its own through `link` (blob-link.ts: no copy of the whole version on the way).
 */
export async function publishFile(link: BlobLink, blob: string, dir: string, key: string, ttlSeconds: number, seed: bigint): Promise<VersionSource> {
  const bytes = statSync(versionPath(dir, key)).size;
  if (bytes <= INLINE_BYTES) {
    const small = readVersionBytes(dir, key);
    return { inline: Buffer.from(small.buffer, small.byteOffset, small.byteLength).toString('base64'), sum: checksum(seed, small) };
  }
  const chunks = chunksFor(bytes);
  const sum = new Checksum(seed);
  for (let i = 0; i < chunks; i++) {
    await link.put(chunkKey(blob, i), { dir, key }, i * CHUNK_BYTES, Math.min(CHUNK_BYTES, bytes - i * CHUNK_BYTES), ttlSeconds, sum);
  }
  return { blob, bytes, chunks, sum: sum.digest() };
}

/** The source's bytes as version `key`'s file in `dir`, checked (blobs streamed through `link`). Returns their size. */
export async function fetchToFile(link: BlobLink, source: VersionSource, seed: bigint, what: string, dir: string, key: string): Promise<number> {
  if (!('blob' in source)) {
    const bytes = inlineBytes(source, seed, what);
    writeEncoded(dir, key, { parts: [bytes], byteLength: bytes.byteLength });
    return bytes.byteLength;
  }
  const chunks = Array.from({ length: source.chunks }, (_, i) => chunkKey(source.blob, i));
  if (!(await link.get(chunks, CHUNK_BYTES, dir, key, source.bytes, seed, source.sum, what))) {
    throw new Error(`taskify: ${what}: version data ${source.blob} is gone from Redis (expired, or deleted by a run that ended)`);
  }
  return source.bytes;
}

export async function fetchSource(redis: Redis, source: VersionSource, seed: bigint, what: string): Promise<Buffer> {
  if ('blob' in source) return getBlob(redis, source, seed, what);
  return inlineBytes(source, seed, what);
}

/** An inline source's bytes, checked, in a buffer of their own (Buffer.from(base64) may sit unaligned in Node's pool). */
export function inlineBytes(source: Extract<VersionSource, { inline: string }>, seed: bigint, what: string): Buffer {
  const decoded = Buffer.from(source.inline, 'base64');
  const out = Buffer.allocUnsafeSlow(decoded.byteLength);
  out.set(decoded);
  verify(out, source.sum, seed, what);
  return out;
}

function verify(bytes: Uint8Array, sum: string, seed: bigint, what: string): void {
  const got = checksum(seed, bytes);
  if (got !== sum) throw corruptData(what, `checksum ${got} of ${bytes.byteLength} bytes, expected ${sum}`);
  const problem = frameProblem(bytes.byteLength, (offset, length) => bytes.subarray(offset, offset + length));
  if (problem) throw corruptData(what, `not a data file: ${problem}`);
}

/**
 * Why a source taken from a job or an answer cannot be right, or undefined: checked before anything is fetched or
 * allocated for it. A blob must be one of `run`'s keys, its size within what a reader can take, its chunk count the
 * one its size makes; inline data within the inline limit; the checksum of the right form.
 */
export function sourceProblem(source: unknown, run: string): string | undefined {
  const s = source as Partial<Record<'inline' | 'blob' | 'sum', unknown> & Record<'bytes' | 'chunks', unknown>>;
  if (typeof s !== 'object' || s === null) return 'a version source is not an object';
  if (typeof s.sum !== 'string' || !CHECKSUM.test(s.sum)) return `a version source has no valid checksum: ${shown(s.sum)}`;
  if ('inline' in s) {
    if (typeof s.inline !== 'string' || s.inline.length > Math.ceil(INLINE_BYTES / 3) * 4) return 'an inline version is not base64 within the inline limit';
    return undefined;
  }
  if (typeof s.blob !== 'string' || !s.blob.startsWith(runPrefix(run)) || s.blob.length > 512) return `a version blob is not a key of this run: ${shown(s.blob)}`;
  if (!Number.isSafeInteger(s.bytes) || (s.bytes as number) < 0 || (s.bytes as number) > MAX_FILE_BYTES) return `a version blob's size is out of bounds: ${shown(s.bytes)}`;
  if (s.chunks !== chunksFor(s.bytes as number)) return `a version blob's chunk count ${shown(s.chunks)} does not fit its size ${s.bytes}`;
  return undefined;
}

const chunksFor = (bytes: number): number => Math.max(1, Math.ceil(bytes / CHUNK_BYTES));
const shown = (value: unknown): string => JSON.stringify(value)?.slice(0, 120) ?? String(value);

export async function deleteBlob(redis: Redis, source: VersionSource): Promise<void> {
  if (!('blob' in source)) return;
  const keys = Array.from({ length: source.chunks }, (_, i) => chunkKey(source.blob, i));
  await redis.unlink(...keys);
}

/** Every key of the run, including blobs of attempts that were abandoned. Returns how many went. */
export async function deleteRunKeys(redis: Redis, run: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${runPrefix(run)}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}

async function exec(pipeline: ReturnType<Redis['pipeline']>): Promise<void> {
  const results = await pipeline.exec();
  for (const [error] of results ?? []) if (error) throw error;
}
