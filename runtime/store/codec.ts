/**
 * The codec of data files (d<id>v<ver>): a value in, the bytes of a file out, and back.
 *
 * Layout, Arrow-IPC-like so that typed arrays cross without copies in user space:
 *
 *   [u64 LE: B][body: B bytes][zeros to an 8-byte boundary][u32 LE: H][H bytes: FlatBuffer "TSKF" (value.fbs)]
 *
 * The body holds the bytes of every typed array, each starting 8-byte aligned, so that encoding hands the
 * caller's own arrays to writev and decoding returns views of the buffer the file was read into. Everything
 * else lives in the FlatBuffer, which trails the body in FlatBuffers' own size-prefixed form.
 *
 * Objects are numbered and shared references are kept (encoder.ts, decoder.ts); views of one buffer share a
 * region of the body. Each object may carry an origin (which caller's object it is), and instances of exported
 * classes a class reference (classes.ts).
 *
 * Why the body comes first: a file whose value is one typed array is then [byte length][elements], which is
 * exactly a POSIX shared-memory object as shm-typed-array maps it. An @rro version's file is made a segment
 * by a hard link, with no copy (worker/rro-table.ts).
 */
import { ByteBuffer } from 'flatbuffers';
import { Root, TypedArrayKind, TypedArrayValue, Value } from './generated/value_generated';
import { BODY_START, TYPED_ARRAYS, padTo8 } from './body';
import { Decoder, classRefAt, type DecodeOptions } from './decoder';
import { headerProblem } from './verify';
import type { ClassRef } from './classes';

export { encodeValue } from './encoder';
export { BODY_START, MAX_FILE_BYTES } from './body';
export { UnsupportedValueError, isDetached, detachedError, builtinSubclass, proxyRefused } from './refusals';
export type { EncodedValue, EncodeOptions, ObjectOrigin } from './encoder';
export type { DecodeOptions } from './decoder';

/** Where the framed header starts (8-aligned, after the body), given at least the first 8 bytes of a file. */
export function headerOffset(first8: Uint8Array): number {
  if (first8.length < BODY_START) throw new Error(`headerOffset needs the first 8 bytes of a data file, got ${first8.length}`);
  const body = Number(new DataView(first8.buffer, first8.byteOffset, BODY_START).getBigUint64(0, true));
  return BODY_START + body + padTo8(body);
}

/**
 * Why `size` bytes cannot be one data file, judged without decoding anything, or undefined: the body
 * length in its first 8 bytes must put the header inside the file, the header's length must end exactly at the
 * file's end, and the FlatBuffer must carry the "TSKF" identifier with its root inside it; then the header is
 * walked (verify.ts: every offset, vector and string inside it, with caps). Checked on bytes that came from another
 * machine before they are written where a worker decodes them. `read(offset, length)` gives bytes of the file.
 */
export function frameProblem(size: number, read: (offset: number, length: number) => Uint8Array): string | undefined {
  if (size < BODY_START + 12) return `${size} bytes are too few for a data file`;
  // Copies of their own (a Buffer's slice() is a view on its whole pool), at offset 0 for the DataViews.
  const first = Uint8Array.from(read(0, BODY_START));
  const body = new DataView(first.buffer).getBigUint64(0, true);
  if (body > BigInt(size)) return `its body length ${body} is past its end (${size} bytes)`;
  const at = headerOffset(first);
  if (at + 12 > size) return `its header would start at ${at}, past its end (${size} bytes)`;
  const view = new DataView(Uint8Array.from(read(at, 12)).buffer);
  const header = view.getUint32(0, true);
  if (at + 4 + header !== size) return `its header of ${header} bytes at ${at} does not end at its end (${size} bytes)`;
  const root = view.getUint32(4, true);
  const id = String.fromCharCode(view.getUint8(8), view.getUint8(9), view.getUint8(10), view.getUint8(11));
  if (id !== 'TSKF') return 'it has no "TSKF" file identifier';
  if (root < 8 || root >= header) return `its root offset ${root} is outside its header (${header} bytes)`;
  // The whole header, in a buffer of its own at the alignment it has in the file (8), walked before any decoding.
  return headerProblem(Uint8Array.from(read(at, 4 + header)), Number(body));
}

/** bytes: the whole file, 8-aligned in its buffer. Typed arrays come back as views on bytes.buffer. */
export function decodeValue(bytes: Uint8Array, options: DecodeOptions = {}): unknown {
  if (bytes.byteOffset % 8 !== 0) {
    throw new Error(
      `decodeValue needs bytes 8-aligned in their buffer (byteOffset ${bytes.byteOffset}) so that typed arrays ` +
        'can be views of it; read the file into Buffer.allocUnsafeSlow(size)',
    );
  }
  return new Decoder(bytes, BODY_START, rootOf(bytes), options).decode();
}

/** The classes a file's value has instances of: a worker imports their modules before decoding. */
export function classesOf(bytes: Uint8Array): ClassRef[] {
  const root = rootOf(bytes);
  return Array.from({ length: root.classesLength() }, (_, i) => classRefAt(root, i));
}

function rootOf(bytes: Uint8Array): Root {
  const at = headerOffset(bytes);
  if (at > bytes.length) throw new Error(`data file truncated: its header starts at ${at}, the file has ${bytes.length} bytes`);
  return readRoot(bytes.subarray(at));
}

/**
 * Where the payload of a file whose root value is a typed array sits, from its framed header alone (the
 * bytes from headerOffset on); else null.
 */
export function typedArrayPayload(header: Uint8Array): { type: string; length: number; fileOffset: number; origin: boolean } | null {
  const root = readRoot(header);
  if (root.valueType() !== Value.TypedArrayValue) return null;
  const array: TypedArrayValue = root.value(new TypedArrayValue());
  // A view inside a bigger buffer the task made (value.fbs whole_buffers): decoded, to keep its place in that buffer.
  const whole = array.region() < root.wholeBuffersLength() ? Number(root.wholeBuffers(array.region())) : 0;
  if (whole !== 0 && (array.byteOffset() !== 0n || BigInt(whole) !== array.byteLength())) return null;
  return {
    type: TypedArrayKind[array.kind()],
    length: Number(array.byteLength()) / bytesPerElement(array.kind()),
    fileOffset: BODY_START + Number(root.regions(array.region())) + Number(array.byteOffset()),
    // Whether the array says which caller's object it is (then it must be decoded, not just read).
    origin: root.originsLength() > 0 && root.origins(0)!.data() !== 0,
  };
}

/** header: the framed FlatBuffer, u32 length first. */
function readRoot(header: Uint8Array): Root {
  const needed = header.length >= 4 ? 4 + new DataView(header.buffer, header.byteOffset, 4).getUint32(0, true) : 4;
  if (header.length < needed) throw new Error(`data file header truncated: needs ${needed} bytes, got ${header.length}`);
  const bb = new ByteBuffer(header);
  bb.setPosition(4);
  if (!Root.bufferHasIdentifier(bb)) throw new Error('not a taskify data file (no "TSKF" file identifier)');
  return Root.getRootAsRoot(bb);
}

const bytesPerElement = (kind: TypedArrayKind): number =>
  kind === TypedArrayKind.Buffer ? 1 : TYPED_ARRAYS[kind]!.BYTES_PER_ELEMENT;
