/**
 * Direction inference through callees the checker resolves to one function although they may be another: a choice
 * written at the call, a name for one, a member of an object something changes, an element of an array, a factory's
 * result with several returns (analysis/callee-names.ts, assigned-functions.ts chosenFunctions). Every case was
 * inferred `in` (judged by the reader the checker picked) while the writer writes; where every choice is known, the
 * call has the effects of any of them, so a choice of readers stays precise.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { taskDirections as directions, withTask as task } from './task-directions';

const PRELUDE = `
function reader(o: number[]) { return o[0]; }
function reader2(o: number[]) { return o.length; }
function writer(o: number[]) { o[0] = 1; return 0; }
const c = Math.random() > 0.5;
const obj = { f: c ? reader : writer };
const fs = [reader, writer];
function get() { return c ? reader : writer; }
function get2() { if (c) return writer; return reader; }
const made = get2();
const holder = { g: reader };
`;

test('a callee that may be a writer, whichever function the checker resolved it to, writes', () => {
  const found = directions(`${PRELUDE}
/** @task */
export function t(a: number[], b: number[], d: number[], e: number[], f: number[], g: number[], h: number[], i: number[], j: number[]) {
  obj.f(a); (c ? reader : writer)(b); (reader || writer)(d); fs[1](e); get()(f); get2()(g);
  holder.g = writer; holder.g(h); [reader, writer][1](i); made(j);
}`);
  for (const [name, value] of Object.entries(found)) assert.match(value, /^inout:/, `${name}: ${value}`);
});

test('a choice of readers written at the call, or behind a constant, reads', () => {
  const found = directions(`${PRELUDE}
