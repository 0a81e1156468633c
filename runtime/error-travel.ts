/**
 * A task's thrown value on its way from the worker to the waiter: flattened for a postMessage (structured clone drops
 * an error's own properties and class) and made again so that the waiter's catch sees what the plain call threw:
 * the same class, name, message, own properties with their enumerability (`cause` and `errors` not enumerable unless
 * the program made them so), no stack if it had none. A thrown value that cannot travel (a symbol of its own, an
 * object holding a function) becomes an error that says so, never a look-alike.
 */
import type { HeldByError, SerializedError } from './protocol';
import { heldInside, putBackHeld, type HeldPath } from './held-inside';
import { TaskifyError } from './errors';
import { classOf, classRefFor, classRefOf, type ClassRef } from './store/classes';
import { BUILTIN_ERRORS, blankError, builtinErrorName, defineErrorProperty, isBuiltinErrorClass } from './store/error-values';

/**
 * Flatten an error for a postMessage: structured clone drops custom properties of errors. `chain`: the errors this one
 * is the cause of, so a `cause` that loops back is carried as a reference, not followed forever.
 */
export function serializeError(error: unknown, chain: readonly Error[] = [], refOf: ArgumentRef = () => undefined): SerializedError {
  if (!(error instanceof Error)) {
    // Thrown as it was (a string, a plain object): the waiter catches that value, as plain code would.
    return { name: 'Error', message: `a non-Error value was thrown: ${describeThrown(error)}`, props: {}, thrown: thrownValue(error, refOf) };
  }
  const within = [...chain, error];
  const props: Record<string, unknown> = {};
  const hidden: Record<string, unknown> = {};
  const refs: Record<string, { index: number; hidden?: true }> = {};
  // The task's argument itself (`{ cause: item }`, `e.item = item`): the caller's object, not a copy (tester #14's F14).
  const args: Record<string, HeldByError & { hidden?: true }> = {};
  // The call's objects deeper inside a property (`e.payload = { rows: xs }`, an AggregateError's `[xs]`): put back there.
  const inside: Record<string, readonly HeldPath[]> = {};
  const classes: Record<string, ClassRef> = {};
  const noteInside = (key: string, value: unknown) => {
    const paths = heldInside(value, refOf);
    if (paths.length > 0) inside[key] = paths;
  };
  for (const key of Object.getOwnPropertyNames(error)) {
    const d = Object.getOwnPropertyDescriptor(error, key)!;
    // The message, stack, cause and an AggregateError's errors travel by themselves (below); accessors stay behind.
    if (!d.enumerable && (CARRIED.has(key) || !('value' in d))) continue;
    const value = (error as unknown as Record<string, unknown>)[key];
    // An error of the chain (`e.self = e`) is referred to, as a cause loop is: a clone would be another object.
    const ref = value instanceof Error ? within.indexOf(value) : -1;
    const arg = refOf(value);
    if (ref >= 0) refs[key] = d.enumerable ? { index: ref } : { index: ref, hidden: true };
    else if (arg !== undefined) args[key] = d.enumerable ? arg : { ...arg, hidden: true };
    else {
      (d.enumerable ? props : hidden)[key] = cloneable(value);
      noteInside(key, value);
      // (`e.request = new Req(url)`: a clone is a plain object; the class comes back with it, np41's F4.)
      const proto = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : null;
      const classRef = CLONED_AS_ITSELF.has(proto) ? undefined : travellingClass(proto as object);
      if (classRef) classes[key] = classRef;
    }
  }
  if (error instanceof AggregateError) {
    props.errors = error.errors.map((e) => (e instanceof Error ? serializeError(e, [], refOf) : cloneable(e)));
    noteInside('errors', error.errors);
  }
  let causeRef: number | undefined;
  // An own `cause` only (`{ cause: undefined }` is one, and prints); not enumerable unless the program assigned it.
  const cause = Object.getOwnPropertyDescriptor(error, 'cause');
  if (cause && 'value' in cause) {
    const arg = refOf(cause.value);
    if (cause.value instanceof Error && within.includes(cause.value)) causeRef = within.indexOf(cause.value);
    else if (arg !== undefined) args.cause = cause.enumerable ? arg : { ...arg, hidden: true };
    else if (cause.value instanceof Error) props.cause = serializeError(cause.value, within, refOf);
    else {
      props.cause = cloneable(cause.value);
      noteInside('cause', cause.value);
    }
  }
  const extra = {
    ...(causeRef !== undefined ? { causeRef } : {}),
    ...(cause?.enumerable ? { causeShown: true as const } : {}),
    ...(error.stack === undefined ? { stackless: true as const } : {}),
    ...(Object.keys(hidden).length > 0 ? { hidden } : {}),
    ...(Object.keys(refs).length > 0 || Object.keys(args).length > 0 ? { order: Object.keys(error) } : {}),
    ...(Object.keys(refs).length > 0 ? { refs } : {}),
    ...(Object.keys(args).length > 0 ? { args } : {}),
    ...(Object.keys(inside).length > 0 ? { inside } : {}),
    ...(Object.keys(classes).length > 0 ? { classes } : {}),
  };
  if (error instanceof DOMException) return { name: error.name, message: error.message, stack: error.stack, props, dom: true, ...extra };
  // An error class a module exports comes back as that class (`e instanceof BadInput` in the caller).
  const ctor = error.constructor;
  const classRef = isBuiltinErrorClass(ctor) ? undefined : classRefOf(ctor);
  const unexported = !classRef && typeof ctor === 'function' && !isBuiltinErrorClass(ctor) && ctor.name
    ? { name: ctor.name, builtin: builtinErrorName(error) } : undefined;
  const builtin = isBuiltinErrorClass(ctor) && (ctor as { name?: string }).name !== error.name ? (ctor as { name: string }).name : undefined;
  return { name: error.name, message: error.message, stack: error.stack, props, classRef, ...(unexported ? { unexported } : {}), ...(builtin ? { builtin } : {}), ...extra };
}

