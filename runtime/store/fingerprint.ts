/**
 * A fingerprint of an encoded value: the hash of the exact bytes its file would hold (header, origins and classes
 * included), so two encodings with one fingerprint are, but for a hash collision, the same file. The main thread
 * compares the fingerprint of an `in` object's new encoding with its last snapshot's to keep that version when the
 * program did not change the object (api/arguments.ts).
 *
 * XXH3-64 from @node-rs/xxhash (native, synchronous): hashing the parts in place, with no copy, costs about 1.2 ms per
 * 32 MB here, against 17 ms for node's SHA-1 or SHA-256 and 3.7 to 5 ms for the WebAssembly builds (xxhash-wasm,
 * hash-wasm), which also load asynchronously. Where the addon cannot load, SHA-256 from node:crypto. A typed array's
 * bytes are parts of the encoding as they are (the encoder copies none), so for typed arrays this is a hash of their
 * memory. 64 bits: a change is missed only when two different encodings of one datum collide, about 1 in 2^64.
 */
import { createHash } from 'node:crypto';
import type { EncodedValue } from './encoder';
import { xxhash } from './xxhash';

export type Fingerprint = bigint | string;

type Xxh3 = import('@node-rs/xxhash').xxh3.Xxh3;

/** One hasher, reset for each value (making one costs more than hashing a small value). Null: the addon did not load. */
let hasher: Xxh3 | null | undefined;

function xxh3(): Xxh3 | null {
  if (hasher === undefined) {
    const loaded = xxhash();
    hasher = loaded instanceof Error ? null : loaded.xxh3.Xxh3.withSeed();
  }
  return hasher;
}

export function fingerprint(encoded: EncodedValue): Fingerprint {
  const fast = xxh3();
  if (fast) {
    fast.reset();
    for (const part of encoded.parts) fast.update(part);
    return fast.digest();
  }
  const hash = createHash('sha256');
  for (const part of encoded.parts) hash.update(part);
  return hash.digest('base64');
}