const either = c ? reader : reader2;
/** @task */
export function t(a: number[], b: number[], d: number[]) { return (c ? reader : reader2)(a) + either(b) + (c ? (Object.is(d, d), reader) : reader2)(d); }`);
  for (const [name, value] of Object.entries(found)) assert.match(value, /^in:/, `${name}: ${value}`);
});

// The Promise combinators only read what they are given; their results hold it (builtins.ts READ_ONLY_FUNCTIONS).
const ASYNC = `
export function mapAsync(array, callback) { return Promise.all(array.map(callback)); }
export async function readAll(array) { const xs = await Promise.all(array); return xs.length; }
export async function writeFirst(array) { const xs = await Promise.all(array); xs[0].k = 2; }
export async function writeOne(o) { const x = await Promise.resolve(o); x.k = 2; }
export async function writeRace(array) { const x = await Promise.race(array); x.k = 2; }
`;

test('Promise.all and its kin read their argument; writing what their result holds writes it', () => {
  const run = (body: string): string => directions({ 'lib.js': ASYNC, ...task('p: { k: number }[]', body,
    "import { mapAsync, readAll, writeFirst, writeOne, writeRace } from './lib.js';") }).p;
  for (const body of ['return mapAsync(p, async (o: { k: number }) => o.k);', 'return readAll(p);']) assert.match(run(body), /^in:/, body);
  for (const body of ['return mapAsync(p, async (o: { k: number }) => { o.k = 1; });', 'return writeFirst(p);', 'return writeOne(p[0]);',
    'return writeRace(p);']) assert.match(run(body), /^inout:/, body);
});

// A method that only sets its object's own slots writes that object, not what the object holds (method-receivers.ts).
const SLOTS = `
class Sem { constructor(n) { this.capacity = n; this.available = n; } acquire() { if (this.available > 0) { this.available--; return true; } return false; } }
class Box { constructor(o) { this.o = o; } poke() { this.o.k = 1; } reset() { this.o = null; } share() { return this; } }
export function holdAll(o) { const s = new Sem(o); s.acquire(); return s; }
export function reset(o) { const b = new Box(o); b.reset(); return b; }
export function poke(o) { const b = new Box(o); b.poke(); }
export function share(o) { const b = new Box(o); b.share().o.k = 2; }
`;

test('a method setting its own slots writes its object only; one writing deeper or handing itself out writes what it holds', () => {
  const run = (signature: string, body: string): string => directions({ 'slots.js': SLOTS, ...task(signature, body,
    "import { holdAll, reset, poke, share } from './slots.js';") }).p;
  for (const body of ['return holdAll(p).available;', 'reset(p);']) assert.match(run('p: { k: number }', body), /^in:/, body);
  for (const body of ['poke(p);', 'share(p);', 'holdAll(p).capacity.k = 3;']) assert.match(run('p: { k: number }', body), /^inout:/, body);
  // (Called on the parameter itself, the slot it sets is the parameter's.)
  const own = directions(task('p: { available: number }', 'new Counter(p).acquire(); acquire.call(p);',
    'class Counter { constructor(private s: { available: number }) {} acquire() { this.s.available--; } }\n' +
    'function acquire(this: { available: number }) { this.available--; }'));
  assert.match(own.p, /^inout:/, own.p);
});

// d3-array's InternMap: methods hand `this` to helpers that call the key function the constructor fixed in a field.
const INTERN = `
function keyof(value) { return value !== null && typeof value === 'object' ? value.valueOf() : value; }
class IM extends Map {
  constructor(entries, key = keyof) { super(); Object.defineProperties(this, { _intern: { value: new Map() }, _key: { value: key } }); }
  get(key) { return super.get(intern_get(this, key)); }
  set(key, value) { return super.set(intern_set(this, key), value); }
}
function intern_get({ _intern, _key }, value) { const key = _key(value); return _intern.has(key) ? _intern.get(key) : value; }
function intern_set({ _intern, _key }, value) { const key = _key(value); if (_intern.has(key)) return _intern.get(key); _intern.set(key, value); return value; }
export function mode(values) { const counts = new IM(); for (const v of values) counts.set(v, (counts.get(v) || 0) + 1); return [...counts.keys()]; }
export function modeBy(values, key) { const counts = new IM(undefined, key); for (const v of values) counts.set(v, (counts.get(v) || 0) + 1); return 0; }
`;

test('a method handing `this` to a helper is judged with the key function the constructor fixed: a reading default reads', () => {
  const found = directions({ 'intern.js': INTERN, ...task('p: { k: number }[]', 'return mode(p).length;', "import { mode } from './intern.js';") });
  assert.match(found.p, /^in:/, found.p);
});

test('really written stays inout: a key function that writes what the map holds, given to the constructor', () => {
  const found = directions({ 'intern.js': INTERN, ...task('p: { k: number }[]', 'modeBy(p, (v: { k: number }) => { v.k = 1; return v.k; });',
    "import { modeBy } from './intern.js';") });
  assert.match(found.p, /^inout:/, found.p);
});

// A program's class with methods named like a collection's (set, clear) that write what the object holds.
const GRID = `
export class Grid {
  constructor(public cells: Float64Array, public width: number) {}
  set(x: number, y: number, v: number) { this.cells[y * this.width + x] = v; }
  clear() { this.cells.fill(0); }
}
`;

test('really written stays inout: a program method named set or clear writing what its object holds (not judged by its name alone)', () => {
  for (const body of ['new Grid(p, 2).set(1, 0, 5);', 'const g = new Grid(p, 2); g.clear();']) {
    const found = directions({ 'grid.ts': GRID, ...task('p: Float64Array', body, "import { Grid } from './grid';") });
    assert.match(found.p, /^inout:/, `${body}: ${found.p}`);
  }
});

// Untyped JavaScript receivers: a reading method's name is trusted for its arguments too (builtins.ts readsArgumentsByName).
const UNTYPED = `
export function position(list, a) { return typeof list.indexOf === 'function' ? list.indexOf(a, 0) : -1; }
export function each(list, f) { list.forEach(f); }
export function mapAll(list, f) { return list.map(f); }
class Finder { indexOf(o) { o.k = 1; return 0; } }
export function ownFinder(a) { return new Finder().indexOf(a); }
`;

test('a reading method of an untyped receiver reads its arguments when it calls none of them (list.indexOf(a))', () => {
  const found = directions({ 'untyped.js': UNTYPED, ...task('p: { k: number }, q: { k: number }[]', 'return position(q, p);', "import { position } from './untyped.js';") });
  assert.match(found.p, /^in:/, found.p);
  assert.match(found.q, /^in:/, found.q);
});

test('really written stays inout: a callback-taking name (forEach, map) given a writer, a method of the program by that name', () => {
  const writer = '(o: { k: number }) => { o.k = 1; }';
  for (const body of [`each(p, ${writer});`, `mapAll(p, ${writer});`, 'ownFinder(p[0]);']) {
    const found = directions({ 'untyped.js': UNTYPED, ...task('p: { k: number }[]', body, "import { each, mapAll, ownFinder } from './untyped.js';") });
    assert.match(found.p, /^inout:/, `${body}: ${found.p}`);
  }
});

// A function an object holds, called through a computed or quoted name: the object is its `this` (call-effects.ts).
const HELD = `
export function viaKey(a, b) { return a['fantasy-land/equals'](b); }
export function viaIndex(fs, i, x) { return fs[i](x); }
`;

test('a quoted method of the caller\'s data only reads under the reading-callbacks summary, as a.m(b) does; a computed one may be any function', () => {
  const found = directions({ 'held.js': HELD, ...task('p: { k: number }, q: { k: number }', 'return viaKey(p, q);', "import { viaKey } from './held.js';") });
  assert.match(found.p, /^in:/, found.p);
  // `fs[i](x)` picks a function out of a table the caller may fill with writers of what they are handed (the case
  // below): what it is handed is written.
  const table = directions({ 'held.js': HELD, ...task('p: { k: number }[], q: { k: number }', 'return viaIndex(p, 0, q);', "import { viaIndex } from './held.js';") });
  assert.match(table.q, /^inout:/, table.q);
});

test('really written stays inout: the function held writes its object (`this`), or what it is given', () => {
  const self = directions({ 'held.js': HELD, ...task(`p: { k: number; 'fantasy-land/equals'(o: { k: number }): boolean }, q: { k: number }`, 'return viaKey(p, q);', "import { viaKey } from './held.js';") });
  assert.match(self.p, /^inout:/, self.p);
  const given = directions({ 'held.js': HELD, ...task('q: { k: number }', 'return viaIndex([(o: { k: number }) => { o.k = 1; }], 0, q);', "import { viaIndex } from './held.js';") });
  assert.match(given.q, /^inout:/, given.q);
});

// lodash's environment detection: built-ins read off the global object it finds, behind guards, or a stub.
const ROOTED = `
var freeGlobal = typeof global == 'object' && global && global.Object === Object && global;
var freeSelf = typeof self == 'object' && self && self.Object === Object && self;
var root = freeGlobal || freeSelf || Function('return this')();
var NodeBuffer = typeof exports == 'object' ? root.Buffer : undefined;
var nativeIsBuffer = NodeBuffer ? NodeBuffer.isBuffer : undefined;
function stubFalse() { return false; }
export var isBuffer = nativeIsBuffer || stubFalse;
var notRoot = { Buffer: { isBuffer: function (v) { v.seen = true; return false; } } };
var OtherBuffer = typeof exports == 'object' ? notRoot.Buffer : undefined;
export var isOther = (OtherBuffer ? OtherBuffer.isBuffer : undefined) || stubFalse;
var freeParseInt = parseInt;
export function toInt(s) { return freeParseInt(s[0], 10); }
function usesArguments() { arguments[0].seen = true; return false; }
export var isMarked = nativeIsBuffer || usesArguments;
`;

test('built-ins read off the global object behind guards, an alias of a global function, and a stub that takes no argument read', () => {
  const files = { 'lib.js': ROOTED };
  const reads = directions({ ...files, ...task('a: object, b: string[]', 'return isBuffer(a) || toInt(b) > 0;', "import { isBuffer, toInt } from './lib.js';") });
  assert.match(reads.a, /^in:/, reads.a);
  assert.match(reads.b, /^in:/, reads.b);
  // The same shapes on an object that is not the global one, and a stub that reads its arguments through `arguments`.
  const writes = directions({ ...files, ...task('a: object, b: object', 'return isOther(a) || isMarked(b);', "import { isOther, isMarked } from './lib.js';") });
  assert.match(writes.a, /^inout:/, writes.a);
  assert.match(writes.b, /^inout:.*usesArguments/, writes.b);
});

test('an argument past a function\'s parameters is ignored only when no spread comes before it', () => {
  const found = directions(task('a: number[], b: number[]', 'none(a); one(...[], b); return 0;', `