/** Which of the failed call's arguments (or object of one) a value is, in the thread that ran it; else undefined. */
export type ArgumentRef = (value: unknown) => HeldByError | undefined;
/** The caller's object for it, in the waiting thread. */
export type ArgumentOf = (held: HeldByError) => unknown;

/** Rebuild a task's error in the waiting thread; `where` (task name and call site) is added to the stack. */
export function deserializeError(data: SerializedError, where: string, chain: Error[] = [], argOf: ArgumentOf = () => undefined): Error {
  if (data.thrown) return thrownAgain(data.thrown, where, argOf) as Error; // not an Error: the value itself
  // A name of its own (`this.name = 'MyError'`) comes with the properties, enumerable as it was; one its class gave
  // (`MyError.prototype.name = …`) is the stand-in's too; where the class made here still names itself otherwise,
  // the name is defined, not enumerable.
  const ownName = 'name' in data.props || 'name' in (data.hidden ?? {}) || 'name' in (data.refs ?? {});
  const error = data.dom ? new DOMException(data.message, data.name) : ofClass(data, ownName ? undefined : data.name) ??
    ((data.builtin ?? data.name) === 'AggregateError' ? new AggregateError([], data.message)
      : new ((BUILTIN_ERRORS[data.builtin ?? data.name] ?? Error) as ErrorConstructor)(data.message));
  if (!ownName && error.name !== data.name) Object.defineProperty(error, 'name', { value: data.name, configurable: true, writable: true });
  const within = [...chain, error];
  const define = (key: string, value: unknown, enumerable: boolean) => Object.defineProperty(error, key, { value, enumerable, configurable: true, writable: true });
  for (const [key, value] of Object.entries(data.props)) {
    if (key === 'errors' && error instanceof AggregateError && Array.isArray(value)) {
      Object.defineProperty(error, 'errors', { value: value.map((e) => (isSerializedError(e) ? deserializeError(e, where, [], argOf) : e)), configurable: true, writable: true });
      continue;
    }
    if (key === 'cause') define(key, isSerializedError(value) ? deserializeError(value, where, within, argOf) : value, data.causeShown === true);
    else (error as unknown as Record<string, unknown>)[key] = value;
  }
  if (data.causeRef !== undefined) define('cause', within[data.causeRef], data.causeShown === true);
  for (const [key, value] of Object.entries(data.hidden ?? {})) Object.defineProperty(error, key, { value, enumerable: false, configurable: true, writable: true });
  for (const [key, { index, hidden }] of Object.entries(data.refs ?? {})) {
    Object.defineProperty(error, key, { value: within[index], enumerable: !hidden, configurable: true, writable: true });
  }
  for (const [key, { hidden, ...held }] of Object.entries(data.args ?? {})) {
    // The caller's object when the waiter still knows the call's arguments, else undefined, as nothing else could be.
    Object.defineProperty(error, key, { value: argOf(held), enumerable: key === 'cause' ? data.causeShown === true : !hidden, configurable: true, writable: true });
  }
  for (const [key, ref] of Object.entries(data.classes ?? {})) {
    const value = Object.getOwnPropertyDescriptor(error, key)?.value as unknown;
    let ctor: Function | undefined;
    try { ctor = classOf(ref); } catch { /* the class cannot be loaded here: the fields stay, as a plain object */ }
    if (ctor && typeof value === 'object' && value !== null) Object.setPrototypeOf(value, ctor.prototype);
  }
  for (const [key, paths] of Object.entries(data.inside ?? {})) {
    const slot = Object.getOwnPropertyDescriptor(error, key);
    if (!slot || !('value' in slot)) continue;
    const value = putBackHeld(slot.value, paths, argOf);
    if (value !== slot.value) Object.defineProperty(error, key, { ...slot, value });
  }
  for (const key of data.order ?? []) {
    const value = (error as unknown as Record<string, unknown>)[key];
    delete (error as unknown as Record<string, unknown>)[key];
    (error as unknown as Record<string, unknown>)[key] = value;
  }
  if (data.stackless) {
    delete (error as { stack?: string }).stack; // it had none (`delete e.stack`): printed as `[Error: …]`, as plain
  } else {
    // Where the task was called is added as a last frame; a stack with no frames (one the program wrote, or
    // Error.stackTraceLimit = 0) is kept as it was, so that it prints as the plain one, `[custom stack]`.
    const stack = data.stack ?? `${data.name}: ${data.message}`;
    Object.defineProperty(error, 'stack', { value: /\n\s+at /.test(stack) ? `${stack}\n    at ${where} [taskify]` : stack, configurable: true, writable: true });
  }
  return error;
}

