/**
 * Large version bytes between a run directory and Redis without a copy of the whole version on either side: a
 * connection of its own that speaks the two commands it needs (SET … EX, GET) itself. Through ioredis a 64 MiB
 * blob was copied four times on its way (read from the file into a fresh buffer; ioredis concatenates a command's
 * buffers; its parser concatenates a reply's chunks; a copy to an aligned buffer), each into memory the kernel had
 * to fault in: about as long as Redis's own SET and GET together. Here the sender reads the file in 4 MiB pieces
 * into two buffers it reuses and writes them to the socket as they are read; the receiver writes each piece of the
 * reply into a temporary file as it arrives and renames it into place once the whole version arrived and its
 * checksum matched. Both take the checksum piece by piece meanwhile.
 *
 * One request at a time per link (a process has one); a link that fails or stays silent for SILENT_MS is closed and
 * the request fails naming the address (password hidden); the next request connects again.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { closeSync, fstatSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { checkedVersionKey } from '../protocol';
import { versionPath } from '../store/version-file';
import { frameProblem } from '../store/codec';
import { corruptData, shownUrl } from '../errors';
import { Checksum } from './checksum';

const PIECE_BYTES = 4 * 1024 * 1024;
/** A link whose server says nothing for this long fails its request (the stall watch speaks at 10 s already). */
const SILENT_MS = 30_000;

/** Two reusable pieces: the kernel copies a written buffer only when the socket takes it, so one is read meanwhile. */
let pieces: [Buffer, Buffer] | undefined;
const piece = (i: number): Buffer => (pieces ??= [Buffer.allocUnsafeSlow(PIECE_BYTES), Buffer.allocUnsafeSlow(PIECE_BYTES)])[i % 2];

type Reader = (chunk: Buffer) => void;

export class BlobLink {
  private socket?: Socket;
  private ready?: Promise<Socket>;
  private queue: Promise<unknown> = Promise.resolve();
  private reader?: Reader;
  private failure?: (error: Error) => void;

  constructor(private readonly url: string) {}

  /** `SET key <bytes [from, from+length) of the version file> EX ttl`, taking their checksum into `sum`. */
  put(key: string, file: { dir: string; key: string }, from: number, length: number, ttlSeconds: number, sum: Checksum): Promise<void> {
    return this.serial(async (socket) => {
      const fd = openSync(versionPath(file.dir, file.key), 'r');
      try {
        const reply = this.reply(socket, simpleReply());
        socket.write(`*5\r\n$3\r\nSET\r\n$${Buffer.byteLength(key)}\r\n${key}\r\n$${length}\r\n`);
        let sent = 0;
        for (let i = 0; sent < length; i++) {
          const buffer = piece(i);
          const want = Math.min(PIECE_BYTES, length - sent);
          let got = 0;
          while (got < want) {
            const n = readSync(fd, buffer, got, want - got, from + sent + got);
            if (n === 0) throw new Error(`taskify: version file ${file.key} ended before its ${length} bytes were sent`);
            got += n;
          }
          const part = buffer.subarray(0, want);
          sum.update(part);
          // Wait until the socket took this piece before the buffer is read into again (two pieces alternate).
          await new Promise<void>((resolve, reject) => socket.write(part, (error) => (error ? reject(error) : resolve())));
          sent += want;
        }
        const ttl = String(ttlSeconds);
        socket.write(`\r\n$2\r\nEX\r\n$${ttl.length}\r\n${ttl}\r\n`);
        const answer = await reply;
        if (answer !== 'OK') throw new Error(`taskify: Redis at ${shownUrl(this.url)} refused to store ${key}: ${answer}`);
      } finally {
        closeSync(fd);
      }
    });
  }

  /**
   * GET each chunk key in turn into one new version file `key` in `dir`, which appears (renamed into place) only
   * when `bytes` arrived and their checksum is `sum`; else the error names `what`. Returns false when a chunk is gone.
   */
  get(chunks: readonly string[], chunkBytes: number, dir: string, key: string, bytes: number, seed: bigint, sum: string, what: string): Promise<boolean> {
    return this.serial(async (socket) => {
      const temporary = join(dir, `.${checkedVersionKey(key)}.${randomBytes(6).toString('hex')}.tmp`);
      const fd = openSync(temporary, 'w+', 0o600);
      let done = false;
      try {
        const check = new Checksum(seed);
        let at = 0;
        for (const [i, chunk] of chunks.entries()) {
          const expected = Math.min(chunkBytes, bytes - i * chunkBytes);
          const reply = this.reply(socket, bulkReply(expected, (part) => { check.update(part); writeAll(fd, part); }));
          socket.write(`*2\r\n$3\r\nGET\r\n$${Buffer.byteLength(chunk)}\r\n${chunk}\r\n`);
          let length: number | null;
          try {
            length = await reply;
          } catch (error) {
            if (error instanceof WrongLength) throw corruptData(what, `chunk ${i} has ${error.length} bytes, expected ${expected}`);
            throw error;
          }
          if (length === null) return false;
          if (length !== expected) throw corruptData(what, `chunk ${i} has ${length} bytes, expected ${expected}`);
          at += length;
        }
        const got = check.digest();
        if (got !== sum) throw corruptData(what, `checksum ${got} of ${at} bytes, expected ${sum}`);
        if (fstatSync(fd).size !== bytes) throw corruptData(what, `${fstatSync(fd).size} bytes arrived, expected ${bytes}`);
        const problem = frameProblem(bytes, (offset, length) => {
          const part = Buffer.alloc(length);
          readSync(fd, part, 0, length, offset);
          return part;
        });
        if (problem) throw corruptData(what, `not a data file: ${problem}`);
        closeSync(fd);
        done = true;
        renameSync(temporary, versionPath(dir, key));
        return true;
      } finally {
        if (!done) closeSync(fd);
        try { unlinkSync(temporary); } catch { /* renamed into place, or never made */ }
      }
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
    this.ready = undefined;
  }

  /** One request at a time; a failed request closes the link (the next one connects again). */
  private serial<T>(work: (socket: Socket) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const socket = await (this.ready ??= this.open());
      socket.ref();
      try {
        return await work(socket);
      } catch (error) {
        this.close();
        throw error;
      } finally {
        socket.unref(); // an idle link never keeps a process alive
      }
    });
    this.queue = run.catch(() => {});
    return run;
  }