function none() { return 0; }
function one(x: number[]) { x[0] = 1; }`));
  assert.match(found.a, /^in:/, found.a);
  assert.match(found.b, /^inout:/, found.b);
});

test('a function handing itself to a callee as a callback is judged by its own summary, solved with its recursion', () => {
  const found = directions(task('a: unknown[], b: { seen?: boolean }[], c: { v?: number; kids: unknown[] }', 'toText(a); mark(b); walk(c); return 0;', `
function each(xs: unknown[], f: (x: any) => unknown) { for (let i = 0; i < xs.length; i++) f(xs[i]); }
function toText(x: any): string { return Array.isArray(x) ? x.map(toText).join(',') : String(x); }
function mark(x: any): void { if (Array.isArray(x)) x.forEach(mark); else if (x) x.seen = true; }
function walk(n: any): void { each(n.kids, walk); n.v = 1; }`));
  assert.match(found.a, /^in:/, found.a);
  assert.match(found.b, /^inout:.*x\.seen = true/, found.b);
  assert.match(found.c, /^inout:/, found.c);
});

// lodash's nodeUtil: Node's util.types found through the CommonJS module object, or the legacy binding it is made of.
const NODE_UTIL = `
var freeGlobal = typeof global == 'object' && global && global.Object === Object && global;
var freeExports = typeof exports == 'object' && exports && !exports.nodeType && exports;
var freeModule = freeExports && typeof module == 'object' && module && !module.nodeType && module;
var freeProcess = freeModule && freeGlobal.process;
var nodeUtil = (function () {
  try {
    var types = freeModule && freeModule.require && freeModule.require('util').types;
    if (types) return types;
    return freeProcess && freeProcess.binding && freeProcess.binding('util');
  } catch (e) {}
}());
var nodeIsMap = nodeUtil && nodeUtil.isMap;
export function isMap(v) { return nodeIsMap ? nodeIsMap(v) : false; }
var other = (function () { if (freeModule) return freeModule.require('util').types; return { isMap: function (v) { v.seen = true; return false; } }; }());
var otherIsMap = other && other.isMap;
export function isOtherMap(v) { return otherIsMap ? otherIsMap(v) : false; }
var inherits = nodeUtil && freeModule.require('util').inherits;
export function inherit(a, b) { return inherits(a, b); }
`;

test('Node\'s util.types reached through the module object, the legacy binding or a function run in place reads', () => {
  const files = { 'lib.js': NODE_UTIL };
  const found = directions({ ...files, ...task('a: object, b: object, c: object', 'return isMap(a) || isOtherMap(b) || inherit(c, {});', "import { isMap, isOtherMap, inherit } from './lib.js';") });
  assert.match(found.a, /^in:/, found.a);
  // One return of the function run in place is an object of the program's, whose isMap writes.
  assert.match(found.b, /^inout:/, found.b);
  // util's other members are no type predicates.
  assert.match(found.c, /^inout:/, found.c);
});

test('a callback method borrowed from a prototype passes the elements to its function (tester #14\'s r114)', () => {
  const found = directions(`function normalizeRow(row: number[]) { row[0] = 0; }
