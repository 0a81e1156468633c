/**
 * What the analysis knows about built-in methods and functions: which change their receiver or argument, which
 * only read, and which hand back (part of) their receiver. Everything not listed here is unknown code, and
 * unknown code is assumed to write what it is given. Node's modules have their own table (node-builtins.ts), by the
 * names builtin-callees.ts gives them.
 */
import { BUFFER_FROM, isNodeReadOnly, nodeReceiverChange } from './node-builtins';

/**
 * Reads its arguments, changes nothing but (for a Node hash's `update`/`digest`) the own state of its receiver:
 * read-only, or one of node-builtins.ts' receiver-changing methods.
 */
export const readsItsArguments = (name: string): boolean => isReadOnlyFunction(name) || nodeReceiverChange(name) !== undefined;

/**
 * Built-in methods that keep their arguments in their receiver and hand the receiver back: an array's `fill`, a Map's
 * `set`, a Set's `add` (`new Array(n).fill(p)`). A typed array's `set` copies numbers and hands back nothing; taking it
 * as this too only over-approximates what its result holds.
 */
export const STORED_AND_RETURNED = new Set(['fill', 'set', 'add']);
/** Methods that change their receiver (arrays, typed arrays, Map, Set). */
export const MUTATING_METHODS = new Set([
  'set', 'fill', 'sort', 'reverse', 'copyWithin', 'push', 'pop', 'shift', 'unshift', 'splice',
  'add', 'delete', 'clear',
  // RegExp: a global or sticky one moves its lastIndex (its own slot); the string it is given is only read.
  'exec', 'test',
  // Date
  'setTime', 'setMilliseconds', 'setUTCMilliseconds', 'setSeconds', 'setUTCSeconds', 'setMinutes', 'setUTCMinutes',
  'setHours', 'setUTCHours', 'setDate', 'setUTCDate', 'setMonth', 'setUTCMonth', 'setFullYear', 'setUTCFullYear', 'setYear',
  // DataView: writes the bytes of its buffer
  'setInt8', 'setUint8', 'setInt16', 'setUint16', 'setInt32', 'setUint32', 'setFloat32', 'setFloat64', 'setBigInt64', 'setBigUint64',
]);

/**
 * Built-ins that throw on no argument whatever (data without getters or proxies): a value of theirs is taken to be
 * computed, not to leave the function early (undone-writes.ts: nothing between a mask and its put-back may leave).
 */
export const TOTAL_BUILTINS = new Set(['Object.prototype.toString', 'Object.is', 'Array.isArray']);

/** Of those, the ones whose result does not depend on the old contents when called as written here. */
export const OVERWRITING_METHODS = new Set(['fill']);

/** Methods that only read their receiver. */
export const READING_METHODS = new Set([
  'at', 'concat', 'entries', 'every', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flat', 'flatMap',
  'forEach', 'includes', 'indexOf', 'join', 'keys', 'lastIndexOf', 'map', 'reduce', 'reduceRight', 'slice', 'some',
  'subarray', 'toLocaleString', 'toString', 'values', 'toReversed', 'toSorted', 'toSpliced', 'with', 'get', 'has',
  'valueOf', 'hasOwnProperty', 'charAt', 'charCodeAt', 'codePointAt', 'startsWith', 'endsWith', 'padStart', 'padEnd',
  'trim', 'split', 'substring', 'toUpperCase', 'toLowerCase', 'replace', 'replaceAll', 'match', 'repeat', 'search', 'matchAll',
  // (String comparing: xe-utils' orderBy `v1.localeCompare(v2)`, radash's alphabetical, on untyped values. Not
  // `normalize`, which a vector class's method does in place: rv71's r-normalize-any.)
  'localeCompare', 'trimStart', 'trimEnd', 'toLocaleUpperCase', 'toLocaleLowerCase', 'substr', 'isWellFormed', 'toWellFormed',
  // Number (geometric's `point[0].toFixed(9)` on an untyped point)
  'toFixed', 'toPrecision', 'toExponential',
  // Date
  'getTime', 'getFullYear', 'getUTCFullYear', 'getMonth', 'getUTCMonth', 'getDate', 'getUTCDate', 'getDay', 'getUTCDay',
  'getHours', 'getUTCHours', 'getMinutes', 'getUTCMinutes', 'getSeconds', 'getUTCSeconds', 'getMilliseconds',
  'getUTCMilliseconds', 'getTimezoneOffset', 'toISOString', 'toJSON', 'toDateString', 'toTimeString', 'toUTCString',
  'toLocaleDateString', 'toLocaleTimeString',
  // DataView
  'getInt8', 'getUint8', 'getInt16', 'getUint16', 'getInt32', 'getUint32', 'getFloat32', 'getFloat64', 'getBigInt64', 'getBigUint64',
]);

/**
 * Reading methods that call a function among their arguments (a callback, a comparator, a replacer) or a method of
 * one (a RegExp's, or any object's `Symbol.split`/`Symbol.match`…).
 */
