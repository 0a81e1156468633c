/**
 * Direction inference on patterns found in libraries added to the oracle untuned (@antfu/utils, fast-json-patch,
 * moderndash; bench/oracle/libraries.ts), each written in untyped JavaScript beside the task as such a library is: a
 * destructuring assignment into the slots of a fresh copy (a swap), a function written here handed to a reading
 * method of a receiver nothing resolves (`a.every((x, i) => eq(x, b[i]))`), a promise's executor, and Babel's CommonJS
 * output (geolib). Each asserts `in` where nothing writes the parameter, and a write where
 * the same shape does write it (soundness twins).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { taskDirections as directions, withTask as task } from './task-directions';

const IMPORT = "import * as L from './lib.js';";
/** The task's directions when it calls `g` of lib.js (`lib`: its source). */
const found = (lib: string, signature: string, body: string): Record<string, string> =>
  directions({ 'lib.js': lib, ...task(signature, body, IMPORT) });

test('a destructuring assignment into a fresh copy\'s slots writes the copy, not the parameter it was copied from', () => {
  for (const lib of [
    // moderndash's shuffle: a copy, then swaps.
    'export function g(p) { const c = [...p]; for (let i = c.length - 1; i > 0; i--) { const j = i - 1; [c[i], c[j]] = [c[j], c[i]]; } return c; }',
    'export function g(p) { const c = p.slice(); [c[0]] = c; return c; }',
    'export function g(p) { const o = { ...p }; ({ a: o.b, b: o.a } = o); return o; }',
  ]) {
    const p = found(lib, 'p: any', 'return L.g(p);').p;
    assert.match(p, /^in:/, `${lib}: ${p}`);
  }
});

test('a destructuring assignment stays sound: into the parameter, into a part of it, through what a target gets', () => {
  for (const [lib, signature] of [
    ['export function g(p) { [p[0], p[1]] = [p[1], p[0]]; }', 'p: number[]'],
    ['export function g(p) { const c = p; [c[0], c[1]] = [c[1], c[0]]; }', 'p: number[]'],
    ['export function g(p) { const c = [...p]; [c[0][0]] = [1]; }', 'p: number[][]'],
    // The copy's slots hold the parameter's elements: a write into one after the swap writes them.
    ['export function g(p) { const c = [...p]; [c[0], c[1]] = [c[1], c[0]]; c[0][0] = 1; }', 'p: number[][]'],
    ['export function g(p) { const c = []; [c[0]] = [p]; c[0][0] = 1; }', 'p: number[]'],
    // Defaults, rests and renamed targets get what the right side (or the default) holds.
    ['export function g(p) { let x; [x = p] = []; x[0] = 1; }', 'p: number[]'],
    ['export function g(p) { let x; ({ x = p } = {}); x[0] = 1; }', 'p: number[]'],
    ['export function g(p) { let x; ({ k: x } = { k: p }); x[0] = 1; }', 'p: number[]'],
    ['export function g(p) { let x; [, ...x] = p; x[0][0] = 1; }', 'p: number[][]'],
    ['export function g(p) { const o = {}; ({ a: o.k } = { a: p }); o.k[0] = 1; }', 'p: number[]'],
  ]) {
    const p = found(lib, signature, 'L.g(p);').p;
    assert.match(p, /^inout:/, `${lib}: ${p}`);
  }
});

test('a function written here and given to a reading method of an untyped receiver reads what it captures', () => {
  for (const lib of [
    // moderndash's difference and isEqual, @antfu/utils' isDeepEqual.
    'export function g(a, p) { const s = new Set(p); return a.filter((x) => !s.has(x)); }',
    'export function g(a, p) { return a.every((x, i) => x === p[i]); }',
    'export function eq(a, b) { return Array.isArray(a) ? a.every((x, i) => eq(x, b[i])) : a === b; } export function g(a, p) { return eq(a, p); }',
    'export function g(a, p) { return a.some(function (x) { return x === p.k; }); }',
    // Its result holds what the function returns: not written unless the caller writes it.
    'export function g(a, p) { return a.map(() => p); }',
  ]) {
    const p = found(lib, 'p: any', 'return L.g([1, 2], p);').p;
    assert.match(p, /^in:/, `${lib}: ${p}`);
  }
});

test('a function given to a reading method of an untyped receiver stays sound: what it writes, what the result holds, a callback not written here', () => {
  for (const [lib, body] of [
    ['export function g(a, p) { return a.every((x, i) => { p[i] = x; return true; }); }', 'L.g([1], p);'],
    ['export function g(a, p) { a.forEach((x) => { x[0] = 1; }); }', 'L.g([p], 1);'],
    ['export function g(a, p) { return a.map(() => p); }', 'L.g([1], p)[0][0] = 1;'],
    ['export function g(a, p) { const r = a.map(() => p); r[0][0] = 1; }', 'L.g([1], p);'],
    // `this` of a function expression is what the receiver and the arguments reach.
    ['export function g(a, p) { a.forEach(function () { this[0] = 1; }, p); }', 'L.g([1], p);'],
    // A callback the caller gave is no function written here.
    ['export function g(a, f, p) { return a.filter((x) => f(p)); }', 'L.g([1], (o: number[]) => { o[0] = 1; }, p);'],
  ]) {
    const p = found(lib, 'p: any', body).p;
    assert.match(p, /^inout:/, `${lib} / ${body}: ${p}`);
  }
});

