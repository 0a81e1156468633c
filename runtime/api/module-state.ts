/**
 * Module state a task reads: a module-level `const` object the program changes (`RATES[0] = 10; total(xs)` where
 * `total` reads `RATES`). A worker imports the module itself, so without help it would read its own copy, made by the
 * module's initializer. The plugin registers such objects in the module that declares them (in every thread that
 * loads it) and names them in the task's definition; each call then carries a snapshot of the object as an implicit
 * `in` argument, and the worker copies it into its own module's object before the task runs. The task sees the
 * object as the program left it at the call, as the sequential call did.
 *
 * The registry lives on globalThis (one per thread), not in this module: the program may load the runtime by another
 * path than the worker does.
 */
import { isPlainRecord } from '../worker/shapes';
import { badTask } from '../errors';
import type { WorkerArg } from '../protocol';

const REGISTRY = Symbol.for('taskify.moduleState');
type Registry = Map<string, () => unknown>;

function registry(): Registry {
  const holder = globalThis as { [REGISTRY]?: Registry };
  return (holder[REGISTRY] ??= new Map());
}

/** Emitted by the plugin after the declaration: `moduleState("kernels.ts#RATES", () => RATES)`. */
export function registerModuleState(key: string, get: () => unknown): void {
  registry().set(key, get);
  collectModuleCode(get(), moduleCode(), new Set());
}

const MODULE_CODE = Symbol.for('taskify.moduleCode');
type ModuleCode = WeakMap<object, Map<string, unknown>>;

function moduleCode(): ModuleCode {
  const holder = globalThis as { [MODULE_CODE]?: ModuleCode };
  return (holder[MODULE_CODE] ??= new WeakMap());
}

/**
 * A slot holding the function its module put there (`show` of `const FMT = { digits: 2, show(v) {…} }`): every thread
 * that loads the module makes its own, so it never travels. A snapshot leaves it out (the encoder's `moduleCode`), and
 * a thread filling its object from one keeps its own (copyInto here, copy-back.ts on the main thread). Judged by slot:
 * `FMT.show = FMT.alt` makes `show` hold another function, which is not module code there (and cannot travel); the
 * plugin refuses tasks that change a function a module object holds (kept-state.ts).
 */
export function isModuleCode(holder: object, key: string, value: unknown): boolean {
  return typeof value === 'function' && moduleCode().get(holder)?.get(key) === value;
}

/** The record's slots that held functions when its module registered it (the encoder's `moduleCode`). */
export function moduleCodeOf(holder: object): ReadonlyMap<string, unknown> | undefined {
  return moduleCode().get(holder);
}

/** The functions in own data properties of the record and of the records it holds (not arrays: those keep theirs). */
function collectModuleCode(value: unknown, into: ModuleCode, seen: Set<unknown>): void {
  if (typeof value !== 'object' || value === null || seen.has(value) || Array.isArray(value) || ArrayBuffer.isView(value)) return;
  seen.add(value);
  for (const key of Object.keys(value)) {
    const slot = Object.getOwnPropertyDescriptor(value, key)!;
    if (!('value' in slot)) continue;
    if (typeof slot.value === 'function') {
      let own = into.get(value);
      if (!own) into.set(value, own = new Map());
      own.set(key, slot.value);
    } else collectModuleCode(slot.value, into, seen);
  }
}

/** The object as this thread's module holds it. */
export function moduleStateValue(key: string, task: string): unknown {
  const get = registry().get(key);
  if (!get) throw badTask(`task ${task}: module state ${key} is not registered in this thread (was its module built with the taskify plugin?)`);
  return get();
}

/** In a worker, before the task runs: each registered object takes the contents of the call's snapshot. */
export function applyModuleState(keys: readonly string[], snapshots: readonly unknown[], task: string, filled?: Filled): void {
  keys.forEach((key, i) => copyInto(moduleStateValue(key, task), snapshots[i], `task ${task}: module state ${key}`, new Set(), filled));
}

/**
 * Told of each module object filled in place from a snapshot's object: the worker records that it stands for that
 * object (its origin), so a task returning it (`return { items: S.items, meta: S.meta }`) gives the program its own.
 */
