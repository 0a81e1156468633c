/**
 * Version bytes in Redis: raw Buffers (base64 inside a job costs about 7x more), split into chunks of at most
 * 64 MiB, each with an expiry as a safety net for runs that die before they delete them.
 */
import type { VersionSource } from '../protocol';
import type { Redis } from './redis';
import { chunkKey, runPrefix } from './names';

export const CHUNK_BYTES = 64 * 1024 * 1024;
/** Versions at most this big travel inside the job or its return value: one round trip fewer. */
export const INLINE_BYTES = 16 * 1024;

export async function putBlob(redis: Redis, blob: string, bytes: Uint8Array, ttlSeconds: number): Promise<VersionSource> {
  const chunks = Math.max(1, Math.ceil(bytes.byteLength / CHUNK_BYTES));
  const pipeline = redis.pipeline();
  for (let i = 0; i < chunks; i++) {
    const part = bytes.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES);
    pipeline.set(chunkKey(blob, i), Buffer.from(part.buffer, part.byteOffset, part.byteLength), 'EX', ttlSeconds);
  }
  await exec(pipeline);
  return { blob, bytes: bytes.byteLength, chunks };
}

/** The bytes in one fresh buffer of their own at offset 0 (typed-array views on it must be aligned). */
export async function getBlob(redis: Redis, source: Extract<VersionSource, { blob: string }>): Promise<Buffer> {
  const out = Buffer.allocUnsafeSlow(source.bytes);
  let at = 0;
  for (let i = 0; i < source.chunks; i++) {
    const part = await redis.getBuffer(chunkKey(source.blob, i));
    if (part === null) throw new Error(`taskify: version data ${source.blob} is gone from Redis (expired, or deleted by a run that ended)`);
    out.set(part, at);
    at += part.byteLength;
  }
  if (at !== source.bytes) throw new Error(`taskify: version data ${source.blob} has ${at} bytes, expected ${source.bytes}`);
  return out;
}

/** Where a version's bytes will be found: inline when small, else in a blob of their own. */
export function publish(redis: Redis, blob: string, bytes: Uint8Array, ttlSeconds: number): Promise<VersionSource> | VersionSource {
  if (bytes.byteLength <= INLINE_BYTES) return { inline: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
  return putBlob(redis, blob, bytes, ttlSeconds);
}

export async function fetchSource(redis: Redis, source: VersionSource): Promise<Buffer> {
  if ('blob' in source) return getBlob(redis, source);
  // A copy into a buffer of its own: Buffer.from(base64) may sit unaligned inside Node's shared pool.
  const decoded = Buffer.from(source.inline, 'base64');
  const out = Buffer.allocUnsafeSlow(decoded.byteLength);
  out.set(decoded);
  return out;
}

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