  /** Feeds the socket's bytes to `parse` until it returns a value; fails when the link fails or stays silent. */
  private reply<T>(socket: Socket, parse: (chunk: Buffer) => T | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.failure = reject;
      this.reader = (chunk) => {
        let value: T | undefined;
        try { value = parse(chunk); } catch (error) { this.reader = undefined; reject(error); return; }
        if (value !== undefined) { this.reader = undefined; this.failure = undefined; resolve(value); }
      };
      void socket;
    });
  }

  private async open(): Promise<Socket> {
    const url = new URL(this.url);
    const port = Number(url.port || 6379);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const socket = url.protocol === 'rediss:' ? tlsConnect({ host, port, servername: host }) : netConnect({ host, port });
    socket.setNoDelay(true);
    socket.setTimeout(SILENT_MS);
    this.socket = socket;
    const fail = (error: Error) => {
      if (this.socket !== socket) return; // a link closed already: its late news is nobody's
      const failure = this.failure;
      this.failure = undefined;
      this.reader = undefined;
      this.close();
      failure?.(new Error(`taskify: lost the data connection to Redis at ${shownUrl(this.url)}: ${error.message}`));
    };
    socket.on('data', (chunk: Buffer) => this.reader?.(chunk));
    socket.on('timeout', () => { socket.destroy(); fail(new Error(`no answer for ${SILENT_MS / 1000} s`)); });
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the connection closed')));
    await new Promise<void>((resolve, reject) => {
      socket.once(url.protocol === 'rediss:' ? 'secureConnect' : 'connect', resolve);
      this.failure = reject;
    });
    const command = (...args: string[]) => {
      const reply = this.reply(socket, simpleReply());
      socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
      return reply;
    };
    const password = decodeURIComponent(url.password);
    const username = decodeURIComponent(url.username);
    if (password) {
      const answer = await (username ? command('AUTH', username, password) : command('AUTH', password));
      if (answer !== 'OK') throw new Error(`taskify: Redis at ${shownUrl(this.url)} refused the credentials: ${answer}`);
    }
    const db = url.pathname.replace(/^\//, '');
    if (db && db !== '0') {
      const answer = await command('SELECT', db);
      if (answer !== 'OK') throw new Error(`taskify: Redis at ${shownUrl(this.url)} refused SELECT ${db}: ${answer}`);
    }
    return socket;
  }
}

/** A status or error reply (`+OK`, `-ERR …`): its text. Small: read whole lines. */
function simpleReply(): (chunk: Buffer) => string | undefined {
  let text = '';
  return (chunk) => {
    text += chunk.toString('latin1');
    const end = text.indexOf('\r\n');
    return end < 0 ? undefined : text.slice(1, end);
  };
}

/**
 * A bulk reply (`$<n>\r\n<n bytes>\r\n`, `$-1\r\n` for none) whose bytes go to `sink` as they arrive, at most
 * `limit` of them: resolves with n, or null when the key is gone.
 */
function bulkReply(limit: number, sink: (part: Buffer) => void): (chunk: Buffer) => number | null | undefined {
  let head: Buffer | undefined;
  let length = -2;
  let left = 0;
  let tail = 2;
  return (chunk) => {
    let at = 0;
    if (length === -2) {
      if (head) chunk = Buffer.concat([head, chunk]); // a header split across reads: rare, and small
      const end = chunk.indexOf('\r\n');
      if (end < 0) {
        if (chunk.length > 40) throw new Error('taskify: Redis sent a malformed reply');
        head = Buffer.from(chunk);
        return undefined;
      }
      const line = chunk.toString('latin1', 0, end);
      if (line[0] === '-') throw new Error(`taskify: Redis refused a GET: ${line.slice(1)}`);
      if (line[0] !== '$') throw new Error(`taskify: Redis sent an unexpected reply: ${line.slice(0, 80)}`);
      length = Number(line.slice(1));
      if (length === -1) return null;
      // Longer than the chunk expected: said as damage by the caller, never read into memory.
      if (!Number.isSafeInteger(length) || length < 0 || length > limit) throw new WrongLength(length);
      at = end + 2;
      left = length;
    }
    if (left > 0 && at < chunk.length) {
      const part = chunk.subarray(at, Math.min(chunk.length, at + left));
      sink(part);
      left -= part.length;
      at += part.length;
    }
    if (left === 0) tail -= Math.min(tail, chunk.length - at);
    return left === 0 && tail === 0 ? length : undefined;
  };
}

class WrongLength extends Error {
  constructor(readonly length: number) { super(`taskify: Redis sent ${length} bytes where fewer were expected`); }
}

function writeAll(fd: number, part: Buffer): void {
  let at = 0;
  while (at < part.length) at += writeSync(fd, part, at, part.length - at);
}
