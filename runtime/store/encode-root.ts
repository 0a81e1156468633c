/**
 * The last step of encoding (encoder.ts): the body's regions laid out (body.ts), and the Root table of value.fbs
 * around the encoded value: regions, origins, classes, locks and whole buffers; then the file's framing, within the size limit.
 */
import type { Builder } from 'flatbuffers';
import { ClassRef as ClassRefTable, Lock, Origin, Root, type Value } from './generated/value_generated';
import { BODY_START, alignRegions, bodyParts, frame, type Region } from './body';
import type { ClassRef } from './classes';
import type { LockLevel } from './locks';
import { tooLarge } from './refusals';

export interface FileParts {
  readonly regions: Map<ArrayBufferLike, Region>;
  /** Per object number (empty when no object has one). */
  readonly origins: readonly ({ readonly data: number; readonly index: number } | undefined)[];
  readonly classes: readonly ClassRef[];
  /** [object number, level] of the objects the program locked. */
  readonly locks: readonly [number, LockLevel][];
  /** The path of the view that made a region, to name the largest part of a value over the limit. */
  readonly regionPath: (region: Region) => string;
}

export function finishFile(b: Builder, type: Value, offset: number, limit: number, parts: FileParts): { parts: Uint8Array[]; byteLength: number } {
  const { regionPath } = parts;
  const bodyLength = alignRegions(parts.regions.values());
  if (BODY_START + bodyLength > limit) throw tooLarge(BODY_START + bodyLength, limit, parts.regions.values(), regionPath);
  const { body, bases } = bodyParts(parts.regions.values());
  const regions = Root.createRegionsVector(b, bases);
  Root.startOriginsVector(b, parts.origins.length);
  for (let i = parts.origins.length - 1; i >= 0; i--) Origin.createOrigin(b, parts.origins[i]?.data ?? 0, parts.origins[i]?.index ?? 0);
  const origins = b.endVector();
  const classes = Root.createClassesVector(b, parts.classes.map((ref) =>
    ClassRefTable.createClassRef(b, b.createString(ref.module), b.createString(ref.name))));
  const locks = lockVector(b, parts.locks);
  const whole = [...parts.regions.values()].some((region) => region.whole)
    ? Root.createWholeBuffersVector(b, [...parts.regions.values()].map((region) => BigInt(region.whole ? region.buffer.byteLength : 0)))
    : undefined;
  Root.startRoot(b);
  Root.addValueType(b, type);
  Root.addValue(b, offset);
  Root.addRegions(b, regions);
  Root.addOrigins(b, origins);
  Root.addClasses(b, classes);
  // Absent when nothing is locked: a file of an unlocked value is what it was before locks were carried.
  if (locks !== undefined) Root.addLocks(b, locks);
  if (whole !== undefined) Root.addWholeBuffers(b, whole);
  Root.finishSizePrefixedRootBuffer(b, Root.endRoot(b));
  const header = b.asUint8Array();
  const framed = frame(bodyLength, body, header);
  if (framed.byteLength > limit) throw tooLarge(framed.byteLength, limit, parts.regions.values(), regionPath);
  return framed;
}

function lockVector(b: Builder, locks: readonly [number, LockLevel][]): number | undefined {
  if (locks.length === 0) return undefined;
  Root.startLocksVector(b, locks.length);
  for (let i = locks.length - 1; i >= 0; i--) Lock.createLock(b, locks[i]![0], locks[i]![1]);
  return b.endVector();
}