/**
 * An instance of the error's own class, made as the codec makes one (error-values.ts), without running its constructor.
 * A class no module exports (`class NotFound extends Error {}` kept private) cannot be found here: a stand-in class of
 * the same name, extending the same built-in, makes it print and name itself as the original (`NotFound [Error]: …`,
 * `e.constructor.name`); the program cannot name the original, so it cannot tell them apart by `instanceof`.
 */
function ofClass(data: SerializedError, inheritedName: string | undefined): Error | undefined {
  let ctor: Function;
  if (data.classRef) {
    try { ctor = classOf(data.classRef); } catch { return undefined; }
  } else if (data.unexported) {
    ctor = standIn(data.unexported.name, data.unexported.builtin, inheritedName);
  } else {
    return undefined;
  }
  const error = blankError(builtinErrorName(Object.create(ctor.prototype) as Error), ctor);
  defineErrorProperty(error, 'message', data.message, false);
  return error;
}

const standIns = new Map<string, Function>();
function standIn(name: string, builtin: string, inheritedName: string | undefined): Function {
  const base = (BUILTIN_ERRORS[builtin] ?? Error) as ErrorConstructor;
  const protoName = inheritedName !== undefined && inheritedName !== base.prototype.name ? inheritedName : undefined;
  const key = `${builtin} ${name} ${protoName ?? ''}`;
  let ctor = standIns.get(key);
  if (!ctor) {
    ctor = { [name]: class extends base {} }[name]!;
    if (protoName !== undefined) ctor.prototype.name = protoName;
    standIns.set(key, ctor);
  }
  return ctor;
}

