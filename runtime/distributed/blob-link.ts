/**
 * Large version bytes between a run directory and Redis, streamed: a version is a Redis stream of entries `begin`
 * (made before anyone is told of the blob: blobs.ts publishFile), `c <at most CHUNK_BYTES>`…, then
 * `sum <checksum> sig <seal>`, and its reader follows the stream (XREAD BLOCK) while its writer is still adding to
 * it. So the master sends a job as soon as its inputs' upload has begun, a machine answers as soon as its outputs'
 * upload has begun, and the fetch on the other side overlaps the upload: where the two sides and Redis have cores
 * to run on at once, a transfer costs about the longer of upload and download instead of their sum
 * (bench/blob-transfer.ts; on a saturated machine the CPU a transfer needs in all bounds it either way).
 *
 * No copy of the whole version is made on either side: the writer reads the file in CHUNK_BYTES pieces into two
 * buffers it reuses and writes each to the socket while reading the next; the reader writes each entry's bytes into
 * a temporary file as the socket delivers them (resp-reader.ts) and renames it into place, or (getBytes: a machine
 * fetching a task's input, which goes to the task's thread as it is) into one buffer, once the checksum, its seal
 * (signing.ts blobSeal: the checksum is not known when the job is sent, so it cannot be in the signed job) and the
 * data file's framing are right. Both take the checksum piece by piece meanwhile.
 *
 * Writes and reads go on two connections of their own (redis-link.ts): a read waits for another process's write,
 * and on one serial connection a read waiting behind a write waiting behind... could wait for itself.
 */