test('new Promise((resolve) => …) runs its executor here: what it mentions is not given to unknown code', () => {
  for (const lib of [
    // moderndash's and @antfu/utils' sleep.
    'export function g(p) { return new Promise((resolve) => setTimeout(resolve, p)); }',
    'export function g(p) { return new Promise((resolve, reject) => { if (p.length) resolve(p.length); else reject(new Error("empty")); }); }',
    'export function g(p) { return new Promise((resolve) => resolve(p)); }',
    // (Parsing built-ins read what they are given.)
    'export function g(p) { try { return new URL(p).host; } catch { return new RegExp(p).source; } }',
  ]) {
    const p = found(lib, 'p: any', 'L.g(p);').p;
    assert.match(p, /^in:/, `${lib}: ${p}`);
  }
});

test('new Promise stays sound: an executor that writes, a resolved value written later, an executor not written here, resolve replaced', () => {
  for (const [lib, body] of [
    ['export function g(p) { return new Promise((resolve) => { p[0] = 1; resolve(); }); }', 'L.g(p);'],
    ['export function g(p) { return new Promise((resolve) => resolve(p)); }', 'L.g(p).then((v: any) => { v[0] = 1; });'],
    ['export function g(p, f) { return new Promise(f); }', 'L.g(p, (r: any) => r(p));'],
    ['export function g(p, f) { return new Promise((resolve) => f(p)); }', 'L.g(p, (o: any) => { o[0] = 1; });'],
    ['export function g(p) { return new Promise((resolve) => { resolve = (x) => { x[0] = 1; }; resolve(p); }); }', 'L.g(p);'],
    // A class of the program named Promise is no built-in.
    ['class Promise { constructor(f) { f(this.w); } w(x) { x[0] = 1; } } export function g(p) { return new Promise((w) => w(p)); }', 'L.g(p);'],
  ]) {
    const p = found(lib, 'p: any', body).p;
    assert.match(p, /^inout:/, `${lib} / ${body}: ${p}`);
  }
});

// moderndash's difference/intersection: a comparator passed last among rest arguments, taken with `xs.pop()`.
const REST_CALLBACK = `export function g(...xs) {
  const has = typeof xs.at(-1) === "function"; const cmp = has && xs.pop(); const first = xs.shift();
  return cmp ? first.filter((e) => xs[0].some((i) => cmp(e, i))) : first;
}
export function h(...xs) { const cmp = xs.pop(); cmp(xs[0]); }`;

test('a callback taken out of the caller\'s arguments with pop/shift/at is the caller\'s: a reading one discharges it', () => {
  const p = found(REST_CALLBACK, 'p: number[]', 'return L.g(p, [1], (a: number, b: number) => a === b);').p;
  assert.match(p, /^in:/, p);
});

test('a callback taken with pop stays sound: a writing one, and one the caller passes among values that may hold functions', () => {
  for (const [signature, body] of [
    ['p: number[][]', 'return L.g(p, [[1]], (a: number[], b: number[]) => { b[0] = 1; return true; });'],
    ['p: number[]', 'L.h(p, (a: number[]) => { a[0] = 1; });'],
    ['p: any', 'return L.g(p, [1], (a: number, b: number) => a === b);'],
  ]) {
    const p = found(REST_CALLBACK, signature, body).p;
    assert.match(p, /^inout:/, `${body}: ${p}`);
  }
});

// Babel's CommonJS output (geolib): exports defined by getters, modules required through an interop helper,
// `(0, f)(x)` calls (analysis/babel-interop.ts).
const INTEROP = 'function _interopRequireDefault(e) { return e && e.__esModule ? e : { default: e }; }';
const HEADER = '"use strict"; Object.defineProperty(exports, "__esModule", { value: true });';
const babelModule = (name: string, requires: string[], body: string): string => `${HEADER} exports.default = void 0;
${requires.map((r) => `var _${r} = _interopRequireDefault(require("./${r}"));`).join('\n')} ${INTEROP}
${body} var _default = exports.default = ${name};`;
const BABEL = {
  'lib.js': `${HEADER} ${['center', 'fill', 'fillOther', 'keep'].map((n) => `Object.defineProperty(exports, "${n}", { enumerable: true, get: function () { return _${n}.default; } });`).join('\n')}
${['center', 'fill', 'fillOther', 'keep'].map((n) => `var _${n} = _interopRequireDefault(require("./${n}"));`).join('\n')} ${INTEROP}`,
  'center.js': babelModule('center', ['lat'], 'const center = (points) => points.reduce((s, p) => s + (0, _lat.default)(p), 0);'),
  'lat.js': babelModule('lat', [], 'const lat = (p) => p.lat;'),
  'fill.js': babelModule('fill', ['set'], 'const fill = (points) => { points.forEach((p) => (0, _set.default)(p)); return points; };'),
  'set.js': babelModule('set', [], 'const set = (p) => { p.lat = 0; };'),
  // A helper that is no interop helper (it hands back another module's function): unknown, as before.
  'fillOther.js': `${HEADER} exports.default = void 0; var _lat = other(require("./lat")); function other(e) { return { default: require("./set").default }; }
const fillOther = (points) => points.forEach((p) => (0, _lat.default)(p)); var _default = exports.default = fillOther;`,
  'keep.js': babelModule('keep', ['set'], 'const keep = (points, into) => { into.push(points[0]); (0, _set.default)(into[0]); };'),
};

