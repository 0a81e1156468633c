/**
 * Direction inference on idioms of utility libraries written in untyped JavaScript (ramda, lodash; issue 16), each in
 * a library file beside the task as such a library is: an iterator a caller's object hands out given to a helper that
 * steps it, a constant holding one of two closures of one factory, an immediately called function picking an
 * implementation, a curried function whose result is only tested, and a built-in a helper hands back out of its
 * arguments (lodash's getNative). Each asserts `in` where nothing writes the parameter, and a write where the same
 * shape does write it (soundness twins).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { taskDirections as directions, withTask as task } from './task-directions';

const IMPORT = "import * as L from './lib.js';";
/** The task's directions when its body calls into lib.js (`lib`: its source). */
const found = (lib: string, signature: string, body: string): Record<string, string> =>
  directions({ 'lib.js': lib, ...task(signature, body, IMPORT) });

const DRAIN = 'function drain(it) { var out = [], n; while (!(n = it.next()).done) out.push(n.value); return out; }\n';

test('an iterator of the caller\'s data (a.values(), a.entries(), a[Symbol.iterator]()) handed to a helper that steps it is read', () => {
  // (The caller's data: typed so that it holds no function, which makes good that its iterators only read.)
  for (const [lib, signature] of [
    [`${DRAIN}export function g(a) { return drain(a.values()); }`, 'p: number[]'],
    [`${DRAIN}export function g(a) { return drain(a.entries()).length; }`, 'p: number[][]'],
    [`${DRAIN}export function g(o) { return drain(o.rows[Symbol.iterator]()); }`, 'p: { rows: number[] }'],
  ]) {
    const p = found(lib, signature, 'return L.g(p);').p;
    assert.match(p, /^in:/, `${lib}: ${p}`);
  }
});

test('an iterator stays sound: an object whose iterator writes it, a method given an argument, a helper that writes the iterator', () => {
  for (const [lib, signature] of [
    // The caller's object holds a function: nothing makes good that its iterator only reads.
    [`${DRAIN}export function g(a) { return drain(a.values()); }`, 'p: { k: number; values(): { next(): { done: boolean; value: number } } }'],
    // (A method given something may hand back what it makes of it.)
    [`${DRAIN}export function g(a, f) { return drain(a.values(f)); }`, 'p: number[]'],
    ['function step(it) { it.k = 1; } export function g(a) { return step(a.values()); }', 'p: any'],
  ]) {
    const p = found(lib, signature, 'return L.g(p, (x: any) => x);').p;
    assert.match(p, /^inout:/, `${lib}: ${p}`);
  }
  // A method that only reads may hand back a writer: an object literal of reading methods makes good no iterator.
  const handed = found('function apply(f, x) { f(x); }\nexport function g(o, p) { apply(o.values(), p); }', 'p: number[]',
    'L.g({ values: () => (x: number[]) => { x[0] = 1; } }, p);').p;
  assert.match(handed, /^inout:/, handed);
});

// ramda's _reduce: a factory-made closure handing an iterator of its parameter to the function the factory was given.
const REDUCE = `var sym = typeof Symbol !== 'undefined' ? Symbol.iterator : '@@iterator';
function iterReduce(f, acc, it) { var s = it.next(); while (!s.done) { acc = f(acc, s.value); s = it.next(); } return acc; }
function createReduce(iterableReduce) { return function (xf, acc, list) { return iterableReduce(xf, acc, list[sym]()); }; }
var reduce = createReduce(iterReduce);
`;

test('an iterator of a made closure\'s parameter handed to the factory\'s function: the caller\'s data makes good that it reads', () => {
  const p = found(`${REDUCE}export function g(list) { return reduce(function (a, x) { return a + x; }, 0, list); }`, 'p: number[]', 'return L.g(p);').p;
  assert.match(p, /^in:/, p);
});

