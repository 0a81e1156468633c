/**
 * What each object a task created and handed out through two outputs became on the main thread (created-origins.ts):
 * the first output read makes the object, the others find it here. Held weakly: once the program drops the object,
 * an output naming it again makes a new one, which nothing could tell apart.
 */
import type { ObjectOrigin } from '../store/codec';
import { creatorOf, isCreatedOrigin } from '../created-origins';

const keyOf = (origin: ObjectOrigin): string => `${origin.data}:${origin.index}`;

export class CreatedObjects {
  private readonly made = new Map<string, WeakRef<object>>();
  private readonly gone = new FinalizationRegistry<string>((key) => {
    if (this.made.get(key)?.deref() === undefined) this.made.delete(key);
  });

  /** The program's object for a created origin, if an output made it already and it lives. */
  get(origin: ObjectOrigin): object | undefined {
    return this.made.get(keyOf(origin))?.deref();
  }

  /** An output made `object` for this origin (a no-op for any other origin). */
  set(origin: ObjectOrigin, object: object): void {
    if (!isCreatedOrigin(origin)) return;
    const key = keyOf(origin);
    this.made.set(key, new WeakRef(object));
    this.gone.register(object, key);
  }

  /**
   * Whether a version made by task `producer` should copy its contents into the program's object of a created origin:
   * not when the task that created it made the version too (the program had that state already, and may have changed
   * the object since: `const o = add(list, 1); o.n = 99`), else yes (a later task wrote it).
   */
  static owns(origin: ObjectOrigin, producer: { readonly id: number } | undefined): boolean {
    return creatorOf(origin) !== producer?.id;
  }
}