export type Filled = (target: object, source: object) => void;

/**
 * In a worker, after the task ran (or threw): the state it changes of what tasks keep between calls (a count, an
 * interner, a global RegExp's lastIndex) goes into that call's argument, which travels back as its new version.
 */
export function keepModuleState(keys: readonly string[], snapshots: readonly unknown[], args: readonly WorkerArg[], task: string): void {
  keys.forEach((key, i) => {
    const arg = args[i];
    if (arg && 'write' in arg && arg.write !== undefined) copyInto(snapshots[i], moduleStateValue(key, task), `task ${task}: module state ${key}`);
  });
}

/**
 * Make `target` (a const binding's object, which cannot be replaced) hold what `source` holds. A plain object's
 * fields that hold objects in both are filled in place, as the program's own nested objects were changed in place
 * (`F.inner.k = 5` where `F` is frozen: its `inner` cannot be replaced, nor need be); its getters and setters stay
 * (they compute from the fields), and so do fields it locked (the program could not change them either).
 */
function copyInto(target: unknown, source: unknown, what: string, seen = new Set<unknown>(), filled?: Filled): void {
  if (target === source || seen.has(target)) return;
  seen.add(target);
  if (filled && typeof target === 'object' && target !== null && typeof source === 'object' && source !== null) filled(target, source);
  if (target instanceof RegExp && source instanceof RegExp) {
    // What calls change is where the next match starts; a program may also remake it in place (`TAGS.compile(p)`,
    // tester np37's mmkinds), which only `compile` can do to the worker's too.
    if (target.source !== source.source || target.flags !== source.flags) (target as RegExp & { compile(p: string, f: string): RegExp }).compile(source.source, source.flags);
    target.lastIndex = source.lastIndex;
  } else if (target instanceof Date && source instanceof Date) {
    // Its time is in an internal slot, not a field (tester np37's mmdate: `CUTOFF.setUTCFullYear(2030)` never reached
    // the worker's CUTOFF).
    target.setTime(source.getTime());
  } else if (ArrayBuffer.isView(target) && !(target instanceof DataView) && ArrayBuffer.isView(source)) {
    const view = target as unknown as { length: number; set(values: ArrayLike<unknown>): void };
    if (view.length !== (source as unknown as { length: number }).length) {
      throw badTask(`${what}: the program changed its length, which a typed array in the worker cannot follow`);
    }
    view.set(source as unknown as ArrayLike<unknown>);
  } else if (Array.isArray(target) && Array.isArray(source)) {
    target.length = source.length;
    for (let i = 0; i < source.length; i++) target[i] = source[i];
  } else if (target instanceof Map && source instanceof Map) {
    target.clear();
    for (const [k, v] of source) target.set(k, v);
  } else if (target instanceof Set && source instanceof Set) {
    target.clear();
    for (const v of source) target.add(v);
  } else if (typeof target === 'object' && target !== null && typeof source === 'object' && source !== null) {
    const into = target as Record<string, unknown>;
    // (The module's own functions are each thread's own: neither taken from the source nor dropped for it.)
    for (const key of Object.keys(into)) {
      const slot = Object.getOwnPropertyDescriptor(into, key)!;
      if (!Object.hasOwn(source, key) && 'value' in slot && slot.configurable && !isModuleCode(into, key, slot.value)) delete into[key];
    }
    for (const key of Object.keys(source)) {
      const value = (source as Record<string, unknown>)[key];
      if (isModuleCode(source as object, key, value)) continue;
      const slot = Object.getOwnPropertyDescriptor(into, key);
      if (slot && !('value' in slot)) continue; // an accessor
      const now = slot?.value;
      if (isPlainRecord(now) && isPlainRecord(value)) copyInto(now, value, `${what}.${key}`, seen, filled);
      else if (!slot || (slot.writable && !Object.is(now, value))) into[key] = value;
    }
  } else {
    throw badTask(`${what}: cannot copy a ${typeof source} into a ${typeof target}`);
  }
}

