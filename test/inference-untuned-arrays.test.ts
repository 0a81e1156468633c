/**
 * Direction inference on patterns found in libraries added to the oracle untuned (geometric, extra-array,
 * json-pointer; bench/oracle/libraries.ts), each written in untyped JavaScript beside the task as such a library is.
 * Each asserts `in` where nothing writes the parameter, and a write where the same shape does write it (soundness
 * twins).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { taskDirections as directions, withTask as task } from './task-directions';

const IMPORT = "import * as L from './lib.js';";
/** The task's directions when it calls `g` of lib.js (`lib`: its source). */
const found = (lib: string, signature: string, body: string): Record<string, string> =>
  directions({ 'lib.js': lib, ...task(signature, body, IMPORT) });

test('what a storing method of an untyped receiver is given (push, unshift, splice, fill) is kept, not written', () => {
  for (const lib of [
    // extra-array's concat$: `x.push(...y)` for each y of ys.
    'export function g(x, ...ys) { for (var y of ys) x.push(...y); return x; }',
    'export function g(x, p) { x.unshift(...p); return x; }',
    'export function g(x, p) { x.splice(0, 0, ...p); return x; }',
    'export function g(x, p) { x.push(p); return x.length; }',
  ]) {
    const p = found(lib, 'p: number[]', 'return L.g([0], p);').p;
    assert.match(p, /^in:/, `${lib}: ${p}`);
  }
});

test('what a storing method keeps is written through the receiver later, and the receiver is written', () => {
  for (const lib of [
    'export function g(x, p) { x.push(p); x[0][0] = 1; }',
    'export function g(x, p) { x.unshift(p); x[0][0] = 1; }',
    'export function g(x, p) { x.splice(0, 0, p); x[0][0] = 1; }',
    'export function g(x, p) { x.fill(p); x[0][0] = 1; }',
    'export function g(x, p) { x.push(...p); x[0][0] = 1; }',
  ]) {
    const p = found(lib, 'p: number[][]', 'L.g([[0]], p);').p;
    assert.match(p, /^inout:/, `${lib}: ${p}`);
  }
  // The receiver is the caller's: one whose push is its own may write what it is given.
  for (const lib of ['export function g(x, p) { x.push(p); }', 'export function g(x, p) { x.push(...p); }']) {
    const p = found(lib, 'p: number[][]', 'L.g({ push(o: any) { o[0] = 1; } }, p);').p;
    assert.match(p, /^inout:/, `${lib}: ${p}`);
  }
  // A module's own function named like one (not a method of the caller's object) is judged by its body.
  const own = found('export function fill(p) { p[0] = [1]; } export function g(p) { fill(p); }', 'p: number[][]', 'L.fill(p);').p;
  assert.match(own, /^inout:/, own);
  const x = found('export function g(x, ...ys) { for (var y of ys) x.push(...y); return x; }', 'x: number[]', 'L.g(x, [1]);').x;
  assert.match(x, /^inout:.*push/, x);
});

test('a number method by its name reads its untyped receiver, as string methods do', () => {
  const p = found('export function g(point) { return point[0].toFixed(9) + "," + point[1].toPrecision(3); }', 'p: number[]', 'return L.g(p);').p;
  assert.match(p, /^in:/, p);
  const q = found('export function g(point) { point[0] = +point[0].toFixed(9); }', 'p: number[]', 'L.g(p);').p;
  assert.match(q, /^inout:/, q);
});

test('a constant array literal has the built-in methods whatever type the checker gives it', () => {
  // geometric's cleanRing and traceBoundaryRings: `/** @type {Polygon} */ const ring = [start]` where Polygon is a
  // typedef of a file not shipped makes `ring` any (here by a JSDoc cast, which the test's in-memory program reads).
  const ANY = (init: string): string => `/** @type {any} */ (${init})`;
  for (const lib of [
    `export function g(ring) { const cleaned = ${ANY('[ring[0]]')}; for (let i = 1; i < ring.length; i++) cleaned.push(ring[i]); cleaned.splice(0, 1); return cleaned; }`,
    `export function g(ring) { const out = ${ANY('[]')}; out[0] = ring[0]; out.length = 1; out.unshift(ring[1]); return out.length; }`,
    `export function g(ring) { const rings = []; const out = ${ANY('[ring[0]]')}; out.push(ring[1]); rings.push(out); return rings; }`,
  ]) {
    const p = found(lib, 'p: number[][]', 'return L.g(p);').p;
    assert.match(p, /^in:/, `${lib}: ${p}`);
  }
  for (const lib of [
    // What it holds written; its method replaced by a key that may be a string, or by code it is handed to.
    `export function g(ring) { const out = ${ANY('[ring[0]]')}; out[0][0] = 1; }`,
    `export function g(ring, k) { const out = ${ANY('[]')}; out[k] = (r) => { r[0] = 1; }; out.push(ring[0]); }`,
    `export function g(ring) { const out = ${ANY('[]')}; globalThis.patch(out); out.push(ring[0]); }`,
    `export function g(ring) { const out = ${ANY('[]')}; Object.assign(out, globalThis.methods); out.push(ring[0]); }`,
  ]) {
    const p = found(lib, 'p: number[][]', 'L.g(p, "push");').p;
    assert.match(p, /^inout:/, `${lib}: ${p}`);
  }
});