function firstOf(row: number[]) { return row[0]; }
/** @task */
export function t(a: number[][], b: number[][]) { Array.prototype.forEach.call(a, normalizeRow); return Array.prototype.map.call(b, firstOf).length; }`);
  assert.match(found.a, /^inout: .*its elements are passed to `normalizeRow`, which writes them/);
  assert.match(found.b, /^in:/);
});

test('a variable declared without a value and only ever assigned functions runs one of them; a loop head or another value makes it unknown', () => {
  const lib = `
function reader(o) { return o[0]; }
function writer(o) { o[0] = 1; return 0; }
var c = Math.random() > 0.5;
var pick;
if (c) pick = reader; else pick = function (o) { return o.length; };
var pickW;
if (c) pickW = reader; else pickW = writer;
var other;
if (c) other = reader; else other = 3;
export function a(o) { return pick(o); }
export function b(o) { return pickW(o); }
export function d(o) { return other(o); }
export function e(o) { var s = 0; for (var f of [reader, writer]) { s += f(o); } return s; }
`;
  const found = directions({ 'lib.js': lib, 'main.ts': `import { a as fa, b as fb, d as fd, e as fe } from './lib.js';
/** @task */
export function t(a: number[], b: number[], d: number[], e: number[]) { return fa(a) + fb(b) + fd(d) + fe(e); }
` });
  assert.match(found.a, /^in:/, found.a);
  assert.match(found.b, /^inout:.*o\[0\] = 1/, found.b);
  assert.match(found.d, /^inout:/, found.d);
  assert.match(found.e, /^inout:/, found.e);
});

// A method subclasses override runs whichever the object's class has (analysis/overrides.ts).
const CLASSES = `
export class Shape { area(x: number[]): number { return x.length; } touch(): number { return this.n; } n = 0; keep(x: number[]): number[] { return []; } }
export class Square extends Shape { area(x: number[]): number { x.push(1); return 1; } touch(): number { return ++this.n; } keep(x: number[]): number[] { return x; } }
export abstract class Model { abstract predict(x: number[]): number; }
export class Linear extends Model { constructor(public w: number[]) { super(); } predict(x: number[]): number { return x.reduce((s, v, i) => s + v * this.w[i], 0); } }
export class Constant extends Model { constructor(public c: number) { super(); } predict(_x: number[]): number { return this.c; } }
`;

test('a method call runs any override in the program: a subclass writing the argument or the object writes it; abstract methods are their implementations', () => {
  const found = directions(`${CLASSES}
