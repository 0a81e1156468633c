/**
 * Direction inference for callbacks judged position by position (analysis/forwarded.ts, callbacks.ts): a factory's
 * function that reads only under assumptions on its own parameters, reached through a closure that hands it the
 * closure's own parameters (`_curry1(fn)`: `fn.apply(this, arguments)`); a parameter's default that does so, called
 * with parts of the function's other parameters (`equiv = _eq` in `equiv(buf[i], needle[j])`); a `const` that holds a
 * callback or a reading function (`getter ?? ((v) => v)`). Each asserts the precise direction where nothing writes,
 * and the write where something does (soundness): a writer passed at that position, a closure that hands on other
 * values, a default that runs because `undefined` was passed.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { taskDirections as directions, withTask as task } from './task-directions';

const FACTORIES = `
export function curry1(fn) {
  return function f1(a) { if (arguments.length === 0) return f1; return fn.apply(this, arguments); };
}
export function wrap2(fn) { return function w(a, b) { return fn(a, b); }; }
export function swap2(fn) { return function w(a, b) { return fn(b, a); }; }
export function partial2(fn) {
  return function f2(a, b) { if (arguments.length < 2) return function (_b) { return fn(a, _b); }; return fn(a, b); };
}
export var cloneIt = curry1(function cloneIt(value) { return typeof value.clone === 'function' ? value.clone() : value.slice(); });
export var applyTo = wrap2(function applyTo(x, f) { return f(x); });
export var applySwapped = swap2(function applyTo(x, f) { return f(x); });
export var applyLater = partial2(function applyTo(x, f) { return f(x); });
`;
const IMPORT_FACTORIES = "import { cloneIt, applyTo, applySwapped, applyLater } from './factories.js';";

test('a factory\'s function reading under assumptions on its parameters, handed the closure\'s own parameters: judged per position', () => {
  const files = { 'factories.js': FACTORIES };
  // (Swapped by the closure, the callback's position gets the caller's first argument: a reader there only reads p.)
  for (const body of ['return cloneIt(p);', 'return applyTo(p, (o: { k: number }) => o.k);', 'return applySwapped((o: { k: number }) => o.k, p);']) {
    const found = directions({ ...files, ...task('p: { k: number } & number[]', body, IMPORT_FACTORIES) });
    assert.match(found.p, /^in:/, `${body}: ${found.p}`);
  }
});

test('per position stays sound: a writer at the callback\'s position, other values handed on, a method the argument has', () => {
  const files = { 'factories.js': FACTORIES };
  for (const [signature, body] of [
    ['p: { k: number }', 'applyTo(p, (o: { k: number }) => { o.k = 1; });'],
    // The closure swaps them: the callback's position receives the caller's first argument, here a writer.
    ['p: { k: number }', 'return applySwapped((o: { k: number }) => { o.k = 1; }, p);'],
    // A partial application hands the function a later call's value (`fn(a, _b)`): that writer is not seen here.
    ['p: { k: number }', 'applyLater(p)((o: { k: number }) => { o.k = 1; });'],
    // `value.clone()` is a method of what the caller passed: it may write.
    ['p: { k: number; clone(): unknown }', 'return cloneIt(p);'],
  ]) {
    const found = directions({ ...files, ...task(signature, body, IMPORT_FACTORIES) });
    assert.match(found.p, /^inout:/, `${body}: ${found.p}`);
  }
});

const DEFAULTS = `
import { eq } from './eq.js';
export function endsWith(buf, needle, equiv = eq) { let i = buf.length, j = needle.length; while (--i, j-- > 0 && equiv(buf[i], needle[j])) {} return j < 0; }
export function isSorted(arr, cmp = eq) { let prev = arr[0]; for (let i = 1; i < arr.length; i++) { const curr = arr[i]; if (!cmp(prev, curr)) return false; prev = curr; } return true; }
export function handsOn(buf, needle, equiv = eq) { return other(buf, needle, equiv); }
function other(a, b, f) { return f(a, b); }
export function swapIt(arr, swap = (a) => { a[0] = 1; }) { swap(arr); }
`;
const EQ = "export function eq(a, b) { if (a != null && typeof a.equiv === 'function') return a.equiv(b); return a === b; }";
const IMPORT_DEFAULTS = "import { endsWith, isSorted, handsOn, swapIt } from './defaults.js';";

test('a default reading under assumptions on its parameters, called with parts of the other parameters: judged by what the caller passes', () => {
  const files = { 'defaults.js': DEFAULTS, 'eq.js': EQ };
  for (const body of ['return endsWith(p, [1]);', 'return endsWith([1], p);', 'return isSorted(p);']) {
    const found = directions({ ...files, ...task('p: number[]', body, IMPORT_DEFAULTS) });
    assert.match(found.p, /^in:/, `${body}: ${found.p}`);
  }
});

test('a default stays sound: an argument whose methods it calls, a default handed on, a writing default run by an explicit undefined', () => {
  const files = { 'defaults.js': DEFAULTS, 'eq.js': EQ };
  for (const [signature, body] of [
    ['p: { equiv(o: unknown): boolean }', 'return endsWith([p], [1]);'],
    ['p: number[]', 'return handsOn(p, [1]);'],
    ['p: number[]', 'swapIt(p);'],
    // (`undefined` passed runs the default as nothing passed does.)
    ['p: number[]', 'swapIt(p, undefined);'],
    ['p: number[]', 'const none: ((a: number[]) => void) | undefined = Math.random() > 2 ? (a) => a : undefined; swapIt(p, none);'],
  ]) {
    const found = directions({ ...files, ...task(signature, body, IMPORT_DEFAULTS) });
    assert.match(found.p, /^inout:/, `${body}: ${found.p}`);
  }
});

const CHOICES = `
export function max(array, getter) { const get = getter ?? ((v) => v); let best = array[0]; for (const a of array) if (get(a) > get(best)) best = a; return best; }
export function maxW(array, getter) { const get = getter ?? ((v) => { v.seen = true; return v; }); let best = array[0]; for (const a of array) if (get(a) > get(best)) best = a; return best; }
export function viaCall(o, getter) { const get = getter ?? function () { this.k = 1; }; get.call(o); }
function reader(v) { return v.k; }
function writer(v) { v.k = 1; return v.k; }
export function keyOf(fields, opt) { const gen = opt && opt.get || reader; const map = (f) => gen(f); return fields.map(map); }
export function keyOfW(fields, opt) { const gen = opt && opt.get || writer; const map = (f) => gen(f); return fields.map(map); }
export function fill(n, valueOrMapper) { const mapper = typeof valueOrMapper === 'function' ? valueOrMapper : () => valueOrMapper; const out = []; for (let i = 0; i < n; i++) out.push(mapper(i)); return out; }
`;
const IMPORT_CHOICES = "import { max, maxW, viaCall, fill, keyOf, keyOfW } from './choices.js';";

test('a const holding the caller\'s callback or a reading function written here is a reading callback', () => {
  const files = { 'choices.js': CHOICES };
  for (const [signature, body] of [
    ['p: { k: number }[]', 'return max(p);'],
    ['p: { k: number }[]', 'return max(p, (o: { k: number }) => o.k);'],
    ['p: { k: number }', 'const r = fill(2, p); return r.length;'],
    // A function of the program that reads, or one the caller's options hold; a named arrow given the elements.
    ['p: { k: number }[]', 'return keyOf(p, { k: 1 }).length;'],
    ['p: { k: number }[]', 'return keyOf(p, { get: (o: { k: number }) => o.k }).length;'],
  ]) {
    const found = directions({ ...files, ...task(signature, body, IMPORT_CHOICES) });
    assert.match(found.p, /^in:/, `${body}: ${found.p}`);
  }
});

test('a const choice stays sound: a writer passed, a writing function written here, what the chosen function returns written', () => {
  const files = { 'choices.js': CHOICES };
  for (const [signature, body] of [
    ['p: { k: number }[]', 'return max(p, (o: { k: number }) => { o.k = 2; return o.k; });'],
    ['p: { k: number }[]', 'return maxW(p);'],
    ['p: { k: number }', 'const r = fill(2, p); r[0].k = 3;'],
    // (A function expression has a `this` that `get.call(o)` makes o: only arrows are judged by their summary.)
    ['p: { k: number }', 'viaCall(p);'],
    ['p: { k: number }[]', 'return keyOfW(p, { k: 1 }).length;'],
    ['p: { k: number }[]', 'return keyOf(p, { get: (o: { k: number }) => { o.k = 2; return o.k; } }).length;'],
  ]) {
    const found = directions({ ...files, ...task(signature, body, IMPORT_CHOICES) });
    assert.match(found.p, /^inout:/, `${body}: ${found.p}`);
  }
});

// A built-in passed as a callback (d3-array's nest(values, Array.from, identity, keys)): analysis/builtin-callbacks.ts.
const BUILTINS = `
export function nestish(values, map, reduce) { return map(values.map((v) => reduce(v))); }
export function nestWith(values, map) { return map(values, (v) => { v.k = 1; return v; }); }
`;
const IMPORT_BUILTINS = "import { nestish, nestWith } from './nest.js';";

test('a read-only built-in as a callback reads, when the callee never hands it a function to call', () => {
  for (const body of ['return nestish(p, Array.from, (v: { k: number }) => v).length;', 'return nestish(p, Object.keys, (v: { k: number }) => v).length;']) {
    const found = directions({ 'nest.js': BUILTINS, ...task('p: { k: number }[]', body, IMPORT_BUILTINS) });
    assert.match(found.p, /^in:/, `${body}: ${found.p}`);
  }
});

test('really written stays inout: the callee hands Array.from a writer to map with; a writer reduces', () => {
  for (const body of ['return nestWith(p, Array.from).length;', 'return nestish(p, Array.from, (v: { k: number }) => { v.k = 2; return v; }).length;']) {
    const found = directions({ 'nest.js': BUILTINS, ...task('p: { k: number }[]', body, IMPORT_BUILTINS) });
    assert.match(found.p, /^inout:/, `${body}: ${found.p}`);
  }
});

// remeda's shape: an export hands its implementation and its own parameters to a dispatcher, which calls the
// implementation with the dispatcher's own parameters (at other positions than its own) or hands it back.
const PURRY = `
const purry2 = (dataFirst, n, data, arg) => n >= 2 ? dataFirst(data, arg) : (d) => dataFirst(d, data);
const purry1 = (dataFirst, n, data) => n >= 1 ? dataFirst(data) : dataFirst;
function impl(data, fn) { const out = {}; for (const k in data) out[k] = fn(data[k], k, data); return out; }
export function mapValues(data, fn) { return purry2(impl, arguments.length, data, fn); }
export function keys(data) { return purry1((d) => Object.keys(d), arguments.length, data); }
const kept = [];
const keeps = (dataFirst, data, arg) => { kept.push(dataFirst); return dataFirst(data, arg); };
export function viaKeeps(data, fn) { return keeps(impl, data, fn); }
`;
const IMPORT_PURRY = "import { mapValues, keys, viaKeeps } from './purry.js';";

test('a callee calling its callback parameter with its own other parameters: judged per position at a plain call', () => {
  for (const body of ['mapValues(p, (v: number) => v + 1);', 'return keys(p);']) {
    const found = directions({ 'purry.js': PURRY, ...task('p: Record<string, number>', body, IMPORT_PURRY) });
    assert.match(found.p, /^in:/, `${body}: ${found.p}`);
  }
  // (`keeps(impl, data, fn)` names impl: its parameter is bound to it for this call (call-bound.ts), so keeping it
  // changes nothing of what this call runs; the writer is still found through it.)
  const kept = directions({ 'purry.js': PURRY, ...task('p: Record<string, { k: number }>', 'viaKeeps(p, (v: { k: number }) => v.k);', IMPORT_PURRY) });
  assert.match(kept.p, /^in:/, kept.p);
  for (const body of ['mapValues(p, (v: { k: number }) => { v.k = 1; });', 'viaKeeps(p, (v: { k: number }) => { v.k = 1; });']) {
    const found = directions({ 'purry.js': PURRY, ...task('p: Record<string, { k: number }>', body, IMPORT_PURRY) });
    assert.match(found.p, /^inout:/, `${body}: ${found.p}`);
  }
});

test.run();
