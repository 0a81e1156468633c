/**
 * An incremental reader of Redis replies (RESP2) for the data link (blob-link.ts), which speaks to Redis itself
 * instead of through ioredis so that a version's bytes are never gathered into one buffer: a bulk string longer
 * than SMALL_BULK is not kept but handed to a sink piece by piece as the socket delivers it (the sink writes it into
 * a file), and appears in the reply as `{ streamed: length }`. Everything else (status lines, numbers, stream ids,
 * checksums, nested arrays) is small and kept.
 *
 * The chunks fed may be views of memory the socket reads into again (redis-link.ts): what is kept is copied first.
 *
 * A reply from someone who can write to Redis is untrusted input: a line longer than MAX_LINE, a bulk string longer
 * than the caller's limit or nesting deeper than MAX_DEPTH throws before anything is allocated for it.
 */

export class RespError { constructor(readonly message: string) {} }
export interface Streamed { readonly streamed: number }
export type Resp = string | number | null | Buffer | RespError | Streamed | Resp[];

const SMALL_BULK = 1024;
const MAX_LINE = 1024;
const MAX_DEPTH = 8;

export class RespReader {
  /** Whole replies, in order. */
  readonly values: Resp[] = [];
  private line: Buffer | undefined;
  private readonly stack: { left: number; items: Resp[] }[] = [];
  /** A small bulk string being gathered: its bytes so far and the length it will have (plus its CRLF). */
  private small: { parts: Buffer[]; have: number; length: number } | undefined;
  /** Bytes of a streamed bulk string still to come, then its CRLF. */
  private streamLeft = 0;
  private tail = 0;
  /** The streamed bulk string's length: it is a whole value once its CRLF has passed too. */
  private streamed = 0;

  /**
   * sink: where a large bulk string's bytes go; limit(): the longest one the caller takes now (asked when its
   * length arrives, so that it can depend on what came before).
   */
  constructor(private readonly sink?: (part: Buffer) => void, private readonly limit: () => number = () => 0) {}

  feed(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.streamLeft > 0) {
        const part = chunk.subarray(at, Math.min(chunk.length, at + this.streamLeft));
        this.sink!(part);
        this.streamLeft -= part.length;
        at += part.length;
        if (this.streamLeft === 0) this.tail = 2;
        continue;
      }
      if (this.tail > 0) {
        const skip = Math.min(this.tail, chunk.length - at);
        this.tail -= skip;
        at += skip;
        if (this.tail === 0) this.done({ streamed: this.streamed });
        continue;
      }
      if (this.small) {
        const small = this.small;
        const part = chunk.subarray(at, Math.min(chunk.length, at + small.length + 2 - small.have));
        small.parts.push(Buffer.from(part)); // a copy: the socket may reuse the memory it read into
        small.have += part.length;
        at += part.length;
        if (small.have === small.length + 2) {
          this.small = undefined;
          this.done(Buffer.concat(small.parts).subarray(0, small.length));
        }
        continue;
      }
      const end = chunk.indexOf('\r\n', at);
      if (end < 0) {
        this.line = this.line ? Buffer.concat([this.line, chunk.subarray(at)]) : Buffer.from(chunk.subarray(at));
        if (this.line.length > MAX_LINE) throw new Error('taskify: Redis sent a malformed reply (a line too long)');
        return;
      }
      let line = chunk.subarray(at, end);
      if (this.line) { line = Buffer.concat([this.line, line]); this.line = undefined; }
      at = end + 2;
      this.header(line.toString('latin1'));
    }
  }

  private header(line: string): void {
    const kind = line[0];
    const rest = line.slice(1);
    if (kind === '+') return this.done(rest);
    if (kind === '-') return this.done(new RespError(rest));
    const n = Number(rest);
    if (!Number.isSafeInteger(n) || n < -1) throw new Error(`taskify: Redis sent a malformed reply: ${line.slice(0, 80)}`);
    if (kind === ':') return this.done(n);
    if (kind === '$') {
      if (n === -1) return this.done(null);
      if (n <= SMALL_BULK) { this.small = { parts: [], have: 0, length: n }; return; }
      if (!this.sink || n > this.limit()) throw new TooLong(n);
      this.streamLeft = n;
      this.streamed = n;
      return;
    }
    if (kind === '*') {
      if (n <= 0) return this.done(n === -1 ? null : []);
      if (this.stack.length >= MAX_DEPTH) throw new Error('taskify: Redis sent a malformed reply (nested too deep)');
      this.stack.push({ left: n, items: [] });
      return;
    }
    throw new Error(`taskify: Redis sent an unexpected reply: ${line.slice(0, 80)}`);
  }

  /** A value is complete: it joins its array, or is a whole reply. */
  private done(value: Resp): void {
    for (;;) {
      const top = this.stack[this.stack.length - 1];
      if (!top) { this.values.push(value); return; }
      top.items.push(value);
      if (--top.left > 0) return;
      this.stack.pop();
      value = top.items;
    }
  }
}

/** A bulk string longer than its reader takes (never read into memory). */
export class TooLong extends Error {
  constructor(readonly length: number) { super(`taskify: Redis sent a value of ${length} bytes where fewer were expected`); }
}

