/**
 * Errors as values. Ordinary code returns errors, stores them in objects and prints them; a task's Error must come
 * back as an Error: `String(e)`, `e.message`, `e.name`, `e instanceof RangeError`, `e.cause` and `console.log(e)`
 * as in the caller. One place says which built-in an error is, which of its own properties travel, and how it is
 * made again without running its class's constructor. Used by the codec (an Error inside data, encoder.ts and
 * decoder.ts), by copy-back (an Error a task changed) and by errors.ts (an Error a task throws).
 */

/** The built-in error classes, by name: an error is made again as the nearest of these its class extends. */
export const BUILTIN_ERRORS: Readonly<Record<string, ErrorConstructor | AggregateErrorConstructor>> = {
  Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError, AggregateError,
};

/** Whether `ctor` is one of the built-in error classes itself (not a subclass). */
export function isBuiltinErrorClass(ctor: unknown): boolean {
  return typeof ctor === 'function' && BUILTIN_ERRORS[ctor.name] === ctor;
}

/** The name of the nearest built-in error class on `error`'s prototype chain ('Error' at the least). */
export function builtinErrorName(error: Error): string {
  for (let proto: unknown = Object.getPrototypeOf(error); proto !== null && proto !== undefined; proto = Object.getPrototypeOf(proto)) {
    const ctor = (proto as { constructor?: unknown }).constructor;
    if (isBuiltinErrorClass(ctor) && (ctor as Function).prototype === proto) return (ctor as Function).name;
  }
  return 'Error';
}

/**
 * The own properties that travel, not enumerable ones first: a V8 error holds its `stack`, `message`, `cause` and an
 * AggregateError's `errors` as own properties that are not enumerable, and the program's own (`code`, a `name` it
 * set) as enumerable ones. Symbol keys stay behind, as they do for plain objects.
 */
export function errorKeys(error: Error): { hidden: string[]; shown: string[] } {
  const shown = Object.keys(error);
  const hidden = Object.getOwnPropertyNames(error).filter((key) => !Object.prototype.propertyIsEnumerable.call(error, key));
  return { hidden, shown };
}

/**
 * A new error of the built-in `builtin` on the prototype of `ctor` (a subclass, or the built-in itself), made without
 * running `ctor`'s constructor (it may want other arguments, or count instances), and with no own property yet: the
 * caller defines them (defineErrorProperty). A real error object, so that Node prints it as one.
 */
export function blankError(builtin: string, ctor?: Function): Error {
  const base = BUILTIN_ERRORS[builtin] ?? Error;
  const args = base === AggregateError ? [[]] : [];
  const error = Reflect.construct(base, args, (ctor ?? base) as new (...a: unknown[]) => unknown) as Error;
  for (const key of Object.getOwnPropertyNames(error)) delete (error as unknown as Record<string, unknown>)[key];
  return error;
}

/** An own property as an error holds it: writable and configurable, enumerable only if it was. */
export function defineErrorProperty(error: Error, key: string, value: unknown, enumerable: boolean): void {
  Object.defineProperty(error, key, { value, enumerable, writable: true, configurable: true });
}
