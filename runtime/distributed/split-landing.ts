/**
 * Where a blob read for the master's program lands (blob-link.ts getLanded): a version file's bytes in three pieces,
 * its first 8 bytes, its body in a buffer of exactly the body's size, and the rest (protocol.ts LandedVersion), so that
 * a result that is one typed array becomes a view of the body's buffer with no copy (store/landed.ts).
 */
import type { LandedVersion } from '../protocol';
import { BODY_START } from '../store/codec';
import { corruptData } from '../errors';
import type { Landing } from './blob-link';

export class SplitLanding implements Landing {
  private readonly head = Buffer.allocUnsafeSlow(BODY_START);
  private body: Buffer | undefined;
  private tail: Buffer | undefined;
  private at = 0;

  /** `bytes`: the blob's size, bounded by its source's check (blobs.ts sourceProblem) before this is made. */
  constructor(private readonly bytes: number, private readonly what: string) {}

  // Arrow properties: follow() passes them on as functions (frameProblem's read).
  readonly take = (part: Buffer): void => {
    for (let from = 0; from < part.length;) {
      if (this.at < BODY_START) {
        const n = part.copy(this.head, this.at, from, from + BODY_START - this.at);
        from += n;
        if ((this.at += n) === BODY_START) this.split();
        continue;
      }
      const found = this.pieces().find(([start, piece]) => this.at < start + piece.byteLength);
      if (!found) throw corruptData(this.what, `more than its ${this.bytes} bytes arrived`);
      const n = part.copy(found[1], this.at - found[0], from);
      from += n;
      this.at += n;
    }
  };

  readonly size = (): number => this.at;

  readonly slice = (offset: number, length: number): Uint8Array => {
    const pieces = this.pieces();
    const inside = pieces.find(([start, piece]) => offset >= start && offset + length <= start + piece.byteLength);
    if (inside) return inside[1].subarray(offset - inside[0], offset - inside[0] + length);
    // Across pieces (frameProblem reads the head and the header, each inside one; a damaged file may say otherwise).
    const joined = Buffer.alloc(length);
    for (const [start, piece] of pieces) {
      const from = Math.max(offset, start);
      const to = Math.min(offset + length, start + piece.byteLength);
      if (from < to) piece.copy(joined, from - offset, from - start, to - start);
    }
    return joined;
  };

  /** The pieces, once every byte arrived and was checked (blob-link.ts follow). */
  landed(): LandedVersion {
    if (!this.body || !this.tail) throw corruptData(this.what, `${this.at} bytes arrived, expected ${this.bytes}`);
    return { head: this.head, body: this.body, tail: this.tail };
  }

  /** The body's size is in the first 8 bytes: its buffer is made once they arrived, within the blob's size. */
  private split(): void {
    const length = this.head.readBigUInt64LE(0);
    if (length > BigInt(this.bytes - BODY_START)) throw corruptData(this.what, `its body length ${length} is past its end (${this.bytes} bytes)`);
    // Each its own ArrayBuffer (allocUnsafeSlow): moved to the main thread whole, and the body's is exactly the body.
    this.body = Buffer.allocUnsafeSlow(Number(length));
    this.tail = Buffer.allocUnsafeSlow(this.bytes - BODY_START - this.body.byteLength);
  }

  private pieces(): [number, Buffer][] {
    if (!this.body || !this.tail) return [[0, this.head]];
    return [[0, this.head], [BODY_START, this.body], [BODY_START + this.body.byteLength, this.tail]];
  }
}
