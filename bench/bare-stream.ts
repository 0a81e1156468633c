/**
 * The floor under a version's transfer through Redis, measured in the same run as taskify's own: the same number of
 * bytes moved from memory into a Redis stream of CHUNK_BYTES entries and out of it into nothing, by a minimal client
 * (runtime/distributed/redis-link.ts) that reads no file, writes no file and takes no checksum, its reader following
 * the stream while it is written as blob-link.ts does (XREAD BLOCK, several entries per read). What taskify's
 * transfer costs above it is its file I/O, checksums and seals: the rest is Redis and the sockets.
 *
 * bench:blob-transfer and bench:distributed use it with the reader in a process of its own (`bareReader`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { CHUNK_BYTES } from '../runtime/distributed/blob-link';
import { RedisLink, encodeCommand } from '../runtime/distributed/redis-link';
import { RespReader, type Resp } from '../runtime/distributed/resp-reader';

const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

let piece: Buffer | undefined;

/** `bytes` bytes added to the stream `key` in CHUNK_BYTES entries from one buffer, two in flight, as blob-link's put. */
export function bareWrite(link: RedisLink, key: string, bytes: number): Promise<void> {
  const data = (piece ??= Buffer.alloc(CHUNK_BYTES, 1));
  return link.serial(async (io) => {
    io.read(new RespReader());
    let commands = 0;
    let previous: Promise<void> = Promise.resolve();
    for (let at = 0; at < bytes; at += CHUNK_BYTES) {
      const length = Math.min(CHUNK_BYTES, bytes - at);
      io.send(`*5\r\n$4\r\nXADD\r\n$${Buffer.byteLength(key)}\r\n${key}\r\n$1\r\n*\r\n$1\r\nc\r\n$${length}\r\n`);
      const writing = io.write(data.subarray(0, length));
      io.send('\r\n');
      commands++;
      await previous;
      previous = writing;
    }
    await previous;
    await io.replies(commands);
  });
}

/** Follows the stream `key` until `bytes` bytes came, throwing them away. */
export function bareRead(link: RedisLink, key: string, bytes: number): Promise<void> {
  return link.serial(async (io) => {
    let got = 0;
    let after = '0-0';
    while (got < bytes) {
      io.read(new RespReader((part) => { got += part.length; }, () => CHUNK_BYTES));
      io.send(encodeCommand(['XREAD', 'COUNT', '16', 'BLOCK', '10000', 'STREAMS', key, after]));
      const [reply] = await io.replies(1);
      const entries = ((reply as Resp[] | null)?.[0] as Resp[] | undefined)?.[1] as Resp[][] | undefined;
      if (!entries) throw new Error(`bare read: nothing came on ${key} for 10 s (${got} of ${bytes} bytes came)`);
      after = String(entries[entries.length - 1][0]);
      // A last piece of at most 1 KiB is kept in the reply, not streamed (resp-reader.ts): count it here.
      for (const [, fields] of entries) if ((fields as Resp[])[1] instanceof Buffer) got += ((fields as Resp[])[1] as Buffer).length;
    }
  });
}

/** A reader in a process of its own: `read(key, bytes)` resolves with its CPU for that read. */
export interface BareReader { read(key: string, bytes: number): Promise<{ cpu: number }>; close(): void }

export function bareReader(url: string): BareReader {
  const child: ChildProcess = fork(__filename, ['--bare-reader', url]);
  return {
    read: (key, bytes) => new Promise((resolve, reject) => {
      child.once('message', (answer: { cpu?: number; error?: string }) => (answer.error ? reject(new Error(answer.error)) : resolve({ cpu: answer.cpu! })));
      child.send({ key, bytes });
    }),
    close: () => child.disconnect(),
  };
}

/** One transfer, the reader asked first (it follows the stream from its start); the stream goes afterwards. */
export async function bareTransfer(writer: RedisLink, reader: BareReader, key: string, bytes: number): Promise<{ wall: number; writer: number; reader: number }> {
  const [c0, t0] = [cpuMs(), performance.now()];
  const read = reader.read(key, bytes);
  await bareWrite(writer, key, bytes);
  const { cpu } = await read;
  const wall = performance.now() - t0;
  const writerCpu = cpuMs() - c0;
  await writer.serial(async (io) => { io.read(new RespReader()); io.send(encodeCommand(['UNLINK', key])); await io.replies(1); });
  return { wall, writer: writerCpu, reader: cpu };
}

if (require.main === module && process.argv[2] === '--bare-reader') {
  const link = new RedisLink(process.argv[3]);
  process.on('message', ({ key, bytes }: { key: string; bytes: number }) => {
    const cpu = cpuMs();
    bareRead(link, key, bytes).then(() => process.send!({ cpu: cpuMs() - cpu }), (error: Error) => process.send!({ error: String(error) }));
  });
  process.on('disconnect', () => link.close());
}