/** @task */
export function t(s: Shape, a: number[], b: Shape, m: Model[], p: number[], k: Shape, q: number[]) {
  s.area(a); b.touch(); const kept = k.keep(q); kept.push(2);
  return m.reduce((sum, one) => sum + one.predict(p), 0);
}`);
  assert.match(found.a, /^inout: written: passed to `s\.area`, which may be `area`, which writes it/);
  assert.match(found.b, /^inout: written: calls `touch`, a method that may change its object/);
  assert.match(found.q, /^inout/, 'an override returns it, and the result is written');
  assert.match(found.m, /^in:/, 'every implementation of the abstract method only reads');
  assert.match(found.p, /^in:/);
  assert.match(found.s, /^in:/);
});

test('a base method calling a method its subclass overrides to write `this` writes the object', () => {
  const found = directions(`
export class Account { constructor(public balance: number) {} fee(): void {} close(): number { this.fee(); return this.balance; } }
export class Checking extends Account { fee(): void { this.balance -= 2; } }
/** @task */
export function monthEnd(a: Account): number { return a.close(); }`);
  assert.match(found.a, /^inout: written: calls `close`, a method that may change its object or hand it out: `this\.fee\(\)`/);
});

test('a class extending a mixin (`class Rect extends Named(Shape)`) overrides its bases\' methods; a mixin\'s own member of that name makes the call unknown (tester #19\'s F11 crashed the plugin)', () => {
  const found = directions(`
type Ctor<T = object> = new (...args: any[]) => T;
export function Named<B extends Ctor>(Base: B) { return class extends Base { label = 'x'; }; }
export function Counted<B extends Ctor>(Base: B) { return class extends Base { size(xs: number[]) { xs.push(0); return xs.length; } }; }
export class Shape { area(xs: number[]) { return xs.length; } size(xs: number[]) { return xs.length; } }
export class Rect extends Named(Shape) { override area(xs: number[]) { xs[0] = 2; return 2; } }
/** @task */
export function t(s: Shape, a: number[], b: number[]) { return s.area(a) + s.size(b); }`);
  assert.match(found.a, /^inout/, 'Rect, below a mixin, overrides area to write');
  assert.match(found.b, /^inout/, 'a mixin class may sit above Shape\'s subclasses: its size may run');
  assert.match(found.s, /^inout: written: calls method `size`, whose effects are unknown/, 'and it may write its object');
});

test('a method a subclass overrides with a field is code of unknown effect for its arguments too, not only its object', () => {
  const found = directions(`