test('an iterator of a made closure\'s parameter stays sound: an object whose iterator writes, a reducer that writes', () => {
  const own = found(`${REDUCE}export function g(list) { return reduce(function (a, x) { return a + x; }, 0, list); }`,
    'p: { k: number; [Symbol.iterator](): Iterator<number> }', 'return L.g(p);').p;
  assert.match(own, /^inout:/, own);
  const writer = found(`${REDUCE}export function g(list) { return reduce(function (a, x) { x.seen = true; return a; }, 0, list); }`,
    'p: { seen?: boolean }[]', 'return L.g(p);').p;
  assert.match(writer, /^inout:/, writer);
});

const MAKE = 'function make(fn) { return function made(x) { return fn(x); }; }\n';

test('a constant holding one of two closures of one factory: a call runs either, each judged by its own factory call', () => {
  const lib = `${MAKE}var keys = typeof Object.keys === 'function' ? make(function (o) { return Object.keys(o); }) :
    make(function (o) { var r = []; for (var k in o) r.push(k); return r; });
export function g(o) { return keys(o); }`;
  const p = found(lib, 'p: Record<string, number>', 'return L.g(p);').p;
  assert.match(p, /^in:/, p);
  // (Each choice's function reads what it is given under an assumption on it: a method of the caller's object.)
  const methods = `${MAKE}var size = typeof Map === 'function' ? make(function (o) { return o.size(); }) : make(function (o) { return o.count(); });
export function g(o) { return size(o); }`;
  assert.match(found(methods, 'p: number[]', 'return L.g(p);').p, /^in:/);
});

test('a constant holding one of two closures stays sound: a write by either choice is a write of the call', () => {
  const lib = `${MAKE}var keys = typeof Object.keys === 'function' ? make(function (o) { return Object.keys(o); }) :
    make(function (o) { o.seen = true; return []; });
export function g(o) { return keys(o); }`;
  const p = found(lib, 'p: Record<string, unknown>', 'return L.g(p);').p;
  assert.match(p, /^inout:/, p);
});

test('an immediately called function picking an implementation: a call runs one of the functions it may return', () => {
  const lib = `var isArgs = (function () {
  return Object.prototype.toString.call(arguments) === '[object Arguments]'
    ? function (x) { return Object.prototype.toString.call(x) === '[object Arguments]'; }
    : function (x) { return x != null && typeof x === 'object' && 'callee' in x; };
}());
export function g(o) { return isArgs(o); }`;
  const p = found(lib, 'p: number[]', 'return L.g(p);').p;
  assert.match(p, /^in:/, p);
});

test('an implementation picked by an immediately called function stays sound: either may be the one that writes', () => {
  for (const lib of [
    'var f = (function () { return typeof Map === "function" ? function (x) { return x.length; } : function (x) { x.length = 0; return 0; }; }());\nexport function g(o) { return f(o); }',
    // A factory handing back its own argument: what it returns is what the caller gave, unknown here.
    'function pick(w) { return typeof Map === "function" ? w : function (x) { return x.length; }; }\nvar f = pick(function (x) { x.length = 0; });\nexport function g(o) { return f(o); }',
  ]) {
    const p = found(lib, 'p: number[]', 'return L.g(p);').p;
    assert.match(p, /^inout:/, `${lib}: ${p}`);
  }
});

// A curried function as ramda's `_curry2`: called with one argument it hands back a partial application.
const CURRY = `function curry2(fn) {
  return function f2(a, b) { return arguments.length < 2 ? function (_b) { return fn(a, _b); } : fn(a, b); };
}\n`;

test('a curried function whose result is only tested (if, while, !, ===, ?:) never calls the partial application it may hand back', () => {
  for (const use of ['if (eq(list[i], x)) return i;', 'if (!eq(list[i], x)) continue; return i;', 'if (eq(list[i], x) === true) return i;',
    'while (eq(list[i], x)) return i;', 'return eq(list[i], x) ? i : -1;']) {
    // (`a.equals(b)`: the function reads under an assumption on what it is given, made good by the caller's data.)
    const lib = `${CURRY}var eq = curry2(function (a, b) { return a.equals(b); });
var indexOf = function (list, x) { for (var i = 0; i < list.length; i++) { ${use} } return -1; };
var has = curry2(function (list, x) { return indexOf(list, x) >= 0; });
export function g(list, x) { return has(list, x) ? 1 : 0; }`;
    const dirs = found(lib, 'p: number[][], q: number[]', 'return L.g(p, q);');
    assert.match(dirs.p, /^in:/, `${use}: ${dirs.p}`);
    assert.match(dirs.q, /^in:/, `${use}: ${dirs.q}`);
  }
});