import { closeSync, fstatSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { checkedVersionKey, type LandedVersion, type VersionSource } from '../protocol';
import { versionPath } from '../store/version-file';
import { frameProblem } from '../store/codec';
import { corruptData } from '../errors';
import { Checksum, checksumSeed } from './checksum';
import { blobSeal, sealMatches } from './signing';
import { RedisLink, encodeCommand, shownReply, type LinkIo } from './redis-link';
import { RespError, RespReader, TooLong, type Resp, type Streamed } from './resp-reader';
import { SplitLanding } from './split-landing';

/**
 * One stream entry. 1 MiB rather than 4: the writer's two pieces stay in the CPU's caches while they are read from
 * the file and written to the socket, and Redis copies a smaller entry into its stream (bench:blob-transfer, 64 MiB,
 * medians of 6 runs interleaved: 120 ms with 1 MiB entries, 160 ms with 4 MiB; 16 MiB 31 against 37 ms).
 */
export const CHUNK_BYTES = 1024 * 1024;
/**
 * Entries one XREAD may bring: a reader that fell behind catches up in fewer round trips (their bytes go to the file
 * as they arrive, so they cost this process no memory). Few, because Redis holds a whole reply in its output buffer
 * for the reader: 4 MiB per reading connection at most.
 */
const ENTRIES_PER_READ = 4;
/** A reader's XREAD waits this long per call, then asks whether the blob still exists. */
const BLOCK_MS = 1000;

type BlobSource = Extract<VersionSource, { blob: string }>;

/** Two reusable pieces: one is read from the file while the socket takes the other. */
let pieces: [Buffer, Buffer] | undefined;
const piece = (i: number): Buffer => (pieces ??= [Buffer.allocUnsafeSlow(CHUNK_BYTES), Buffer.allocUnsafeSlow(CHUNK_BYTES)])[i % 2];

export const chunksFor = (bytes: number): number => Math.max(1, Math.ceil(bytes / CHUNK_BYTES));

export class BlobLink {
  private readonly writer: RedisLink;
  private readonly reader: RedisLink;
  private readonly seed: bigint;

  /** patienceMs: how long a reader waits for an existing blob's next entry before it says its writer stopped. */
  constructor(url: string, private readonly secret: string | undefined, private readonly patienceMs = 60_000) {
    this.writer = new RedisLink(url);
    this.reader = new RedisLink(url);
    this.seed = checksumSeed(secret);
  }

  /**
   * The version file's `bytes` bytes added to the stream `blob`, which exists (blobs.ts publishFile made it, with
   * its expiry). Resolves true once all of it is stored; false when `cancelled()` said so or the blob was deleted
   * meanwhile (nobody needs it any more): what was stored then goes.
   */
  put(blob: string, file: { dir: string; key: string }, bytes: number, cancelled: () => boolean = () => false): Promise<boolean> {
    return this.writer.serial(async (io) => {
      const fd = openSync(versionPath(file.dir, file.key), 'r');
      try {
        const replies = new RespReader();
        io.read(replies);
        const sum = new Checksum(this.seed);
        const chunks = chunksFor(bytes);
        let commands = 0;
        let previous: Promise<void> = Promise.resolve();
        for (let i = 0; i < chunks; i++) {
          if (cancelled() || replies.values.includes(null)) return await this.drop(io, commands, blob);
          const length = Math.min(CHUNK_BYTES, bytes - i * CHUNK_BYTES);
          const part = readPiece(fd, piece(i), i * CHUNK_BYTES, length, file.key);
          sum.update(part);
          // Never creates the stream: a blob deleted meanwhile stays deleted (and the reply, nil, says so).
          io.send(`*6\r\n${encodeCommand(['XADD', blob, 'NOMKSTREAM', '*', 'c']).replace(/^\*\d+\r\n/, '')}$${length}\r\n`);
          const writing = io.write(part);
          io.send('\r\n');
          commands++;
          await previous; // the other piece is free again once the socket took it
          previous = writing;
        }
        await previous;
        const digest = sum.digest();
        io.send(encodeCommand(['XADD', blob, 'NOMKSTREAM', '*', 'sum', digest, 'sig', blobSeal(this.secret, blob, bytes, digest)]));
        const values = await io.replies(++commands);
        const refused = values.find((value) => value instanceof RespError);
        if (refused) throw new Error(`taskify: Redis at ${this.writer.shownUrl} refused to store ${blob}: ${shownReply(refused)}`);
        return values.includes(null) ? await this.drop(io, commands, blob) : true;
      } finally {
        closeSync(fd);
      }
    });
  }

  /**
   * Follows the blob's stream into one new version file `key` in `dir`, which appears (renamed into place) only when
   * the bytes passed every check of `follow`; else the error names `what`.
   */
  get(source: BlobSource, dir: string, key: string, what: string): Promise<void> {
    const temporary = join(dir, `.${checkedVersionKey(key)}.${randomBytes(6).toString('hex')}.tmp`);
    const fd = openSync(temporary, 'w+', 0o600);
    let closed = false;
    const landing: Landing = {
      take: (part) => writeAll(fd, part),
      size: () => fstatSync(fd).size,
      slice: (offset, length) => {
        const part = Buffer.alloc(length);
        readSync(fd, part, 0, length, offset);
        return part;
      },
    };
    return this.follow(source, what, landing).then(() => {
      closeSync(fd);
      closed = true;
      renameSync(temporary, versionPath(dir, key));
    }).finally(() => {
      if (!closed) closeSync(fd);
      try { unlinkSync(temporary); } catch { /* renamed into place, or never made */ }
    });
  }

  /**
   * The blob's bytes in a fresh buffer of exactly their size (its own ArrayBuffer: a pool thread can take it as it
   * is, with no copy: machine-run.ts), once they passed every check of `follow`. The size was bounded by the
   * source's check (blobs.ts sourceProblem) before this is called; the pages are touched only as bytes arrive.
   */
  async getBytes(source: BlobSource, what: string): Promise<Buffer> {
    const bytes = Buffer.allocUnsafeSlow(source.bytes);
    let at = 0;
    await this.follow(source, what, {
      take: (part) => { at += part.copy(bytes, at); },
      size: () => at,
      slice: (offset, length) => bytes.subarray(offset, offset + length),
    });
    return bytes;
  }

  /**
   * The blob's bytes in memory as a LandedVersion (protocol.ts): its first 8 bytes, then its body in a buffer of
   * exactly the body's size (a typed array that is the whole body becomes a view of it: store/landed.ts), then the
   * rest; once they passed every check of `follow`. For the master's reads of results: no file, no copy after this.
   */
  async getLanded(source: BlobSource, what: string): Promise<LandedVersion> {
    const landing = new SplitLanding(source.bytes, what);
    await this.follow(source, what, landing);
    return landing.landed();
  }

  /**
   * Follows the blob's stream into `landing` until `source.bytes` arrived, their checksum carries this cluster's seal
   * and is theirs, and they frame a data file; else the error names `what`. Fails when no entry comes for patienceMs.
   * Nothing but the landing sees the bytes before that.
   */
  private follow(source: BlobSource, what: string, landing: Landing): Promise<void> {
    return this.reader.serial(async (io) => {
      const check = new Checksum(this.seed);
      // Bytes taken so far, counted as they arrive: a reply's later entries are limited by them.
      let got = 0;
      const take = (part: Buffer) => { check.update(part); landing.take(part); got += part.length; };
      let after = '0-0';
      const block = Math.min(BLOCK_MS, this.patienceMs);
      for (let quiet = 0; ;) {
        const reader = new RespReader(take, () => Math.min(CHUNK_BYTES, source.bytes - got));
        io.read(reader);
        io.send(encodeCommand(['XREAD', 'COUNT', String(ENTRIES_PER_READ), 'BLOCK', String(block), 'STREAMS', source.blob, after]));
        let reply: Resp;
        try {
          [reply] = await io.replies(1);
        } catch (error) {
          if (error instanceof TooLong) throw corruptData(what, `an entry of ${error.length} bytes where at most ${Math.min(CHUNK_BYTES, source.bytes - got)} remain`);
          throw error;
        }
        if (reply === null) {
          // Nothing new for a while: a blob that no longer exists is gone for good (its writer made it first).
          const reader = new RespReader();
          io.read(reader);
          io.send(encodeCommand(['EXISTS', source.blob]));
          if ((await io.replies(1))[0] !== 1) throw new Error(`taskify: ${what}: version data ${source.blob} is gone from Redis (expired, or deleted by a run that ended)`);
          if ((quiet += block) < this.patienceMs) continue;
          throw new Error(`taskify: ${what}: no data of ${source.blob} came for ${this.patienceMs / 1000} s (its writer stopped)`);
        }
        if (reply instanceof RespError) throw new Error(`taskify: Redis at ${this.reader.shownUrl} refused to read ${source.blob}: ${reply.message}`);
        quiet = 0;
        const entries = entriesOf(reply);
        if (!entries) throw corruptData(what, 'an entry of its stream has an unexpected form');
        let end: Entry | undefined;
        for (const [i, entry] of entries.entries()) {
          after = entry.id;
          if (entry.begin) continue;
          if (entry.chunk instanceof Buffer) {
            // Kept, not streamed (a few bytes): only a version's last chunk is that small, so nothing came after it.
            if (entries.slice(i + 1).some((later) => later.chunk)) throw corruptData(what, 'a short chunk is not its last one');
            if (entry.chunk.length > source.bytes - got) throw corruptData(what, `more than its ${source.bytes} bytes arrived`);
            take(entry.chunk);
          }
          if (entry.chunk) continue;
          end = entry;
          break;
        }
        if (!end) continue;
        if (got !== source.bytes || landing.size() !== source.bytes) throw corruptData(what, `${got} bytes arrived, expected ${source.bytes}`);
        if (!sealMatches(this.secret, source.blob, source.bytes, end.sum!, end.seal!)) {
          throw corruptData(what, 'its checksum is not sealed with this cluster\'s secret');
        }
        const sum = check.digest();
        if (sum !== end.sum) throw corruptData(what, `checksum ${sum} of ${got} bytes, expected ${end.sum}`);
        const problem = frameProblem(got, landing.slice);
        if (problem) throw corruptData(what, `not a data file: ${problem}`);
        return;
      }
    });
  }

  close(): void {
    this.writer.close();
    this.reader.close();
  }

  /** A write given up: whatever was stored goes (after the replies of what was sent, which the link must read). */
  private async drop(io: LinkIo, commands: number, blob: string): Promise<false> {
    io.send(encodeCommand(['UNLINK', blob]));
    await io.replies(commands + 1);
    return false;
  }
}

/** Where a blob's bytes go as they arrive (a temporary file, or memory), and how the checks read them back. */
export interface Landing {
  take(part: Buffer): void;
  /** Bytes landed, as the landing itself counts them. */
  size(): number;
  slice(offset: number, length: number): Uint8Array;
}

interface Entry { id: string; begin?: true; chunk?: Buffer | Streamed; sum?: string; seal?: string }

/** An XREAD reply's entries, each a beginning, a chunk (streamed, or small and kept) or the end (checksum and seal). */
function entriesOf(reply: Resp): Entry[] | undefined {
  const stream = Array.isArray(reply) && reply.length === 1 ? reply[0] : undefined;
  const entries = Array.isArray(stream) && stream.length === 2 ? stream[1] : undefined;
  if (!Array.isArray(entries) || entries.length === 0) return undefined;
  const out: Entry[] = [];
  for (const entry of entries) {
    const one = entryOf(entry);
    if (!one) return undefined;
    out.push(one);
  }
  return out;
}

function entryOf(entry: Resp): Entry | undefined {
  if (!Array.isArray(entry) || entry.length !== 2 || !(entry[0] instanceof Buffer) || !Array.isArray(entry[1])) return undefined;
  const id = entry[0].toString('latin1');
  const fields = entry[1];
  const text = (value: Resp) => (value instanceof Buffer ? value.toString('latin1') : undefined);
  if (fields.length === 2 && text(fields[0]) === 'c') {
    const chunk = fields[1];
    if (chunk instanceof Buffer || (typeof chunk === 'object' && chunk !== null && 'streamed' in chunk)) return { id, chunk };
    return undefined;
  }
  if (fields.length === 2 && text(fields[0]) === 'begin') return { id, begin: true };
  if (fields.length === 4 && text(fields[0]) === 'sum' && text(fields[2]) === 'sig') {
    const sum = text(fields[1]);
    const seal = text(fields[3]);
    return sum !== undefined && seal !== undefined ? { id, sum, seal } : undefined;
  }
  return undefined;
}

function readPiece(fd: number, buffer: Buffer, from: number, length: number, key: string): Buffer {
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buffer, got, length - got, from + got);
    if (n === 0) throw new Error(`taskify: version file ${key} ended before its bytes were sent`);
    got += n;
  }
  return buffer.subarray(0, length);
}

function writeAll(fd: number, part: Buffer): void {
  let at = 0;
  while (at < part.length) at += writeSync(fd, part, at, part.length - at);
}
