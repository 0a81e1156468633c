/**
 * A version that arrived in memory rather than as a file (protocol.ts LandedVersion: head, body, tail), read the ways
 * version-file.ts reads a file. Why three pieces: a distributed result used to be written into a file in the run
 * directory and read back into the program's array, two copies and two sets of fresh pages per byte; landed with its
 * body in a buffer of exactly the body's size, a result that is one typed array is a view of that buffer (the
 * buffer the program gets is exactly its array's, as the task's `new Float64Array(n)` had), and nothing is copied
 * after the bytes left the socket.
 */
import type { LandedVersion } from '../protocol';
import { BODY_START, decodeValue, headerOffset, typedArrayPayload, type DecodeOptions } from './codec';
import { TYPED_ARRAYS } from './body';
import { typedArrays } from '../worker/shapes';

export const landedSize = (landed: LandedVersion): number => landed.head.byteLength + landed.body.byteLength + landed.tail.byteLength;

/** The framed header (from headerOffset on), which lies in the tail. */
function headerOf(landed: LandedVersion): Uint8Array {
  const at = headerOffset(landed.head) - BODY_START - landed.body.byteLength;
  if (at < 0 || at > landed.tail.byteLength) throw new Error(`taskify internal error: a landed version's header is not in its tail (${at})`);
  return landed.tail.subarray(at);
}

/** The whole file in one buffer of its own (8-aligned, as decodeValue needs): for values other than one typed array. */
export function landedBytes(landed: LandedVersion): Uint8Array {
  const bytes = Buffer.allocUnsafeSlow(landedSize(landed));
  bytes.set(landed.head, 0);
  bytes.set(landed.body, BODY_START);
  bytes.set(landed.tail, BODY_START + landed.body.byteLength);
  return bytes;
}

export function decodeLanded(landed: LandedVersion, options?: DecodeOptions): { value: unknown; bytes: number } {
  return { value: decodeValue(landedBytes(landed), options), bytes: landedSize(landed) };
}

/**
 * readOwnTypedArray for a landed version: the array is a view of the body's buffer when it is the whole body (the
 * common case: a task returned one new typed array), else a copy of its bytes. Undefined when the version is not
 * one typed array without origin.
 */
export function landedOwnTypedArray(landed: LandedVersion): { value: ArrayBufferView; bytes: number } | undefined {
  const payload = typedArrayPayload(headerOf(landed));
  if (payload === null || payload.origin) return undefined;
  const C = payload.type === 'Buffer' ? Buffer : typedArrays[payload.type];
  if (!C) return undefined;
  const size = payload.length * bytesPerElement(payload.type);
  const at = payload.fileOffset - BODY_START;
  if (at < 0 || at + size > landed.body.byteLength) return undefined;
  const { body } = landed;
  const whole = at === 0 && size === body.byteLength && body.byteOffset === 0 && body.buffer.byteLength === size;
  const buffer = whole ? body.buffer : body.buffer.slice(body.byteOffset + at, body.byteOffset + at + size);
  const value = C === Buffer ? Buffer.from(buffer, 0, size) : new (C as Float64ArrayConstructor)(buffer, 0, payload.length);
  return { value, bytes: landedSize(landed) - body.byteLength + size };
}

/** readTypedArrayInto for a landed version: its payload from `skip` on copied into `target`; bytes read, or -1. */
export function landedInto(landed: LandedVersion, target: ArrayBufferView, skip = 0): number {
  const payload = typedArrayPayload(headerOf(landed));
  if (payload === null || payload.length * bytesPerElement(payload.type) !== skip + target.byteLength) return -1;
  const at = payload.fileOffset - BODY_START + skip;
  if (at < 0 || at + target.byteLength > landed.body.byteLength) return -1;
  new Uint8Array(target.buffer, target.byteOffset, target.byteLength).set(landed.body.subarray(at, at + target.byteLength));
  return landedSize(landed) - landed.body.byteLength + target.byteLength;
}

const bytesPerElement = (type: string): number => TYPED_ARRAYS.find((C) => C.name === type)?.BYTES_PER_ELEMENT ?? 1;