test('a tested curried result stays sound: a write during the call, a test that runs code of the value (==), a result kept', () => {
  for (const [passed, use] of [
    ['function (a, b) { a.k = 1; return true; }', 'if (eq(list[i], x)) return i;'],
    // (`==` and `<` take the value's primitive: code of it may run; the partial application's call is then unknown.)
    ['function (a, b) { return a.equals(b); }', 'if (eq(list[i], x) == true) return i;'],
    ['function (a, b) { return a.equals(b); }', 'var r = eq(list[i], x); if (r) return r;'],
  ]) {
    const lib = `${CURRY}var eq = curry2(${passed});
export function g(list, x) { for (var i = 0; i < list.length; i++) { ${use} } return -1; }`;
    const p = found(lib, 'p: any[], q: any', 'return L.g(p, q);').p;
    assert.match(p, /^inout:/, `${passed} ${use}: ${p}`);
  }
});

// lodash's defineProperty: a built-in reached through a helper that hands back a member of its arguments.
const NATIVE = `function getValue(object, key) { return object == null ? undefined : object[key]; }
function isNative(v) { return typeof v == 'function'; }
function getNative(object, key) { var value = getValue(object, key); return isNative(value) ? value : undefined; }
var defineProperty = (function () { try { var func = getNative(Object, 'defineProperty'); func({}, '', {}); return func; } catch (e) {} }());
export function assign(object, key, value) {
  if (key == '__proto__' && defineProperty) defineProperty(object, key, { configurable: true, enumerable: true, value: value, writable: true });
  else object[key] = value;
}\n`;

test('a built-in handed back by a helper out of its arguments (getNative(Object, \'defineProperty\')) has the built-in\'s effects', () => {
  const lib = `${NATIVE}export function fromPairs(pairs) { var result = {}; for (var i = 0; i < pairs.length; i++) assign(result, pairs[i][0], pairs[i][1]); return result; }`;
  const p = found(lib, 'p: [string, number[]][]', 'return L.fromPairs(p);').p;
  assert.match(p, /^in:/, p);
  const dirs = found(NATIVE, 'o: Record<string, unknown>, q: number[]', 'L.assign(o, "__proto__", q);');
  assert.match(dirs.o, /^inout:.*written by `Object\.defineProperty`/, dirs.o);
  assert.match(dirs.q, /^in:/, dirs.q);
});

test('a built-in handed back by a helper stays sound: what it stores is written through the target, a key not known here is unknown', () => {
  const stored = found(NATIVE, 'q: number[]', 'const o: any = {}; L.assign(o, "__proto__", q); o.__proto__[0] = 1;').q;
  assert.match(stored, /^inout:/, stored);
  const unknownKey = `${NATIVE.replace("getNative(Object, 'defineProperty')", 'getNative(Object, name)').replace('var defineProperty = (function () {', 'var name = String(Math.random());\nvar defineProperty = (function () {')}`;
  const dirs = found(unknownKey, 'o: Record<string, unknown>, q: number[]', 'L.assign(o, "__proto__", q);');
  assert.match(dirs.q, /^inout:.*unknown effect/, dirs.q);
});

