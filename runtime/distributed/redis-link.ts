/**
 * A connection to Redis of its own for version bytes (blob-link.ts), spoken to directly: ioredis gathers a command's
 * and a reply's buffers into one (a 64 MiB version was copied four times through it, each into freshly faulted
 * memory), where this link writes pieces as they are read from a file and hands a reply's large values to a sink
 * as they arrive (resp-reader.ts). AUTH, SELECT and TLS come from the URL, as ioredis takes them.
 *
 * One request at a time per link; a request may pipeline many commands and read their replies as they come. A link
 * that fails or stays silent for SILENT_MS is closed and its request fails naming the address (password hidden);
 * the next request connects again. An idle link never keeps its process alive.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { shownUrl } from '../errors';
import { RespError, RespReader, type Resp } from './resp-reader';

/** A link whose server says nothing for this long fails its request (the stall watch speaks at 10 s already). */
export const SILENT_MS = 30_000;
const READ_BYTES = 1024 * 1024;

export interface LinkIo {
  /** Replies from now on are read by `reader`. */
  read(reader: RespReader): void;
  /** Resolves once `reader` holds n whole replies. */
  replies(n: number): Promise<Resp[]>;
  /** Resolves once the socket took the bytes (a buffer may then be filled again). */
  write(data: string | Buffer): Promise<void>;
  /** Writes without waiting: a failure is said by the request's next wait. */
  send(data: string | Buffer): void;
}

export class RedisLink {
  private socket?: Socket;
  private ready?: Promise<Socket>;
  private queue: Promise<unknown> = Promise.resolve();
  private reader?: RespReader;
  private waiter?: { n: number; resolve(values: Resp[]): void; reject(error: Error): void };
  private readBuffer?: Buffer;
  /** Why the current connection cannot be used any more (said to the request's next wait). */
  private broken?: Error;

  constructor(readonly url: string) {}

  /** The address for messages (password hidden). */
  get shownUrl(): string { return shownUrl(this.url); }

  serial<T>(work: (io: LinkIo) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      let socket: Socket | undefined;
      try {
        socket = await (this.ready ??= this.open());
        socket.ref();
        socket.setTimeout(SILENT_MS); // only while a request waits: an idle link may stay quiet
        return await work(this.io(socket));
      } catch (error) {
        this.close();
        throw error;
      } finally {
        socket?.unref(); // an idle link never keeps a process alive
        socket?.setTimeout(0);
      }
    });
    this.queue = run.catch(() => {});
    return run;
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
    this.ready = undefined;
    this.reader = undefined;
  }

  private io(socket: Socket): LinkIo {
    return {
      read: (reader) => { this.reader = reader; },
      replies: (n) => new Promise<Resp[]>((resolve, reject) => {
        if (this.broken) { reject(this.broken); return; }
        if (this.reader && this.reader.values.length >= n) { resolve(this.reader.values); return; }
        this.waiter = { n, resolve, reject };
      }),
      write: (data) => {
        const written = new Promise<void>((resolve, reject) => {
          if (this.broken) { reject(this.broken); return; }
          socket.write(data, (error) => (error ? reject(this.broken ?? error) : resolve()));
        });
        // A request that fails while a write is under way never awaits it: its failure is said once, by the request.
        written.catch(() => {});
        return written;
      },
      send: (data) => { if (!this.broken) socket.write(data); },
    };
  }

  /** The connection is done for: the request under way fails, and the next one connects again. */
  private fail(socket: Socket, error: Error): void {
    if (this.socket !== socket) return; // a link closed already: its late news is nobody's
    this.broken = error;
    const waiter = this.waiter;
    this.waiter = undefined;
    this.close();
    waiter?.reject(error);
  }

  private async open(): Promise<Socket> {
    const url = new URL(this.url);
    const port = Number(url.port || 6379);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const take = (chunk: Buffer) => {
      if (!this.reader) return;
      try { this.reader.feed(chunk); } catch (error) { this.fail(socket, error as Error); return; }
      const waiter = this.waiter;
      if (waiter && this.reader.values.length >= waiter.n) { this.waiter = undefined; waiter.resolve(this.reader.values); }
    };
    // Plain TCP reads into one buffer of the link's own, up to READ_BYTES at a time: Node's default is a fresh
    // 64 KiB buffer per read, about a thousand reads and callbacks for 64 MiB (TLS keeps its default).
    const socket: Socket = url.protocol === 'rediss:'
      ? tlsConnect({ host, port, servername: host }).on('data', take)
      : netConnect({ host, port, onread: { buffer: (this.readBuffer ??= Buffer.allocUnsafeSlow(READ_BYTES)), callback: (n, buffer) => { take(buffer.subarray(0, n) as Buffer); return true; } } });
    socket.setNoDelay(true);
    socket.setTimeout(SILENT_MS);
    this.socket = socket;
    this.broken = undefined;
    const lost = (detail: string) => this.fail(socket, new Error(`taskify: lost the data connection to Redis at ${shownUrl(this.url)}: ${detail}`));
    socket.on('timeout', () => lost(`no answer for ${SILENT_MS / 1000} s`));
    socket.on('error', (error) => lost(error.message));
    socket.on('close', () => lost('the connection closed'));
    await new Promise<void>((resolve, reject) => {
      socket.once(url.protocol === 'rediss:' ? 'secureConnect' : 'connect', resolve);
      this.waiter = { n: 0, resolve: () => {}, reject };
    });
    this.waiter = undefined;
    const io = this.io(socket);
    const command = async (...args: string[]): Promise<Resp> => {
      const reader = new RespReader();
      io.read(reader);
      await io.write(encodeCommand(args));
      return (await io.replies(1))[0];
    };
    const password = decodeURIComponent(url.password);
    const username = decodeURIComponent(url.username);
    if (password) {
      const answer = await (username ? command('AUTH', username, password) : command('AUTH', password));
      if (answer !== 'OK') throw new Error(`taskify: Redis at ${shownUrl(this.url)} refused the credentials: ${shownReply(answer)}`);
    }
    const db = url.pathname.replace(/^\//, '');
    if (db && db !== '0') {
      const answer = await command('SELECT', db);
      if (answer !== 'OK') throw new Error(`taskify: Redis at ${shownUrl(this.url)} refused SELECT ${db}: ${shownReply(answer)}`);
    }
    return socket;
  }
}

/** A command of small string arguments in RESP. */
export function encodeCommand(args: readonly string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

/** A reply for an error message. */
export function shownReply(reply: Resp): string {
  if (reply instanceof RespError) return reply.message;
  return JSON.stringify(reply instanceof Buffer ? reply.toString('latin1') : reply)?.slice(0, 120) ?? String(reply);
}
