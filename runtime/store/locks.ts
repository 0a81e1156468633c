/**
 * Objects the program locked: made non-extensible, sealed or frozen. A value keeps its locks through a version file
 * (value.fbs, Lock), so a task that writes a frozen argument fails in its worker as the plain call did, and an object a
 * task froze comes back frozen.
 */

export enum LockLevel { NotExtensible = 1, Sealed = 2, Frozen = 3 }

/** How far `v` is locked; undefined when it still takes new properties. */
export function lockLevelOf(v: object): LockLevel | undefined {
  if (Object.isExtensible(v)) return undefined;
  return Object.isFrozen(v) ? LockLevel.Frozen : Object.isSealed(v) ? LockLevel.Sealed : LockLevel.NotExtensible;
}

export function lockObject(v: object, level: LockLevel): void {
  if (level === LockLevel.Frozen) Object.freeze(v);
  else if (level === LockLevel.Sealed) Object.seal(v);
  else Object.preventExtensions(v);
}