test('Babel\'s CommonJS output: exports by getters, requires through an interop helper and (0, f)(x) calls are followed', () => {
  const p = directions({ ...BABEL, ...task('p: { lat: number }[]', 'return L.center(p);', IMPORT) }).p;
  assert.match(p, /^in:/, p);
});

test('Babel\'s CommonJS output stays sound: a write through the required function, a helper that is no interop, a part kept and written', () => {
  for (const body of ['L.fill(p);', 'L.fillOther(p);', 'L.keep(p, []);']) {
    const p = directions({ ...BABEL, ...task('p: { lat: number }[]', body, IMPORT) }).p;
    assert.match(p, /^inout:/, `${body}: ${p}`);
  }
  // The reason names the functions on the path (an arrow by the name it is declared under).
  const fill = directions({ ...BABEL, ...task('p: { lat: number }[]', 'L.fill(p);', IMPORT) }).p;
  assert.match(fill, /passed to `fill`, which writes it: passed to `set`, which writes it: writes a property: `p\.lat = 0`/, fill);
});

// The grouping idiom (es-toolkit's and remeda's groupBy, radash's and moderndash's group): slots of a fresh local
// object that only ever receive array literals made here are arrays, so `push` on them is the built-in's.
const GROUPS = `
export function g1(arr, f) { const result = {}; for (const item of arr) { const key = f(item); if (!Object.hasOwn(result, key)) result[key] = []; result[key].push(item); } return result; }
export function g2(arr, f) { const result = {}; for (const item of arr) (result[f(item)] ??= []).push(item); return result; }
export function g3(data, f) { const output = Object.create(null); data.forEach((item) => { const items = output[f(item)]; if (items === void 0) output[f(item)] = [item]; else items.push(item); }); return output; }
export function g4(arr, f) { return arr.reduce((acc, item) => { const id = f(item); if (!acc[id]) acc[id] = []; acc[id].push(item); return acc; }, {}); }
export function w1(arr, f) { const result = {}; for (const item of arr) { result[f(item)] = item; result[f(item)].push(1); } return result; }
export function w2(arr, other) { const result = {}; result.x = []; other(result); result.x.push(arr[0]); return result; }
export function w3(arr) { const result = {}; result.k = []; result.k.push(arr); result.k[0].push(1); }
`;

test('slots of a fresh object only ever set to array literals are arrays: grouping pushes into them, not into the parameter', () => {
  for (const g of ['g1', 'g2', 'g3', 'g4']) {
    const p = directions({ 'groups.js': GROUPS, ...task('p: { v: number }[]', `return L.${g}(p, (x: { v: number }) => x.v);`, IMPORT.replace('lib', 'groups')) }).p;
    assert.match(p, /^in:/, `${g}: ${p}`);
  }
  // Sound: a slot set to something else, the container handed to other code, a write into what a slot's array holds,
  // a write into a group the caller got back.
  for (const [body, signature] of [
    ['L.w1(p, (x: number[]) => 0);', 'p: number[][]'], ['L.w2(p, (o: { x: unknown }) => { o.x = p; });', 'p: number[]'],
    ['L.w3(p);', 'p: number[]'], ['const r = L.g1(p, () => 0); r[0][0].v = 1;', 'p: { v: number }[]'],
  ]) {
    const p = directions({ 'groups.js': GROUPS, ...task(signature, body, IMPORT.replace('lib', 'groups')) }).p;
    assert.match(p, /^inout:/, `${body}: ${p}`);
  }
});

test('a method named like a string\'s that changes its object in place (a vector class\'s `normalize`) is no reader by its name on an untyped receiver (rv71\'s r-normalize-any); `localeCompare` is', () => {
  const p = found('export function g(v) { return v.normalize(); }', 'p: any', 'return L.g(p);').p;
  assert.match(p, /^inout:/, p);
  const q = found('export function g(a, b) { return a.localeCompare(b); }', 'p: any', 'return L.g("x", p);').p;
  assert.match(q, /^in:/, q);
});

test.run();
