/**
 * The body of a data file (layout in codec.ts): which typed-array kinds there are, how the views of one ArrayBuffer
 * become one region of the body, and how regions are laid out 8-aligned and framed with the header. Apart from the
 * encoder's walk over values because the decoder, the codec and version files read the same layout.
 */
import { constants } from 'node:buffer';
import { TypedArrayKind } from './generated/value_generated';

type TypedArrayConstructor = {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): ArrayBufferView;
  readonly BYTES_PER_ELEMENT: number;
  readonly prototype: object;
};

/** Indexed by TypedArrayKind. Buffer, the kind after these, is a Uint8Array made by Buffer.from. */
export const TYPED_ARRAYS: readonly TypedArrayConstructor[] = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
];
/** A typed array's kind by its prototype (an exact built-in class, not a subclass). */
export const KIND_OF_PROTOTYPE = new Map<object, TypedArrayKind>([
  ...TYPED_ARRAYS.map((C, kind) => [C.prototype, kind] as const),
  [Buffer.prototype, TypedArrayKind.Buffer],
]);
const ZEROS = new Uint8Array(8);

/**
 * Buffers this thread did not make for a value of its own: version files' buffers (decoded typed arrays are views on
 * them) and shared memory. A view on one is sent as the bytes it covers; a view on any other buffer a task made may
 * carry the whole buffer (EncodeOptions.wholeOwnBuffers).
 */
const borrowed = new WeakSet<ArrayBufferLike>();
export const noteBorrowed = (buffer: ArrayBufferLike): void => { borrowed.add(buffer); };
export const isBorrowed = (buffer: ArrayBufferLike): boolean => borrowed.has(buffer);
/** The largest file a reader can take in one buffer. */
export const MAX_FILE_BYTES = constants.MAX_LENGTH;
export const BODY_START = 8;

export const padTo8 = (n: number): number => (8 - (n % 8)) % 8;

/**
 * `type`, `holder` and `at`: the view that made the region, child `at` of `holder` in the encoder's walk, to name the
 * largest part of a value over the size limit (its path is built only then: building one for every buffer would cost
 * more than encoding it).
 */
export interface Region {
  readonly index: number; start: number; end: number; align: number; readonly buffer: ArrayBufferLike; readonly type: string; readonly holder: unknown; readonly at: number;
  /** The region is its whole buffer (value.fbs whole_buffers): its views keep their places in it. */
  readonly whole: boolean;
}

/**
 * The region of the body holding a view's bytes: all views of one buffer share one, grown to cover them all; `whole`,
 * the whole buffer (a task's own buffer, whose bytes outside its views the program may still read: `body.buffer`).
 */
export function regionOf(regions: Map<ArrayBufferLike, Region>, v: ArrayBufferView, kind: TypedArrayKind, holder: unknown, at: number, whole = false): Region {
  const size = kind === TypedArrayKind.Buffer ? 1 : TYPED_ARRAYS[kind]!.BYTES_PER_ELEMENT;
  let region = regions.get(v.buffer);
  if (!region) {
    const [start, end] = whole ? [0, v.buffer.byteLength] : [v.byteOffset, v.byteOffset + v.byteLength];
    region = { index: regions.size, start, end, align: size, buffer: v.buffer, type: v.constructor.name, holder, at, whole };
    regions.set(v.buffer, region);
  } else {
    region.start = Math.min(region.start, v.byteOffset);
    region.end = Math.max(region.end, v.byteOffset + v.byteLength);
    region.align = Math.max(region.align, size);
  }
  return region;
}

/**
 * Start each region at a multiple of its widest element in its buffer, so every view in it stays aligned; returns
 * the body's length with each region 8-aligned in it. Counted before any view of the body is made: a body over the
 * size limit may be longer than a Uint8Array can be.
 */
export function alignRegions(regions: Iterable<Region>): number {
  let bodyLength = 0;
  for (const region of regions) {
    region.start -= region.start % region.align;
    bodyLength += padTo8(bodyLength) + region.end - region.start;
  }
  return bodyLength;
}

/** The body's chunks (views on the caller's buffers, with padding) and where each region's buffer offset 0 falls. */
export function bodyParts(regions: Iterable<Region>): { body: Uint8Array[]; bases: bigint[] } {
  const body: Uint8Array[] = [];
  const bases: bigint[] = [];
  let bodyLength = 0;
  for (const region of regions) {
    const padding = padTo8(bodyLength);
    bodyLength += padding;
    bases.push(BigInt(bodyLength - region.start));
    body.push(ZEROS.subarray(0, padding), new Uint8Array(region.buffer, region.start, region.end - region.start));
    bodyLength += region.end - region.start;
  }
  return { body, bases };
}

/** The file's chunks in order: the body's length, the body, padding to 8, then the size-prefixed header. */
export function frame(bodyLength: number, body: readonly Uint8Array[], header: Uint8Array): { parts: Uint8Array[]; byteLength: number } {
  const length = new Uint8Array(BODY_START);
  new DataView(length.buffer).setBigUint64(0, BigInt(bodyLength), true);
  const padding = ZEROS.subarray(0, padTo8(bodyLength));
  return { parts: [length, ...body, padding, header], byteLength: BODY_START + bodyLength + padding.length + header.length };
}
