/**
 * Module constants computed from the process when the module loads (`const MODE = process.env.MODE ?? 'dev'`,
 * `const ARGS = process.argv.slice(2)`, `const RUN = Date.now()`): the program's thread computes them when it imports
 * the module; a worker imports the module again, later, when the program may have set the variable, or the clock has
 * moved on, and would compute another value. The plugin wraps such initializers in `atLoad` (analysis/load-time.ts):
 * the main thread records the value, each worker takes the program's.
 *
 * The values travel as worker_threads' environment data, which a worker gets when it starts: pool threads start with
 * the runtime, after the program's imports ran. A value recorded later (a module imported after the first call), or
 * on another machine, is computed where the module loads, as before. Only values a structured clone keeps as they are
 * are recorded: primitives and plain data (arrays, plain objects, Maps, Sets, Dates, typed arrays, and a Buffer's
 * bytes, made a Buffer again: `randomBytes(16)`); an instance of the program's class would lose its prototype.
 */
import { getEnvironmentData, isMainThread, setEnvironmentData } from 'node:worker_threads';
import { inWorker } from '../worker-flag';
import { fieldValues, isPlainRecord } from '../worker/shapes';

const PREFIX = 'taskify:load-time:';

export function atLoad<T>(key: string, make: () => T): T {
  if (isMainThread && !inWorker()) {
    const value = make();
    // (A Buffer, `randomBytes(16)`, clones as a plain Uint8Array: its bytes travel, and the worker makes a Buffer again.)
    const recorded = Buffer.isBuffer(value) ? { value: new Uint8Array(value), buffer: true } : isPlainData(value, new Set()) ? { value } : undefined;
    if (recorded) {
      try { setEnvironmentData(PREFIX + key, recorded as never); } catch { /* not cloneable after all: computed where it loads */ }
    }
    return value;
  }
  const recorded = getEnvironmentData(PREFIX + key) as { value: T; buffer?: true } | undefined;
  if (!recorded) return make();
  return recorded.buffer ? Buffer.from(recorded.value as Uint8Array) as T : recorded.value;
}

/** Typed arrays a structured clone makes again as themselves (not a subclass, such as Buffer). */
const CLONED_VIEWS = new Set<unknown>([Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array,
  Float64Array, BigInt64Array, BigUint64Array].map((c) => c.prototype));

function isPlainData(value: unknown, seen: Set<object>): boolean {
  if (typeof value !== 'object' || value === null) return typeof value !== 'function' && typeof value !== 'symbol';
  if (seen.has(value)) return true;
  seen.add(value);
  if (value instanceof Date || CLONED_VIEWS.has(Object.getPrototypeOf(value))) return true;
  if (value instanceof Map) return [...value].every(([k, v]) => isPlainData(k, seen) && isPlainData(v, seen));
  if (value instanceof Set) return [...value].every((v) => isPlainData(v, seen));
  // (A null-prototype object would come back with Object's; a getter, as the value it gave when cloned.)
  if (!Array.isArray(value) && (!isPlainRecord(value) || Object.getPrototypeOf(value) === null)) return false;
  const fields = fieldValues(value);
  return fields.length === Object.keys(value).length && fields.every((v) => isPlainData(v, seen));
}