function isSerializedError(value: unknown): value is SerializedError {
  return typeof value === 'object' && value !== null && 'message' in value && 'props' in value && 'name' in value;
}

/** Own properties an error's serialization carries by themselves. */
const CARRIED = new Set(['stack', 'message', 'cause', 'errors']);

function cloneable(value: unknown): unknown {
  try { return structuredClone(value); } catch { return describeThrown(value); }
}

export function describeThrown(value: unknown): string {
  try { return typeof value === 'string' ? JSON.stringify(value) : String(value); } catch { return Object.prototype.toString.call(value); }
}

/**
 * A thrown value that is not an Error, as it travels: itself when a structured clone makes it again (a string, a
 * number, a plain object or array); a symbol of the global registry (`Symbol.for('stop')`) by its key; anything else
 * (a symbol of its own, an object holding a function, an instance of a class, whose methods a clone loses) as what
 * it was, for an error that says so.
 */
function thrownValue(value: unknown, refOf: ArgumentRef): NonNullable<SerializedError['thrown']> {
  if (typeof value === 'symbol') {
    const key = Symbol.keyFor(value);
    return key !== undefined ? { value: undefined, symbolFor: key } : { value: undefined, lost: `${String(value)}, a symbol of its own` };
  }
  if (typeof value === 'function') return { value: undefined, lost: `a function (${describeThrown(value)})` };
  if (typeof value !== 'object' || value === null) return { value };
  // One of the call's objects (`throw xs`): the caller's own, whatever its class.
  const held = refOf(value);
  if (held !== undefined) return { value: undefined, inside: [{ path: [], held }] };
  const proto = Object.getPrototypeOf(value);
  // An instance of a class a worker can import (its module exports it, or the plugin shared it): its own fields, and
  // the class to make it again from, as a task's result travels (tester np36's throwkinds: `throw new Weird(21)`).
  const classRef = CLONED_AS_ITSELF.has(proto) ? undefined : travellingClass(proto as object);
  if (!CLONED_AS_ITSELF.has(proto) && !classRef) {
    const name = (proto as { constructor?: { name?: string } } | null)?.constructor?.name || 'an object with a prototype of its own';
    return { value: undefined, lost: `an instance of ${name}, which a copy would not keep` };
  }
  try {
    const inside = heldInside(value, refOf);
    return { value: structuredClone(value), ...(inside.length > 0 ? { inside } : {}), ...(classRef ? { classRef } : {}),
      ...(proto === null ? { nullPrototype: true } : {}) };
  } catch (e) {
    return { value: undefined, lost: `${describeThrown(value)} (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** The class an instance with this prototype travels with, as the store would send it (store/classes.ts), if any. */
function travellingClass(proto: object): ClassRef | undefined {
  try { return classRefFor(proto, () => ''); } catch { return undefined; }
}

/** Prototypes whose objects a structured clone makes again as themselves. */
const CLONED_AS_ITSELF = new Set<unknown>([null, Object.prototype, Array.prototype, Date.prototype, RegExp.prototype, Map.prototype, Set.prototype,
  ArrayBuffer.prototype, DataView.prototype, Boolean.prototype, Number.prototype, String.prototype,
  ...[Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array]
    .map((c) => c.prototype)]);

function thrownAgain(thrown: NonNullable<SerializedError['thrown']>, where: string, argOf: ArgumentOf): unknown {
  if (thrown.symbolFor !== undefined) return Symbol.for(thrown.symbolFor);
  if (thrown.lost !== undefined) {
    return new TaskifyError('TASKIFY_UNSUPPORTED_OUTPUT', `${where} threw ${thrown.lost}: a thrown value that is not an Error must be ` +
      'a string, a number, a plain object or array (or a Symbol.for symbol) to reach the caller from a worker; throw an Error instead');
  }
  const value = putBackHeld(thrown.value, thrown.inside, argOf);
  // (A clone is made on Object.prototype: the class's, or none, as it was thrown.)
  if (typeof value === 'object' && value !== null && (thrown.classRef || thrown.nullPrototype)) {
    Object.setPrototypeOf(value, thrown.classRef ? classOf(thrown.classRef).prototype : null);
  }
  return value;
}