test('a copy of the caller\'s data (`x.slice(i)`, a variable holding one) has the built-in methods', () => {
  const CONCAT = 'function concat$(x, ...ys) { for (var y of ys) x.push(...y); return x; }\n';
  for (const lib of [
    // extra-array's cycle and fill: the copy handed to a function pushing into it; a method of the copy itself.
    `${CONCAT}export function g(x, n) { var a = x.slice(0, n); concat$(a, x); return concat$(a, x.slice(0, 1)); }`,
    'export function g(x, v, i, I) { return x.slice().fill(v, i, I); }',
    'export function g(x, j, i, I) { return x.slice().copyWithin(j, i, I); }',
  ]) {
    const p = found(lib, 'p: number[]', 'return L.g(p, 1, 0, 1);').p;
    assert.match(p, /^in:/, `${lib}: ${p}`);
  }
  // copyWithin$: the receiver changes, its position arguments are only read.
  const end = found('export function g(x, j, i, I) { return x.copyWithin(j, i, I); }', 'p: number[]', 'return L.g([0, 1], 0, 1, p);').p;
  assert.match(end, /^in:/, end);
  // The caller's object is not plain data: its own slice may hand back anything.
  const odd = found(`${CONCAT}export function g(x, q) { var a = x.slice(0); concat$(a, [q]); }`, 'p: number[]',
    'L.g({ slice: () => ({ push(o: any) { o[0] = 1; } }) }, p);').p;
  assert.match(odd, /^inout:/, odd);
  const copied = found('export function g(x) { var a = x.slice(0); a[0][0] = 1; return a; }', 'p: number[][]', 'L.g(p);').p;
  assert.match(copied, /^inout:/, copied);
});

/**
 * json-pointer's shape: a function carrying the API as members, exported whole, one member handing another to a
 * built-in as a callback (`refTokens.map(api.escape)`).
 */
const API = (extra: string): string => 'function api(obj) { return api.get(obj); }\n' +
  'api.get = function get(obj) { return obj[0]; };\n' +
  'api.each = function each(rows) { return rows.map(api.get); };\n' +
  'api.wrap = function wrap(obj) { var w = api.bind(api, obj); for (var k in api) if (api.hasOwnProperty(k)) w[k] = api[k].bind(w, obj); return w; };\n' +
  `${extra}\nmodule.exports = api;\n`;
const viaApi = (lib: string, call: string): string =>
  directions({ 'lib.js': lib, ...task('p: number[]', `${call};`, "import api = require('./lib.js');") }).p;

test('a member of a function the module builds its API on, handed as a callback, is the function assigned to it once', () => {
  assert.match(viaApi(API(''), 'api.each([p])'), /^in:/);
  assert.match(viaApi(API('api.set = function set(obj) { obj[0] = 1; };\napi.put = function put(rows) { rows.forEach(api.set); };'), 'api.put([p])'), /^inout:.*set/);
});

test('a member of such a function is not trusted where the file may change it', () => {
  for (const extra of [
    'api.get = function (obj) { obj.length = 0; };',
    'api["get"] = function (obj) { obj.length = 0; };',
    'Object.assign(api, { get: function (obj) { obj.length = 0; } });',
    'globalThis.hook(api);',
    'var alias = api; alias.get = function (obj) { obj.length = 0; };',
    'api.get += "";',
  ]) {
    const p = viaApi(API(extra), 'api.each([p])');
    assert.match(p, /^inout:/, `${extra}: ${p}`);
  }
});

test('a callback run by fn.call(ctx, x) is that callback\'s call, also for a walker that recurses through it', () => {
  // json-pointer's walk over the foreach package.
  const EACH = 'function each(obj, fn, ctx) { for (var i = 0; i < obj.length; i++) fn.call(ctx, obj[i], i, obj); }\n';
  const walk = found(`${EACH}export function g(obj, it) { (function next(cur) { each(cur, function (v) { if (Array.isArray(v)) next(v); else it(v); }); }(obj)); }`,
    'p: any[]', 'L.g(p, (v: unknown) => String(v));').p;
  assert.match(walk, /^in:/, walk);
  for (const [lib, call] of [
    [`${EACH}export function g(obj) { each(obj, function (v) { if (Array.isArray(v)) g(v); else v[0] = 1; }); }`, 'L.g(p);'],
    [`${EACH}export function g(obj) { each(obj, function (v) { v.m(); }); }`, 'L.g([p]);'],
    [`${EACH}export function g(obj, f) { each(obj, f, obj); }`, 'L.g(p, function (this: any) { this[0] = 1; });'],
    [`${EACH}export function g(obj, f) { each(obj, f); }`, 'L.g(p, (v: any) => { v[0] = 1; });'],
  ]) {
    const p = found(lib, 'p: any', call).p;
    assert.match(p, /^inout:/, `${lib}: ${p}`);
  }
});

test.run();
