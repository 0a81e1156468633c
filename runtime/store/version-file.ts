/**
 * Reading and writing one version file `d<id>v<ver>`. Writes go to a temporary name and are renamed into
 * place, so a reader (or a retried task) never sees half a file.
 */
import { closeSync, fstatSync, openSync, readSync, renameSync, unlinkSync, writevSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { BODY_START, decodeValue, encodeValue, headerOffset, typedArrayPayload, type DecodeOptions, type EncodedValue, type EncodeOptions } from './codec';
import { TYPED_ARRAYS } from './body';
import { typedArrays } from '../worker/shapes';
import { checkedVersionKey } from '../protocol';

/** A version's file in the run directory; the key is checked first (protocol.checkedVersionKey). */
export const versionPath = (runDir: string, key: string): string => join(runDir, checkedVersionKey(key));

/** Encode `value` and store it as version `key`; returns the file's size. Throws UnsupportedValueError. */
export function writeVersion(runDir: string, key: string, value: unknown, options?: EncodeOptions): number {
  return writeEncoded(runDir, key, encodeValue(value, options));
}

/**
 * Throws the file system's error (ENOSPC, EIO…) as it is, for the caller to say whose data it was; a temporary file
 * that could not be finished is removed at once, so a full store gets its room back before the run ends.
 */
export function writeEncoded(runDir: string, key: string, encoded: EncodedValue): number {
  const temporary = join(runDir, `.${checkedVersionKey(key)}.${process.pid}.${threadId}.tmp`);
  const fd = openSync(temporary, 'w', 0o600);
  try {
    try {
      writeParts(fd, encoded.parts);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, versionPath(runDir, key));
  } catch (error) {
    try { unlinkSync(temporary); } catch { /* already gone: the error above is the one to report */ }
    throw error;
  }
  return encoded.byteLength;
}

function writeParts(fd: number, parts: Uint8Array[]): void {
  // writev may write less than asked (and takes at most IOV_MAX parts): go on from where it stopped.
  while (parts.length > 0) {
    let written = writevSync(fd, parts.slice(0, 1024));
    let consumed = 0;
    while (consumed < parts.length && written >= parts[consumed].byteLength) written -= parts[consumed++].byteLength;
    parts = parts.slice(consumed);
    if (written > 0) parts = [parts[0].subarray(written), ...parts.slice(1)];
  }
}

/** The whole file in a fresh 8-aligned buffer (typed array views on it must be aligned). */
export function readVersionBytes(runDir: string, key: string): Uint8Array {
  const fd = openSync(versionPath(runDir, key), 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.allocUnsafeSlow(size); // its own ArrayBuffer at offset 0: aligned, and not zeroed first
    readFully(fd, bytes, 0);
    return bytes;
  } finally {
    closeSync(fd);
  }
}

export function readVersion(runDir: string, key: string, options?: DecodeOptions): { value: unknown; bytes: number } {
  const bytes = readVersionBytes(runDir, key);
  return { value: decodeValue(bytes, options), bytes: bytes.byteLength };
}

/** Where a typed array's elements sit in its version file, read from the header alone. */
export interface TypedArrayFile {
  readonly type: string; readonly length: number; readonly fileOffset: number; readonly headerBytes: number; readonly origin: boolean;
}

/** The payload's place if the file open as `fd` holds a typed array, else null (the header trails the body). */
export function typedArrayFile(fd: number): TypedArrayFile | null {
  const first = new Uint8Array(BODY_START);
  readFully(fd, first, 0);
  const at = headerOffset(first);
  const size = fstatSync(fd).size;
  if (at > size) throw new Error(`taskify: data file truncated: its header starts at ${at}, the file has ${size} bytes`);
  const header = new Uint8Array(size - at);
  readFully(fd, header, at);
  const payload = typedArrayPayload(header);
  return payload && { ...payload, headerBytes: BODY_START + header.byteLength };
}

/**
 * Copy-back fast path: when the version is one typed array of `skip` + the target's byte length, read its payload
 * from `skip` on straight into the target's memory (one copy, no intermediate buffer). Returns bytes read, or -1.
 */
export function readTypedArrayInto(runDir: string, key: string, target: ArrayBufferView, skip = 0): number {
  const fd = openSync(versionPath(runDir, key), 'r');
  try {
    const payload = typedArrayFile(fd);
    if (payload === null || payload.length * bytesPerElement(payload.type) !== skip + target.byteLength) return -1;
    readFully(fd, new Uint8Array(target.buffer, target.byteOffset, target.byteLength), payload.fileOffset + skip);
    return payload.headerBytes + target.byteLength;
  } finally {
    closeSync(fd);
  }
}

const bytesPerElement = (type: string): number => TYPED_ARRAYS.find((C) => C.name === type)?.BYTES_PER_ELEMENT ?? 1;

/**
 * A version that is one new typed array (no origin), read straight into an array of its own: one read, and a buffer of
 * exactly its bytes, as the task's `new Float64Array(n)` had. Undefined for any other version.
 */
export function readOwnTypedArray(runDir: string, key: string): { value: ArrayBufferView; bytes: number } | undefined {
  const fd = openSync(versionPath(runDir, key), 'r');
  try {
    const payload = typedArrayFile(fd);
    if (payload === null || payload.origin) return undefined;
    const C = typedArrays[payload.type];
    const value = payload.type === 'Buffer' ? Buffer.allocUnsafe(payload.length) : C ? new C(payload.length) : undefined;
    if (!value) return undefined;
    readFully(fd, new Uint8Array(value.buffer, value.byteOffset, value.byteLength), payload.fileOffset);
    return { value, bytes: payload.headerBytes + value.byteLength };
  } finally {
    closeSync(fd);
  }
}

export function removeVersion(runDir: string, key: string): void {
  try { unlinkSync(versionPath(runDir, key)); } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function readFully(fd: number, into: Uint8Array, position: number): void {
  let done = 0;
  while (done < into.byteLength) {
    const n = readSync(fd, into, done, into.byteLength - done, position + done);
    if (n === 0) throw new Error(`taskify: version file ended early (read ${done} of ${into.byteLength} bytes)`);
    done += n;
  }
}
