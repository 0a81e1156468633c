/**
 * From a call's arguments to what the engine needs: primitives by value, objects by data version.
 * An object used by several parameters of one call is one datum: it is read at its current version and, if any
 * parameter writes it, produces one new version, exactly as the same object would be shared in the sequential call.
 */
import type { OutShape, WireArg } from '../protocol';
import { encodeValue, UnsupportedValueError, type EncodedValue } from '../store/codec';
import { unsupportedArgument } from '../errors';
import { isPrimitive, shapeOf } from '../worker/shapes';
import type { DataEntry, Registry } from './registry';
import { Future } from './future';
import type { TaskHandle } from './task-handle';

export interface Prepared {
  readonly wire: WireArg[];
  /** `in`/`inout` objects whose current contents the main thread must write before the task can read them. */
  readonly snapshots: { entry: DataEntry; encoded: EncodedValue }[];
  /** Data the task writes, with the caller's object that will receive the new contents at its wait. */
  readonly writes: { entry: DataEntry; object?: object }[];
}

interface Use { entry: DataEntry; object?: object; reads: boolean; writes: boolean; shape?: OutShape; param: string }
type Slot = { value: unknown } | { use: Use } | { collection: Slot[] };

export function prepareArguments(host: { registry: Registry }, handle: TaskHandle, args: readonly unknown[], where: () => string): Prepared {
  const uses = new Map<DataEntry, Use>();
  const { directions } = handle.def;

  const classify = (arg: unknown, direction: string, param: string): Slot => {
    if (isPrimitive(arg)) return { value: arg };
    if (typeof arg === 'function' || typeof arg === 'symbol') {
      throw unsupportedArgument(where(), param, `a ${typeof arg} cannot be sent to a worker`);
    }
    if (arg instanceof Future) {
      // A value already loaded here must receive what a task writes into it, like any caller's object.
      const loaded = arg.value?.current;
      const object = typeof loaded === 'object' && loaded !== null ? loaded : undefined;
      return { use: use(arg.entry, object, direction === 'in' ? 'in' : 'inout', param) };
    }
    if (Array.isArray(arg) && direction === 'in' && arg.some((item) => item instanceof Future)) {
      return { collection: arg.map((item, i) => classify(item, 'in', `${param}[${i}]`)) };
    }
    const object = arg as object;
    const slot = { use: use(host.registry.entryFor(object), object, direction, param) };
    if (direction === 'out') {
      const shape = shapeOf(object);
      if (!shape) throw unsupportedArgument(where(), param, `an out parameter must be a typed array, array, plain object, Map or Set, got ${object.constructor?.name ?? 'an object'}`);
      slot.use.shape = shape;
    }
    return slot;
  };

  const use = (entry: DataEntry, object: object | undefined, direction: string, param: string): Use => {
    let u = uses.get(entry);
    if (!u) { u = { entry, object, reads: false, writes: false, param }; uses.set(entry, u); }
    if (direction !== 'out') u.reads = true;
    if (direction !== 'in') u.writes = true;
    return u;
  };

  const slots = args.map((arg, i) => classify(arg, directions[i] ?? 'in', handle.paramNames[i] ?? `#${i}`));

  const snapshots: Prepared['snapshots'] = [];
  for (const u of uses.values()) {
    if (!u.reads || u.entry.stored || u.entry.producer || !u.object) continue;
    try {
      snapshots.push({ entry: u.entry, encoded: encodeValue(u.object) });
    } catch (error) {
      if (error instanceof UnsupportedValueError) throw unsupportedArgument(where(), u.param, error.message);
      throw error;
    }
  }

  const toWire = (slot: Slot): WireArg => {
    if ('value' in slot) return { value: slot.value as never };
    if ('collection' in slot) return { collection: slot.collection.map(toWire) };
    const { entry, reads, writes, shape } = slot.use;
    return {
      data: entry.id,
      read: reads ? entry.version : undefined,
      write: writes ? entry.version + 1 : undefined,
      shape: reads ? undefined : shape,
    };
  };
  const wire = slots.map(toWire);
  const writes = [...uses.values()].filter((u) => u.writes).map((u) => ({ entry: u.entry, object: u.object }));
  return { wire, snapshots, writes };
}