// es-toolkit's clone (`Object.assign(Object.create(prototype), obj)`), lodash's and underscore's baseCreate
// (`var objectCreate = Object.create; … objectCreate(proto)`).
test('Object.create(p) changes nothing and its own slots are not p\'s: writing them writes neither p nor what is copied in', () => {
  const viaLib = (lib: string, body: string, signature = 'p: { a: number; b: number[] }') => found(lib, signature, body).p;
  const clone = 'export function clone(o) { return Object.assign(Object.create(Object.getPrototypeOf(o)), o); }';
  assert.match(viaLib(clone, 'const c: any = L.clone(p); c.a = 2;'), /^in:/);
  const alias = 'var objectCreate = Object.create;\nexport function make(proto) { var o = objectCreate(proto); o.a = 1; return o; }';
  assert.match(viaLib(alias, 'const c: any = L.make(p); c.a = 2;'), /^in:/);
  assert.match(viaLib('export function keep(o) { return Object.assign({}, { k: o }); }', 'const c: any = L.keep(p); c.k = 2;'), /^in:/);
  // Twins: what is copied in is shared (c.b is p.b), what is read through the prototype is p's, and p itself written.
  assert.match(viaLib(clone, 'const c: any = L.clone(p); c.b.push(1);'), /^inout:/);
  assert.match(viaLib('export function make(proto) { return Object.create(proto); }', 'const c: any = L.make(p); c.b.push(1);'), /^inout:/);
  assert.match(viaLib('export function make(proto) { Object.create(proto).b.push(1); }', 'L.make(p);'), /^inout:/);
  assert.match(viaLib('export function make(proto) { var o = Object.create(proto, { k: { value: proto } }); o.k.a = 1; }', 'L.make(p);'), /^inout:/);
  // (An inherited slot the flow-insensitive reach cannot tell from one assigned later: `o.b = []` does not hide p.b.)
  assert.match(viaLib(alias.replace('o.a = 1;', 'o.a = 1; o.b = [];'), 'const c: any = L.make(p); c.b.push(1);'), /^inout:/);
  assert.match(viaLib('export function keep(o) { return Object.assign({}, { k: o }); }', 'const c: any = L.keep(p); c.k.b.push(2);'), /^inout:/);
});

test('a method of the caller\'s data called through a key naming a changing built-in (a[\'reverse\'](), a[K]() with K = \'sort\') writes it', () => {
  for (const lib of [
    "export function g(a) { a['reverse'](); return 1; }",
    "var K = 'sort';\nexport function g(a) { a[K](); return 1; }",
    "var K = typeof Symbol === 'function' ? 'some' : 'splice';\nexport function g(a) { return a[K](0, 1); }",
  ]) {
    const p = found(lib, 'p: number[]', 'L.g(p);').p;
    assert.match(p, /^inout:/, `${lib}: ${p}`);
  }
  // The value pushed is kept by the caller's array, which the task then writes through.
  const q = directions({ 'lib.js': "export function g(a, x) { a['push'](x); }", ...task('p: number[][], q: number[]', 'L.g(p, q); p[0][0] = 1;', IMPORT) }).q;
  assert.match(q, /^inout:/, q);
  // A callback method through its key hands its `this` argument to the callback, which may write it (as a.forEach(f, ctx)).
  for (const lib of ["export function g(a, f, ctx) { a['forEach'](f, ctx); }", "var K = 'forEach';\nexport function g(a, f, ctx) { a[K](f, ctx); }"]) {
    const c = directions({ 'lib.js': lib, ...task('p: number[], c: { x: number }', 'L.g(p, w, c);', `${IMPORT}\nfunction w(this: any, v: number) { this.x = v; }`) }).c;
    assert.match(c, /^inout:/, `${lib}: ${c}`);
  }
  // Twins: a key naming a reading built-in, or a method of a protocol, is still the caller's reading method.
  for (const lib of [
    "var K = 'some';\nexport function g(a) { return a[K](function (x) { return x > 1; }); }",
    "export function g(a) { return a['indexOf'](2); }",
  ]) {
    const p = found(lib, 'p: number[]', 'L.g(p);').p;
    assert.match(p, /^in:/, `${lib}: ${p}`);
  }
});