const ARGUMENT_CALLING_METHODS = new Set([
  'every', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap', 'forEach', 'map', 'reduce', 'reduceRight',
  'some', 'toSorted', 'replace', 'replaceAll', 'match', 'matchAll', 'search', 'split',
]);

/**
 * The parameter of an array method's callback that is given the array itself: `a.forEach((v, i, self) => …)`,
 * `xs.reduce((acc, x, i, all) => …)`. A callback writing through it writes the receiver.
 */
export function callbackReceiverIndex(method: string): number | undefined {
  if (method === 'reduce' || method === 'reduceRight') return 3;
  return ELEMENT_VISITORS.has(method) ? 2 : undefined;
}
const ELEMENT_VISITORS = new Set(['every', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap', 'forEach', 'map', 'some']);

/**
 * A reading method, by its name, that also only reads its arguments and calls none of them (`list.indexOf(a, i)`,
 * `xs.slice(from, to)`, `m.has(k)`): on a receiver nothing resolves (untyped JavaScript), trusted for its arguments as
 * the name already is for the receiver. (Trusting a callback-taking name read an untyped `a.forEach(writer)`'s writer
 * as a reader: commit 7daa3e2.)
 */
export const readsArgumentsByName = (method: string): boolean => READING_METHODS.has(method) && !ARGUMENT_CALLING_METHODS.has(method);

/**
 * Changing methods, by their name, that store their arguments in the receiver and call none of them (`x.push(...y)`,
 * `x.unshift(v)`, `x.splice(i, n, ...vs)`, `x.fill(v)`). Not trusted by name alone (a module's own `fill(points)` may
 * write them): only as a method of the caller's object, taken to be the built-in's (callbacks.ts isCallerMethod).
 */
export const STORING_METHODS = new Set(['push', 'unshift', 'splice', 'fill', /* positions only: */ 'copyWithin']);

/** The collections' methods that keep the values they are given: an array's storing ones, a Map's `set`, a Set's `add`. */
export const KEEPING_METHODS = new Set([...[...STORING_METHODS].filter((method) => method !== 'copyWithin'), 'set', 'add']);

/**
 * String methods that move the lastIndex of a global or sticky RegExp they are given, a write of it: `replace`,
 * `replaceAll` and a global `match` leave it at 0, a sticky one after the match. (`search` puts it back as it was;
 * `split` and `matchAll` work on a copy of the expression.)
 */
export const REGEXP_MOVING_METHODS = new Set(['replace', 'replaceAll', 'match']);

/** Reading methods whose result is a fresh copy holding no reference into the receiver (for primitive elements). */
export const COPYING_METHODS = new Set(['slice', 'map', 'filter', 'concat', 'toReversed', 'toSorted', 'toSpliced', 'with', 'flat', 'flatMap']);

/** The language's typed array constructors, by name. */
export const TYPED_ARRAYS: readonly string[] = ['Int8', 'Uint8', 'Uint8Clamped', 'Int16', 'Uint16', 'Int32', 'Uint32', 'Float32', 'Float64',
  'BigInt64', 'BigUint64'].map((t) => `${t}Array`);
/** `Float64Array.from`, `Int8Array.of`…: a fresh typed array of numbers read from the argument. */
const TYPED_ARRAY_MAKERS = TYPED_ARRAYS.flatMap((t) => [`${t}.from`, `${t}.of`]);

/** Built-in functions whose result is a fresh container holding (parts of) their arguments, never an argument itself. */
export const COPYING_FUNCTIONS = new Set([
  // `Array(n)` is a fresh array of holes; `Array(x)` holds x (an element of the copy, as for Array.of).
  'Array', 'Array.from', 'Array.of', 'Object.values', 'Object.entries', 'Object.fromEntries', 'Object.keys', ...TYPED_ARRAY_MAKERS,
]);

/**
 * Read-only built-ins whose result is the argument itself or holds it as an element: `Object(a)` is a, `Array.of(a)`
 * holds a, `Promise.resolve(a)`'s value is a (a `.then` callback gets it later: tester np36's promread read the board
 * from before the tasks writing it), the combinators' values hold their elements.
 */
export const HOLDS_ARGUMENT = new Set(['Object', 'Array', 'Array.of', 'Promise.resolve', 'Promise.all', 'Promise.allSettled', 'Promise.race', 'Promise.any']);

/** Built-in functions whose result holds nothing of their arguments (a deep copy, or text turned into values). */
export const DEEP_COPYING_FUNCTIONS = new Set(['structuredClone', 'JSON.parse', 'JSON.stringify']);

/** Methods whose result is a view on the receiver's own memory, whatever the elements. */
export const VIEW_METHODS = new Set(['subarray']);

/** Built-in functions (by qualified name) that write their first argument. */
export const WRITES_FIRST_ARGUMENT = new Set([
  'Object.assign', 'Object.defineProperty', 'Object.defineProperties', 'Object.setPrototypeOf', 'Object.freeze',
  'Object.seal', 'Object.preventExtensions', 'Reflect.set', 'Reflect.defineProperty', 'Reflect.deleteProperty',
  'Reflect.setPrototypeOf', 'Atomics.store', 'Atomics.add', 'Atomics.sub', 'Atomics.and', 'Atomics.or', 'Atomics.xor',
  'Atomics.exchange', 'Atomics.compareExchange',
]);

/** Built-in functions (by qualified name, or a namespace followed by '.*') that only read their arguments. */
export const READ_ONLY_FUNCTIONS = new Set([
  'Math.*', 'Number.*', 'String', 'Number', 'Boolean', 'BigInt', 'Array.isArray', 'Array.from', 'Array.of',
  'Object.keys', 'Object.values', 'Object.entries', 'Object.getPrototypeOf', 'Object.is', 'Object.getOwnPropertyNames',
  'JSON.stringify', 'structuredClone', 'console.*', 'isNaN', 'isFinite', 'parseInt', 'parseFloat', 'ArrayBuffer.isView',
  'Atomics.load', ...TYPED_ARRAY_MAKERS,
  'Object.hasOwn', 'Object.getOwnPropertySymbols', 'Object.getOwnPropertyDescriptors', 'Reflect.has', 'Reflect.ownKeys',
  'Reflect.getPrototypeOf', 'Reflect.getOwnPropertyDescriptor', 'JSON.parse', 'String.raw', 'Symbol',
  'encodeURIComponent', 'decodeURIComponent', 'encodeURI', 'decodeURI',
  // Whether an object is frozen, sealed or extensible travels with it to a worker and back (runtime/store/locks.ts).
  'Object.isFrozen', 'Object.isSealed', 'Object.isExtensible', 'Reflect.isExtensible',
  'Object.fromEntries', 'Object.getOwnPropertyDescriptor',
  'Number.isInteger', 'Date.UTC',
  // (Date.parse(x) reads x as a string, as String(x) does: vega-util's toDate default parser.)
  'Date.parse',
  // Node's: whether a value is a Buffer (an instanceof test); util.types' type predicates.
  'Buffer.isBuffer', 'util.types.*',
  // Object(x) is x itself for an object (the result's reach says so); it changes nothing.
  'Object',
  // Object.create(p) makes a fresh object whose prototype is p, and changes nothing (the result's reach holds p one level
  // down: fresh-results.ts).
  'Object.create',
  // The combinators read the iterable and resolve each element (calling `then` only on a thenable, as JSON.stringify
  // calls a toJSON: a method of the data); the result's reach holds the elements (es-toolkit's mapAsync:
  // `Promise.all(array.map(callback))` made the array unknown code's).
  'Promise.all', 'Promise.allSettled', 'Promise.race', 'Promise.any', 'Promise.resolve',
  'Array',
]);

/**
 * Global functions that keep a callback (their first argument) and call it later, from the event loop, with their
 * arguments after the delay (`setTimeout(cb, ms, a, b)` runs `cb(a, b)`). What the callback captures escapes; what
 * the call passes on is given to the callback.
 */
export const DEFERRING_FUNCTIONS = new Map<string, number>([
  // name → index of the first argument handed on to the callback (none for queueMicrotask and frame requests)
  ['setTimeout', 2], ['setInterval', 2], ['setImmediate', 1], ['queueMicrotask', Infinity], ['requestAnimationFrame', Infinity],
  ['requestIdleCallback', Infinity],
]);

/** `Array.prototype.push` (called through `.call`/`.apply`): the method's name, else undefined. */
const prototypeMethod = (name: string): string | undefined => /^\w+\.prototype\.(\w+)$/.exec(name)?.[1];

/** Writes its first argument: a listed function, or a changing method called on it (`Array.prototype.push.call(l, x)`). */
export function writesFirstArgument(name: string): boolean {
  const method = prototypeMethod(name);
  return WRITES_FIRST_ARGUMENT.has(name) || (method !== undefined && MUTATING_METHODS.has(method));
}

export function isReadOnlyFunction(name: string): boolean {
  if (READ_ONLY_FUNCTIONS.has(name) || isNodeReadOnly(name) || name === BUFFER_FROM) return true;
  const method = prototypeMethod(name);
  if (method !== undefined) return READING_METHODS.has(method) || method === 'propertyIsEnumerable' || method === 'isPrototypeOf';
  const dot = name.indexOf('.');
  // (`Math.*` for `Math.max`; `util.types.*` for `util.types.isMap`.)
  return dot > 0 && (READ_ONLY_FUNCTIONS.has(`${name.slice(0, dot)}.*`) || READ_ONLY_FUNCTIONS.has(`${name.slice(0, name.lastIndexOf('.'))}.*`));
}