export class Shape { size(xs: number[]) { return xs.length; } }
export class Sub extends Shape { override size = (xs: number[]) => { xs.push(0); return xs.length; }; }
/** @task */
export function t(s: Shape, b: number[]) { return s.size(b); }`);
  assert.match(found.b, /^inout/, 'Sub\'s field pushes into it (it was inferred `in`)');
  assert.match(found.s, /^inout/);
});

test('a decorated method, or one of a decorated class, runs what the decorator returns: code of unknown effect (tester #19\'s F12 inferred its object `in`)', () => {
  const found = directions(`
function counted(target: (this: P) => number, ctx: ClassMethodDecoratorContext) { return function (this: P) { this.uses++; return target.call(this); }; }
function sealed<T extends new (...a: any[]) => object>(C: T, ctx: ClassDecoratorContext) { return C; }
export class P { uses = 0; @counted f() { return 1; } g() { return this.uses; } }
@sealed export class Q { n = 0; h() { return this.n; } }
export class R { n = 0; k() { return this.n; } }
/** @task */
export function t(p: P, p2: P, q: Q, r: R) { return p.f() + p2.g() + q.h() + r.k(); }`);
  assert.match(found.p, /^inout/, 'its decorator\'s wrapper writes this.uses');
  assert.match(found.p2, /^in:/, 'an undecorated method of the same class stays as read');
  assert.match(found.q, /^inout/, 'a class decorator may return a class whose methods do anything');
  assert.match(found.r, /^in:/);
});

// An interface's method runs any fitting member of that name the program declares (analysis/interface-methods.ts).
const CODECS = `
export interface Codec { encode(xs: number[]): number[]; reset(): void }
export class Double implements Codec { n = 0; encode(xs: number[]) { return xs.map((v) => v * 2); } reset() {} }
export class Neg implements Codec { n = 0; encode(xs: number[]) { return xs.map((v) => -v); } reset() { this.n = 0; } }
export const literal: Codec = { encode: (xs) => xs.slice(), reset() {} };
`;

test('an interface method call runs what any implementing class or literal does: reads stay `in`, a write anywhere is the call\'s', () => {
  const found = directions(`${CODECS}
/** @task */
export function t(c: Codec, data: number[], d: Codec): number { d.reset(); return c.encode(data).length; }`);
  assert.match(found.c, /^in:/);
  assert.match(found.data, /^in:/);
  assert.match(found.d, /^inout: written: calls `reset`, a method that may change its object/);
});

test('an interface method is unknown where another value may fit: a member assigned by name, a generic library type, or a field that is no function', () => {
  const writes = directions(`${CODECS}
export class Sorting implements Codec { encode(xs: number[]) { xs.sort(); return xs; } reset() {} }
/** @task */
export function t(c: Codec, data: number[]): number { return c.encode(data).length; }`);
  assert.match(writes.data, /^inout/, 'one implementation sorts its argument');
  const assigned = directions(`${CODECS}
export function patch(c: Codec) { c.encode = (xs) => { xs.length = 0; return xs; }; }
/** @task */
export function t(c: Codec, data: number[]): number { return c.encode(data).length; }`);
  assert.match(assigned.data, /^inout/, '`c.encode = …` may put any function there');
  const library = directions(`
export interface Bag { add(x: number): unknown }
export class Counter implements Bag { add(x: number) { return x; } }
/** @task */
export function t(b: Bag): number { b.add(1); return 0; }`);
  assert.match(library.b, /^inout/, 'a Set<number> fits `Bag` and its `add` changes it');
  const field = directions(`${CODECS}
export class Held implements Codec { constructor(public encode: (xs: number[]) => number[]) {} reset() {} }
/** @task */
export function t(c: Codec, data: number[]): number { return c.encode(data).length; }`);
  assert.match(field.data, /^inout/, 'a constructor parameter property holds whatever function it is given');
});

test.run();
