/**
 * Every version's bytes that travel between machines carry a checksum, checked before the bytes are written into a
 * run directory (and so before anything decodes them): a blob changed or cut in Redis, or an answer whose data does
 * not match, fails the task that reads it with an error naming the task and the data, never a wrong value.
 *
 * xxHash64 from @node-rs/xxhash (Rust, prebuilt per platform): on 64 MiB here it takes about 3 ms (about 20 GB/s);
 * hash-wasm's xxhash64 about 7 ms, its crc32c 30 ms, Node's sha256 35 ms. The checksum travels inside the signed job
 * or answer, so it cannot be replaced; with a cluster secret its seed is derived from the secret, so someone who can
 * write to Redis but does not hold the secret does not know the function the bytes are checked with. It is not a
 * cryptographic MAC (see the threat model in docs/ARCHITECTURE.md).
 */
import { createHmac } from 'node:crypto';
import { redisModulesMissing } from '../errors';
import { xxhash, type XxHash } from '../store/xxhash';

function hasher(): XxHash {
  const loaded = xxhash();
  if (loaded instanceof Error) throw redisModulesMissing(loaded.message.split('\n')[0]);
  return loaded;
}

/** The checksum seed of a cluster: 0 without a secret. */
export function checksumSeed(secret: string | undefined): bigint {
  if (!secret) return 0n;
  return createHmac('sha256', secret).update('taskify version checksum').digest().readBigUInt64LE(0);
}

/** The checksum of bytes given in parts (their concatenation), as 16 hex digits. */
export function checksum(seed: bigint, ...parts: readonly Uint8Array[]): string {
  if (parts.length === 1) return hex(hasher().xxh64(parts[0], seed));
  const state = new (hasher().Xxh64)(seed);
  for (const part of parts) state.update(part);
  return hex(state.digest());
}

/** A checksum taken part by part, as bytes arrive. */
export class Checksum {
  private readonly state: InstanceType<XxHash['Xxh64']>;
  constructor(seed: bigint) { this.state = new (hasher().Xxh64)(seed); }
  update(part: Uint8Array): this { this.state.update(part); return this; }
  digest(): string { return hex(this.state.digest()); }
}

export const CHECKSUM = /^[0-9a-f]{16}$/;

const hex = (value: bigint): string => value.toString(16).padStart(16, '0');
