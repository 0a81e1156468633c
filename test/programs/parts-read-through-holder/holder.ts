export interface Job { v: number }

/** An instance of a class whose field a part is taken from. */
export class Holder { inner: Job = { v: 0 }; }

/** A Map subclass with an iterator of its own: a wait must not run it. */
export class Registry extends Map<string, Job> {
  *[Symbol.iterator](): MapIterator<[string, Job]> { console.log('iterating registry'); yield* super.entries(); }
}
