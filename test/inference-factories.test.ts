/**
 * Direction inference through functions made by factories (analysis/factory-made.ts): a name for the closure a factory
 * call returns (`var isArrayLike = createSizePropertyCheck(getLength)`, `var add = _curry2(function add(a, b) {…})`)
 * has what that factory call passed. Each case asserts the precise direction when what the factory call passed only
 * reads, and the write when it does not (soundness).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { taskDirections as directions, withTask as task } from './task-directions';

// underscore's shapes, as hand-written ES modules without types.
const UNDERSCORE = `
function shallowProperty(key) { return function (obj) { return obj == null ? void 0 : obj[key]; }; }
function createSizePropertyCheck(getSizeProperty) {
  return function (collection) { var size = getSizeProperty(collection); return typeof size == 'number' && size >= 0; };
}
var getLength = shallowProperty('length');
export var isArrayLike = createSizePropertyCheck(getLength);
export default createSizePropertyCheck(function (o) { o.seen = true; return o.length; });
`;

test('a name for a factory-made closure: the factory call\'s argument decides what calling the factory\'s parameter does', () => {
  const files = { 'lib.js': UNDERSCORE };
  const reads = directions({ ...files, ...task('p: number[]', 'return isArrayLike(p);', "import { isArrayLike } from './lib.js';") });
  assert.match(reads.p, /^in:/, reads.p);
  // The same factory, called with a function that writes what it is given.
  const writes = directions({ ...files, ...task('p: number[]', 'return check(p);', "import check from './lib.js';") });
  // (The reason names the write itself: the factory's parameter is bound to the function that call passed.)
  assert.match(writes.p, /^inout:.*getSizeProperty.*o\.seen = true/, writes.p);
});

// ramda's shape: every export a closure made by a currying factory around the function that does the work.
const CURRIED = `
function curry2(fn) {
  return function f2(a, b) { if (arguments.length < 2) return function (_b) { return fn(a, _b); }; return fn(a, b); };
}
export var add = curry2(function add(a, b) { return a.length + b.length; });
export var append = curry2(function append(x, list) { list.push(x); return list; });
`;

test('a curried function: what it does is what the function given to its currying factory does', () => {
  const files = { 'lib.js': CURRIED };
  const reads = directions({ ...files, ...task('p: number[], q: number[]', 'return add(p, q);', "import { add } from './lib.js';") });
  assert.match(reads.p, /^in:/, reads.p);
  assert.match(reads.q, /^in:/, reads.q);
  const writes = directions({ ...files, ...task('p: number[], q: number[][]', 'append(p, q);', "import { append } from './lib.js';") });
  assert.match(writes.q, /^inout:/, writes.q);
});

test('a function written in a factory call is not analysed as what the made function is given', () => {
  const prelude = 'function make(f: (v: { k: number }) => void) { return (y: { k: number }) => f(y); }';
  // (The made function hands each element to the arrow: a write, although the arrow is written in this body.)
  const writes = directions(task('p: { k: number }[]', 'p.forEach(make((v) => { v.k = 1; }));', prelude));
  assert.match(writes.p, /^inout:/, writes.p);
  const reads = directions(task('p: { k: number }[]', 'let s = 0; p.forEach(make((v) => { s += v.k; })); return s;', prelude));
  assert.match(reads.p, /^in:/, reads.p);
});

test('a factory that hands back its own argument (lodash\'s castFunction): the argument decides', () => {
  const prelude = `function identity(v: unknown) { return v; }
function castFunction(f: unknown) { return (typeof f == 'function' ? f : identity) as (x: { k: number }) => unknown; }
function each(xs: { k: number }[], f: (x: { k: number }) => unknown) { for (const x of xs) f(x); }`;
  const reads = directions(task('p: { k: number }[]', 'let s = 0; each(p, castFunction((x: { k: number }) => { s += x.k; })); return s;', prelude));
  assert.match(reads.p, /^in:/, reads.p);
  const writes = directions(task('p: { k: number }[]', 'each(p, castFunction((x: { k: number }) => { x.k = 1; }));', prelude));
  assert.match(writes.p, /^inout:/, writes.p);
  // (A factory that replaces its parameter before returning it hands back something else.)
  const replaced = directions(task('p: { k: number }[]', 'each(p, wrap(() => 0));',
    `${prelude}\nfunction wrap(f: unknown) { f = (x: { k: number }) => { x.k = 2; }; return f as (x: { k: number }) => unknown; }`));
  assert.match(replaced.p, /^inout:/, replaced.p);
});

// underscore's isArray: a built-in when there is one, else a function a factory makes.
const CHOSEN = `
export var nativeIsArray = Array.isArray;
var toString = Object.prototype.toString;
function tagTester(name) { var tag = '[object ' + name + ']'; return function (obj) { return toString.call(obj) === tag; }; }
function marker(name) { return function (obj) { obj.tag = name; return true; }; }
export default nativeIsArray || tagTester('Array');
export var isArrayW = nativeIsArray || marker('Array');
export var isArrayX = nativeIsArray || Object.assign;
`;

test('a call through a constant chosen between functions may run either (the checker resolves it to one)', () => {
  const prelude = `function reader(o: number[]) { return o[0]; }
function writer(o: number[]) { o[0] = 1; return 0; }
const pick = Math.random() > 0.5 ? reader : writer;
const pick2 = Math.random() > 0.5 ? writer : reader;
const quiet = Math.random() > 0.5 ? reader : (o: number[]) => o.length;`;
  // (Both were inferred in: the checker resolves each call to reader's signature, and that one body was trusted.)
  const found = directions(task('p: number[], q: number[], r: number[]', 'return pick(p) + pick2(q) + quiet(r);', prelude));
  assert.match(found.p, /^inout:.*may be `writer`/, found.p);
  assert.match(found.q, /^inout:/, found.q);
  assert.match(found.r, /^in:/, found.r);
});

test('a constant holding one of several functions runs one of them: each built-in or function decides', () => {
  const found = directions({ 'lib.js': CHOSEN, ...task('p: number[], q: number[], r: number[]', 'return isArray(p) && isArrayW(q) && isArrayX(r);',
    "import isArray, { isArrayW, isArrayX } from './lib.js';") });
  assert.match(found.p, /^in:/, found.p);
  assert.match(found.q, /^inout:.*obj\.tag = name/, found.q);
  assert.match(found.r, /^inout:/, found.r); // (Object.assign writes its first argument)
});

// lodash's iteratee shape: a factory whose returns are its argument, a known function, or other factories' closures.
const ITERATEES = `
function identity(v) { return v; }
function baseProperty(key) { return function (object) { return object == null ? undefined : object[key]; }; }
function baseMatches(source) {
  if (source.length == 1) return baseProperty(source[0]);
  return function (object) { return object === source || object[0] === source[0]; };
}
function marking(source) { return function (object) { object.seen = source; return true; }; }
export function baseIteratee(value) {
  if (typeof value == 'function') return value;
  if (value == null) return identity;
  if (typeof value == 'object') return Array.isArray(value) ? baseMatches(value) : baseProperty(value.key);
  return baseProperty(value);
}
export function markingIteratee(value) { return typeof value == 'function' ? value : marking(value); }
export function baseWhile(array, predicate) {
  var index = -1;
  while (++index < array.length && predicate(array[index], index, array)) {}
  return index;
}
export function dropWhile(array, predicate) { return baseWhile(array, baseIteratee(predicate)); }
export function markWhile(array, predicate) { return baseWhile(array, markingIteratee(predicate)); }
`;

test('a factory returning other factories\' closures reads when each of them reads, and writes when one of them writes', () => {
  const files = { 'lib.js': ITERATEES };
  const reads = directions({ ...files, ...task('p: number[], q: number[]', 'return dropWhile(p, (x: number) => x > 1) + dropWhile(q, [1]);', "import { dropWhile } from './lib.js';") });
  assert.match(reads.p, /^in:/, reads.p);
  assert.match(reads.q, /^in:/, reads.q);
  // One return is a closure made by a factory that writes what it is given (`marking(value)`).
  const writes = directions({ ...files, ...task('p: object[]', 'return markWhile(p, 3);', "import { markWhile } from './lib.js';") });
  assert.match(writes.p, /^inout:.*predicate\(array\[index\], index, array\)/, writes.p);
  // A callback passed through that writes: the factory hands it back, and baseWhile calls it on the elements.
  const passed = directions({ ...files, ...task('p: { k: number }[]', 'return dropWhile(p, (x: { k: number }) => { x.k = 1; return true; });', "import { dropWhile } from './lib.js';") });
  assert.match(passed.p, /^inout:/, passed.p);
});

test('a constant choosing a factory-made closure has what that choice\'s factory call passed', () => {
  const lib = `
function baseUnary(func) { return function (value) { return func(value); }; }
function reader(v) { return v.length; }
function writer(v) { v.seen = true; return 0; }
function fallback(v) { return 0; }
var c = typeof exports == 'object';
export var reads = c ? baseUnary(reader) : fallback;
export var writes = c ? baseUnary(writer) : fallback;
export var either = c ? baseUnary(reader) : baseUnary(writer);
`;
  const found = directions({ 'lib.js': lib, ...task('a: number[], b: number[], d: number[]', 'return reads(a) + writes(b) + either(d);', "import { reads, writes, either } from './lib.js';") });
  assert.match(found.a, /^in:/, found.a);
  assert.match(found.b, /^inout:/, found.b);
  // Both choices are closures of the same function: which call made the one that runs is not known.
  assert.match(found.d, /^inout:/, found.d);
});


// Bound factory parameters (bound-factory.ts, bound-calls.ts): the made closure's calls of the factory's parameter
// have the effects of the function that factory call passed, parameter by parameter.
const FORWARDING = `
function curry1(fn) { return function f1(a) { if (arguments.length === 0) return f1; return fn.apply(this, arguments); }; }
function viaCall(fn) { return function (a, b) { return fn.call(this, a, b); }; }
function thenWrite(fn) { return function (a, b) { fn(a, b); b[0].x = 1; }; }
function swapped(fn) { return function (a, b) { arguments[0] = b; return fn.apply(this, arguments); }; }
function replacing(fn) { if (fn.length > 5) fn = function (o) { o.k = 1; }; return function (a) { return fn(a); }; }
function inner(h) { return function (x) { return h(x); }; }
function outer(g) { return inner(g); }
function asThis(fn) { return function (a, b) { return fn.call(a, b); }; }
export function each(xs, f, ctx) { for (const x of xs) f.call(ctx, x); }
export function eachOf(xs, f, ctx) { xs.forEach(f, ctx); }
export function setK(x) { this.k = 1; return x; }
export function readK(x) { return this.k + x; }
function makeCompare(cb) { return function (v, i) { return i in this && cb(v, this[i]); }; }
function makeSetter(cb) { return function (v, i) { this[i] = cb(v); return true; }; }
export function everyWith(xs, f, ctx) { for (var i = 0; i < xs.length; i++) if (!f.call(ctx, xs[i], i)) return false; return true; }
export function equalsWith(a, b, cb) { return everyWith(a, makeCompare(cb), b); }
export function copyWith(a, b, cb) { return everyWith(a, makeSetter(cb), b); }
export var size = curry1(function size(o) { return o.length; });
export var clear = curry1(function clear(o) { o.length = 0; });
export var pushed = viaCall(function (x, list) { list.push(x); return list; });
export var keepThenWrite = thenWrite(function (a, b) { b.push(a); });
export var swapWrite = swapped(function (o, q) { o.k = 1; });
export var replaced = replacing(function (o) { return o.k; });
export var twice = outer(function (o) { o.k = 2; });
export var onThis = asThis(function (b) { this.k = 1; return b.k; });
`;

test('a made closure forwarding its arguments (fn.apply(this, arguments), fn.call(this, a, b)): the bound function decides, per parameter', () => {
  const files = { 'lib.js': FORWARDING };
  const only = (imports: string, params: string, body: string) => directions({ ...files, ...task(params, body, `import { ${imports} } from './lib.js';`) });
  assert.match(only('size', 'p: number[]', 'return size(p);').p, /^in:/);
  assert.match(only('clear', 'p: number[]', 'clear(p);').p, /^inout:.*o\.length = 0/);
  const pushed = only('pushed', 'p: number[], q: number[][]', 'pushed(p, q);');
  assert.match(pushed.p, /^in:/, pushed.p);
  assert.match(pushed.q, /^inout:/, pushed.q);
});

test('soundness: writes through bound factory parameters (kept then written, arguments rewritten, parameters replaced, chains, `this`)', () => {
  const files = { 'lib.js': FORWARDING };
  const only = (imports: string, params: string, body: string) => directions({ ...files, ...task(params, body, `import { ${imports} } from './lib.js';`) });
  // The bound function keeps a in b; the closure then writes b's element: a is written.
  { const d = only('keepThenWrite', 'p: { x: number }, q: { x: number }[]', 'keepThenWrite(p, q);').p; assert.match(d, /^inout:/, d); }
  // `arguments[0] = b` before `fn.apply(this, arguments)`: the bound function writes b.
  { const d = only('swapWrite', 'p: { k: number }, q: { k: number }', 'swapWrite(p, q);').q; assert.match(d, /^inout:/, d); }
  // The factory may replace its parameter: no binding, and what it may hold writes.
  { const d = only('replaced', 'p: { k: number }', 'return replaced(p);').p; assert.match(d, /^inout:/, d); }
  // A factory handing its parameter to another factory: bound through the chain.
  { const d = only('twice', 'p: { k: number }', 'twice(p);').p; assert.match(d, /^inout:.*o\.k = 2/, d); }
  // `fn.call(a, b)`, `f.call(ctx, x)`: the first argument is the callback's `this`, which a function reading every
  // argument it is given may still write (both were inferred `in`).
  { const d = only('onThis', 'p: { k: number }, q: { k: number }', 'return onThis(p, q);'); assert.match(d.p, /^inout:/, d.p); }
  { const d = only('each, setK', 'p: number[], q: { k: number }', 'each(p, setK, q);'); assert.match(d.q, /^inout:/, d.q); }
  // (One that only reads its `this` leaves ctx `in`: this-readers.ts.)
  { const d = only('each, readK', 'p: number[], q: { k: number }', 'each(p, readK, q);'); assert.match(d.q, /^in:/, d.q); assert.match(d.p, /^in:/, d.p); }
  // The same through `xs.forEach(f, ctx)` (handed-functions.ts thisArgumentToFunction: xe-utils' arrayEach(list,
  // iterate, context) made every context `inout`).
  { const d = only('eachOf, setK', 'p: number[], q: { k: number }', 'eachOf(p, setK, q);'); assert.match(d.q, /^inout:/, d.q); }
  { const d = only('eachOf, readK', 'p: number[], q: { k: number }', 'eachOf(p, readK, q);'); assert.match(d.q, /^in:/, d.q); }
  { const d = only('eachOf', 'p: number[], q: { k: number }', 'eachOf(p, (x: number) => x, q);'); assert.match(d.q, /^in:/, d.q); }
  { const d = only('eachOf', 'p: number[], q: { k: number }', 'eachOf(p, function (this: { k: number }) { this.k = 2; }, q);'); assert.match(d.q, /^inout:/, d.q); }
  // (A closure a factory made, reading its `this` and handing parts of it to the factory's argument, mout's
  // makeCompare: `this` only read when that argument reads; one writing `this` writes ctx.)
  { const d = only('equalsWith', 'p: number[], q: number[]', 'return equalsWith(p, q, (x: number, y: number) => x === y);'); assert.match(d.q, /^in:/, d.q); }
  { const d = only('copyWith', 'p: number[], q: number[]', 'return copyWith(p, q, (x: number) => x);'); assert.match(d.q, /^inout:/, d.q); }
});

// xe-utils' helperCreateIterateHandle: the closure calls the caller's collection's method by the name its factory call gave.
const KEYED = `
function make(prop, matchValue) {
  return function (obj, iterate, context) {
    if (obj && iterate) {
      if (prop && obj[prop]) return obj[prop](iterate, context);
      for (var i = 0; i < obj.length; i++) if (!!iterate.call(context, obj[i], i, obj) === matchValue) return true;
    }
    return false;
  };
}
export var some = make('some', true);
export var sortAll = make('sort', true);
`;

test('a factory parameter given a method\'s name (make(\'some\')): obj[prop](f) on the caller\'s data runs that built-in', () => {
  const run = (signature: string, body: string): Record<string, string> =>
    directions({ 'lib.js': KEYED, ...task(signature, body, "import { some, sortAll } from './lib.js';\nfunction w(this: any, v: number) { this.x = v; return false; }") });
  const reads = run('p: number[]', 'return some(p, (x: number) => x > 1);').p;
  assert.match(reads, /^in:/, reads);
  // Twins: a name of a built-in that changes its object, a callback that writes the elements, a `this` argument a
  // function given as the callback writes.
  for (const [signature, body, name] of [
    ['p: number[]', 'sortAll(p, (a: number, b: number) => a - b);', 'p'],
    ['p: { k: number }[]', 'some(p, (x: { k: number }) => { x.k = 1; return false; });', 'p'],
    ['p: number[], c: { x: number }', 'some(p, w, c);', 'c'],
  ]) {
    const found = run(signature, body)[name];
    assert.match(found, /^inout:/, `${body}: ${found}`);
  }
  // A factory that may replace the name binds nothing: the key is unknown, the caller's function may write.
  const replaced = directions({ 'lib.js': KEYED.replace('return function', 'if (matchValue === 2) prop = "reverse";\n  return function'),
    ...task('p: number[]', 'return some(p, (x: number) => x > 1);', "import { some } from './lib.js';") }).p;
  assert.match(replaced, /^inout:/, replaced);
});

// rambda's data-last currying: `drop(1)(list)`, the factory call written as the callee (callee-names.ts, factory-made.ts).
const CALLED_IN_PLACE = `
export function drop(n) { return (list) => list.slice(n > 0 ? n : 0); }
export function tail(l) { return drop(1)(l); }
export function each(f) { return (list) => { for (const x of list) f(x); }; }
export function readAll(l) { return each((o) => o[0])(l); }
export function writeAll(l) { return each((o) => { o[0] = 1; })(l); }
export function eachWith(l, f) { return each(f)(l); }
function appender(target) { return (x) => { target.push(x); }; }
export function keepThenWrite(l, t) { appender(t)(l); t[0][0] = 1; }
function pick(w) { if (w) return (o) => { o[0] = 1; }; return (o) => o[0]; }
export function picked(l) { return pick(false)(l); }
`;

test('a factory call written as the callee (`drop(1)(list)`, `each(f)(list)`) runs the closure it makes, bound to its arguments; writes through it, a kept argument and a choice of closures stay sound', () => {
  const only = (imports: string, params: string, body: string) =>
    directions({ 'lib.js': CALLED_IN_PLACE, ...task(params, body, `import { ${imports} } from './lib.js';`) });
  for (const [imports, body] of [['tail', 'return tail(p);'], ['readAll', 'return readAll(p);'], ['eachWith', 'return eachWith(p, (o: number[]) => o[0]);']]) {
    const d = only(imports, 'p: number[][]', body).p;
    assert.match(d, /^in:/, `${body}: ${d}`);
  }
  for (const [imports, params, body] of [
    ['writeAll', 'p: number[][]', 'writeAll(p);'],
    ['eachWith', 'p: number[][]', 'eachWith(p, (o: number[]) => { o[0] = 1; });'],
    ['keepThenWrite', 'p: number[], q: number[][]', 'keepThenWrite(p, q);'],
    ['picked', 'p: number[]', 'return picked(p);'],
  ]) {
    const d = only(imports, params, body).p;
    assert.match(d, /^inout:/, `${body}: ${d}`);
  }
});

// rv71: `xs.forEach(f, ctx)` with f reached by name may still write ctx: through `super`, an override, a default.
const THIS_BY_NAME = `
class Base { add(x) { this.n += x; } }
class Putter extends Base { put(x) { super.add(x); } }
export const putter = new Putter();
class Reader { visit(x) { } }
class Writer extends Reader { visit(x) { this.n += x; } }
export const visitor = [new Reader(), new Writer()][1];
export function addSelf(x, i, a, self = this) { self.n += x; }
`;

test('a function given with a `this` argument to forEach writes it through super, an override or a default naming this (rv71\'s r-foreach-this-*)', () => {
  for (const body of ['p.forEach(putter.put, q);', 'p.forEach(visitor.visit, q);', 'p.forEach(addSelf, q);',
    'p.forEach(function (x: number, i: number, a: number[], self: any = this) { self.n += x; }, q);']) {
    const d = directions({ 'lib.js': THIS_BY_NAME, ...task('p: number[], q: { n: number }', body, "import { putter, visitor, addSelf } from './lib.js';") }).q;
    assert.match(d, /^inout:/, `${body}: ${d}`);
  }
});

test.run();