// date-fns' constructFrom: `date[constructFromSymbol](value)`, the key `Symbol.for("constructDateFrom")` imported.
test('a method of the caller\'s data called through a symbol the library makes (Symbol.for, Symbol, imported) is its own method, as a named one is', () => {
  for (const [lib, key] of [["export const K = Symbol.for('make');\nexport function g(a, v) { return K in a ? a[K](v) : v; }", "Symbol.for('make')"],
    ["const K = Symbol('make');\nexport function g(a, v) { return a[K](v); }", "Symbol('make')"]]) {
    const p = found(lib, 'p: { v: number }', 'return L.g(p, 1);').p;
    assert.match(p, /^in:/, `${key}: ${p}`);
  }
  const imported = directions({ 'keys.js': "export const K = Symbol.for('make');", 'lib.js': "import { K } from './keys.js';\nexport function g(a, v) { return a[K](v); }",
    ...task('p: { v: number }', 'return L.g(p, 1);', IMPORT) }).p;
  assert.match(imported, /^in:/, imported);
  // Twin: a class of the program with a method under that key, which changes its object.
  const own = directions({ 'main.ts': "const K = Symbol('bump');\nexport class Box { v = 0; [K]() { this.v++; } }\n/** @task */\nexport function t(p: Box) { (p as any)[K](); return p.v; }\n" }).p;
  assert.match(own, /^inout:/, own);
});

// date-fns' constructFrom: `if (date instanceof Date) return new date.constructor(value)`.
test('new x.constructor(v) on the caller\'s data is its built-in class, which reads v; a class of the program there is judged as unknown', () => {
  const lib = 'export function make(date, value) { return new date.constructor(value); }\nexport function twice(d, v) { return make(d, v); }';
  for (const signature of ['p: Date, q: number[]', 'p: number[], q: number[]']) {
    const { p, q } = found(lib, signature, 'return L.twice(p, q);');
    assert.match(p, /^in:/, `${signature}: ${p}`);
    assert.match(q, /^in:/, `${signature}: ${q}`);
  }
  // Twin: the caller's object is an instance of a class whose constructor writes what it is given.
  const written = directions({
    'lib.js': lib,
    'main.ts': `${IMPORT}\nexport class Bump { constructor(v?: number[]) { if (v) v[0]++; } }\n/** @task */\nexport function t(p: Bump, q: number[]) { L.twice(p, q); return q[0]; }\n`,
  }).q;
  assert.match(written, /^inout:/, written);
});

// array-move's arrayMoveImmutable: `array = [...array]; arrayMoveMutable(array, from, to)` (a splice there).
test('a copy made here as a literal, handed to a helper that changes it in place, holds what the literal holds: the caller\'s data is read', () => {
  const helper = 'function cut(a, i) { a.splice(i, 1); }\n';
  for (const lib of [
    `${helper}export function g(arr, i) { const c = [...arr]; cut(c, i); return c; }`,
    `${helper}export function g(arr, i) { arr = [...arr]; cut(arr, i); return arr; }`,
    `${helper}export function g(arr, i) { let c = []; for (const x of arr) c.push(x); cut(c, i); return c; }`,
  ]) {
    const { p, i } = found(lib, 'p: number[], i: number', 'return L.g(p, i).length;');
    assert.match(p, /^in:/, `${lib}: ${p}`);
    assert.match(i, /^in:/, `${lib}: ${i}`);
  }
  // Twins: a function the copy holds (written there, or stored into it) is called by the helper with the argument.
  const calls = 'function callAll(fs, x) { for (const f of fs) f(x); }\nfunction writer(o) { o.v = 1; }\n';
  for (const lib of [
    `${calls}export function g(x) { const c = [writer]; callAll(c, x); }`,
    `${calls}export function g(x) { const c = []; c.push(writer); callAll(c, x); }`,
    `${calls}export function g(x) { let c = []; c[0] = (o) => { o.v = 2; }; callAll(c, x); }`,
  ]) {
    const x = found(lib, 'x: { v: number }', 'L.g(x); return x.v;').x;
    assert.match(x, /^inout:/, `${lib}: ${x}`);
  }
});

test.run();
