/**
 * Version bytes between machines: inline in a job or answer when small (base64 with their checksum), else a Redis
 * stream of their own written and followed through a BlobLink (blob-link.ts), with an expiry as a safety net for runs
 * that die before they delete them. What comes back is checked (size, checksum, framing) before anyone writes or
 * decodes it.
 */
import type { VersionSource } from '../protocol';
import { MAX_FILE_BYTES, frameProblem } from '../store/codec';
import { corruptData } from '../errors';
import type { Redis } from './redis';
import { CHECKSUM, checksum } from './checksum';
import { chunksFor, type BlobLink } from './blob-link';
import { readVersionBytes, versionPath, writeEncoded } from '../store/version-file';
import { statSync } from 'node:fs';
import { runAlive, runPrefix } from './names';

/** Versions at most this big travel inside the job or its return value: one round trip fewer. */
export const INLINE_BYTES = 16 * 1024;

export interface Published {
  readonly source: VersionSource;
  /** Resolves once the bytes are all in Redis (true), or were given up because nobody needs them (false). */
  readonly stored: Promise<boolean>;
}

/**
 * Version `key`'s file in `dir`, made reachable from other machines: inline when small, else streamed into the blob
 * `blob` of `run` through `link`. The blob exists when this resolves, its upload under way: a reader may follow it
 * at once, and a reader that finds no blob knows it is gone. Made only while the run is alive (its alive key), so
 * that a late answer cannot leave a blob after its run's keys were deleted.
 */
export async function publishFile(redis: Redis, link: BlobLink, run: string, blob: string, dir: string, key: string, ttlSeconds: number,
  seed: bigint, cancelled?: () => boolean): Promise<Published> {
  const bytes = statSync(versionPath(dir, key)).size;
  if (bytes <= INLINE_BYTES) {
    const small = readVersionBytes(dir, key);
    const inline = Buffer.from(small.buffer, small.byteOffset, small.byteLength).toString('base64');
    return { source: { inline, sum: checksum(seed, small) }, stored: Promise.resolve(true) };
  }
  const source = { blob, bytes, chunks: chunksFor(bytes) };
  if (await redis.eval(BEGIN, 2, blob, runAlive(run), ttlSeconds) !== 1) return { source, stored: Promise.resolve(false) };
  const stored = link.put(blob, { dir, key }, bytes, cancelled);
  // A failed upload's blob goes at once, so its readers say it is gone within a second instead of waiting for
  // entries that will not come (sent on `redis`, before anything this process may publish under the key again).
  stored.catch(() => redis.unlink(blob).catch(() => {}));
  return { source, stored };
}

/** Makes a blob's stream (an entry `begin`, then its expiry) if its run is alive; 1 when made. */
const BEGIN = `if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
redis.call('XADD', KEYS[1], '*', 'begin', '')
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1`;

/** The source's bytes as version `key`'s file in `dir`, checked. Returns their size. */
export async function fetchToFile(link: BlobLink, source: VersionSource, seed: bigint, what: string, dir: string, key: string): Promise<number> {
  if ('blob' in source) {
    await link.get(source, dir, key, what);
    return source.bytes;
  }
  const bytes = inlineBytes(source, seed, what);
  writeEncoded(dir, key, { parts: [bytes], byteLength: bytes.byteLength });
  return bytes.byteLength;
}

/** An inline source's bytes, checked, in a buffer of their own (Buffer.from(base64) may sit unaligned in Node's pool). */
export function inlineBytes(source: Extract<VersionSource, { inline: string }>, seed: bigint, what: string): Buffer {
  const decoded = Buffer.from(source.inline, 'base64');
  const out = Buffer.allocUnsafeSlow(decoded.byteLength);
  out.set(decoded);
  const got = checksum(seed, out);
  if (got !== source.sum) throw corruptData(what, `checksum ${got} of ${out.byteLength} bytes, expected ${source.sum}`);
  const problem = frameProblem(out.byteLength, (offset, length) => out.subarray(offset, offset + length));
  if (problem) throw corruptData(what, `not a data file: ${problem}`);
  return out;
}

/**
 * Why a source taken from a job or an answer cannot be right, or undefined: checked before anything is fetched or
 * allocated for it. A blob must be one of `run`'s keys, its size within what a reader can take, its chunk count the
 * one its size makes; inline data within the inline limit; the checksum of the right form.
 */
export function sourceProblem(source: unknown, run: string): string | undefined {
  const s = source as Partial<Record<'inline' | 'blob' | 'sum', unknown> & Record<'bytes' | 'chunks', unknown>>;
  if (typeof s !== 'object' || s === null) return 'a version source is not an object';
  if ('inline' in s) {
    if (typeof s.sum !== 'string' || !CHECKSUM.test(s.sum)) return `an inline version has no valid checksum: ${shown(s.sum)}`;
    if (typeof s.inline !== 'string' || s.inline.length > Math.ceil(INLINE_BYTES / 3) * 4) return 'an inline version is not base64 within the inline limit';
    return undefined;
  }
  if (typeof s.blob !== 'string' || !s.blob.startsWith(runPrefix(run)) || s.blob.length > 512) return `a version blob is not a key of this run: ${shown(s.blob)}`;
  if (!Number.isSafeInteger(s.bytes) || (s.bytes as number) < 0 || (s.bytes as number) > MAX_FILE_BYTES) return `a version blob's size is out of bounds: ${shown(s.bytes)}`;
  if (s.chunks !== chunksFor(s.bytes as number)) return `a version blob's chunk count ${shown(s.chunks)} does not fit its size ${s.bytes}`;
  return undefined;
}

const shown = (value: unknown): string => JSON.stringify(value)?.slice(0, 120) ?? String(value);

export async function deleteBlob(redis: Redis, source: VersionSource): Promise<void> {
  if ('blob' in source) await redis.unlink(source.blob);
}

/** Every key of the run, including blobs of attempts that were abandoned. Returns how many went. */
export async function deleteRunKeys(redis: Redis, run: string): Promise<number> {
  // The alive key first: no blob of the run is made once it is gone (publishFile), so none comes after the scan.
  let deleted = await redis.unlink(runAlive(run));
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${runPrefix(run)}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}
