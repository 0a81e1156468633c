/**
 * A member the checker resolves a call to, which something else may be assigned to (replaced-members.ts): the call may
 * run the other function, so it is none in particular. Each case has the reader declared first and a writer assigned
 * later, as the checker would name the reader; each must infer the written parameter `inout`. Twins: a member assigned
 * once, and a built-in whose name another type's member takes, stay `in`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { taskDirections as directions, withTask as task } from './task-directions';

/** The task's directions for `p` when it calls `g(p)` of lib.js (`lib`: its source). */
const viaLib = (lib: string, body = 'g(p);', signature = 'p: number[]'): string =>
  directions({ 'lib.js': lib, ...task(signature, body, "import { g } from './lib.js';") }).p;

const READ = 'function (q) { return q[0]; }';
const WRITE = 'function (q) { q[0] = 1; }';

test('a member of an object assigned twice is neither of its functions (the checker names the first)', () => {
  for (const lib of [
    `var o = { m: ${READ} };\no.m = ${WRITE};\nexport function g(p) { return o.m(p); }`,
    `var o = { m(q) { return q[0]; } };\nfunction swap() { o.m = ${WRITE}; }\nswap();\nexport function g(p) { return o.m(p); }`,
    `export function g(p) { var o = { m: ${READ} }; o['m'] = ${WRITE}; return o.m(p); }`,
    `export function g(p) { var o = { m: ${READ} }; Object.assign(o, { m: ${WRITE} }); return o.m(p); }`,
    `export function g(p) { var o = { m: ${READ} }; Object.defineProperty(o, 'm', { value: ${WRITE} }); return o.m(p); }`,
    // Through a parameter nothing types: the write may be of any object's `m`.
    `function swap(x) { x.m = ${WRITE}; }\nexport function g(p) { var o = { m: ${READ} }; swap(o); return o.m(p); }`,
    `function api(p) { return api.m(p); }\napi.m = ${READ};\napi.m = ${WRITE};\nexport function g(p) { return api(p); }`,
    // Handed to code copying by key into an untyped object (`extend(o, src)`).
    `var o = { m: ${READ} };\nfunction extend(t, s) { for (var k in s) t[k] = s[k]; }\nextend(o, { m: ${WRITE} });\nexport function g(p) { return o.m(p); }`,
  ]) {
    assert.match(viaLib(lib), /^inout:/, lib);
  }
});

test('a method of a class replaced on its prototype or shadowed by an own property is neither function', () => {
  for (const lib of [
    `function V() {}\nV.prototype.m = ${READ};\nV.prototype.m = ${WRITE};\nexport function g(p) { return new V().m(p); }`,
    `function V(w) { this.m = ${READ}; if (w) this.m = ${WRITE}; }\nexport function g(p) { return new V(true).m(p); }`,
    `class V { m(q) { return q[0]; } }\nV.prototype.m = ${WRITE};\nexport function g(p) { return new V().m(p); }`,
    `class V { m(q) { return q[0]; } }\nexport function g(p) { const v = new V(); v.m = ${WRITE}; return v.m(p); }`,
  ]) {
    assert.match(viaLib(lib), /^inout:/, lib);
  }
});

test('a CommonJS export assigned twice is neither function, whichever comes first', () => {
  for (const [first, second] of [[READ, WRITE], [WRITE, READ]]) {
    const lib = `exports.f = ${first};\nexports.f = ${second};\nexports.g = function (p) { return exports.f(p); };`;
    const p = directions({ 'lib.cjs': lib, ...task('p: number[]', 'g(p);', "import { g } from './lib.cjs';") }).p;
    assert.match(p, /^inout:/, lib);
  }
});

test('a built-in method shadowed by an own property (`out.push = writer`) is not the built-in', () => {
  for (const lib of [
    `export function g(p) { var out = []; out.push = ${WRITE}; out.push(p); }`,
    `function install(o) { o.push = ${WRITE}; }\nexport function g(p) { var out = []; install(out); out.push(p); }`,
    `export function g(p) { var a = [p]; a.slice = function () { this[0][0] = 1; }; a.slice(); }`,
    `export function g(p) { var out = []; Object.defineProperty(out, 'push', { value: ${WRITE} }); out.push(p); }`,
  ]) {
    assert.match(viaLib(lib), /^inout:/, lib);
  }
  // A receiver nothing types may be an object whose prototype has the program's `push`.
  const stack = `function Stack() {}\nStack.prototype.push = ${WRITE};\nfunction add(list, x) { list.push(x); }\nexport function g(p) { add(new Stack(), p); }`;
  assert.match(viaLib(stack), /^inout:/, stack);
  const has = `function Stack() {}\nStack.prototype.has = function (x) { x[0] = 1; return false; };\nfunction look(list, x) { return list.has(x); }\nexport function g(p) { return look(new Stack(), p); }`;
  assert.match(viaLib(has), /^inout:/, has);
});

test('twins: a member assigned once is its function; an array\'s push stays the built-in beside another type\'s push', () => {
  for (const lib of [
    `var o = { m: ${READ} };\nexport function g(p) { return o.m(p); }`,
    `function api(p) { return api.m(p); }\napi.m = ${READ};\nexport function g(p) { return api(p); }`,
    `export function g(p) { var out = []; out.push(p); return out.length; }`,
    // Every function the program names `has` only reads: an untyped receiver's `has` reads whichever runs.
    `function Stack() { this.d = []; }\nStack.prototype.has = function (x) { return this.d.indexOf(x) >= 0; };\nfunction look(list, x) { return list.has(x); }\nexport function g(p) { return look(new Set(), p); }`,
  ]) {
    assert.match(viaLib(lib), /^in:/, lib);
  }
  const typed = 'class Log { items: number[][] = []; push(x: number[]) { this.items.push(x); } }\n' +
    'export function swap(l: Log) { l.push = (x: number[]) => { x[0] = 1; }; }';
  assert.match(directions(task('p: number[]', 'const out: number[][] = []; out.push(p); return out.length;', typed)).p, /^in:/);
});

test('a class instance let into an untyped object, then written by key, may hold another method', () => {
  const W = 'export class W { m(q: number[]) { return q.length; } }\nconst writer = (q: number[]) => { q[0] = 1; return 0; };\n';
  const p = (prelude: string) => directions(task('w: W, p: number[]', 'return w.m(p);', `${W}${prelude}`)).p;
  for (const prelude of [
    'export function swap(w: W, name: string) { const o: any = w; o[name] = writer; }',
    "function install(o: any, name: string, f: unknown) { o[name] = f; }\nexport function swap(w: W) { install(w, 'm', writer); }",
    'export function swap(w: W, name: string) { (w as any)[name] = writer; }',
    "export function swap(w: W) { const o = w as unknown as Record<string, unknown>; o['m'] = writer; }",
    'class V extends W {}\nexport function swap(name: string) { const o: any = new V(); o[name] = writer; return o; }',
    // Through a helper handing the untyped object on.
    "function set(t: any, k: string, v: unknown) { t[k] = v; }\nfunction install(o: any, k: string, f: unknown) { set(o, k, f); }\nexport function swap(w: W) { install(w, 'm', writer); }",
  ]) assert.match(p(prelude), /^inout:/, prelude);
  const js = directions({ 'lib.js': 'export function install(o, name, f) { o[name] = f; }',
    ...task('w: W, p: number[]', 'return w.m(p);', `import { install } from './lib.js';\n${W}export function swap(w: W) { install(w, 'm', writer); }`) }).p;
  assert.match(js, /^inout:/, js);
  // Twins: no instance turns untyped, or nothing writes by key: the class's method.
  assert.match(p('export function swap(o: any, name: string) { o[name] = writer; }'), /^in:/);
  assert.match(p('export function keep(w: W) { const o: any = w; return o; }'), /^in:/);
  // (An untyped parameter given an instance but never written by key: in JavaScript every parameter is untyped.)
  assert.match(p("function look(o: any, k: string) { return o[k]; }\nexport function get(w: W) { return look(w, 'm'); }\nexport function fill(t: any, k: string) { t[k] = writer; }"), /^in:/);
});

// TypeScript's CommonJS emit declares every export first: `exports.f = void 0; … const f = …; exports.f = f;`.
test('a CommonJS export first set to void 0 (TypeScript\'s emit) is its one function; a second function assigned is still neither', () => {
  for (const [lib, expected] of [
    [`exports.f = void 0;\nconst f = ${READ};\nexports.f = f;\nexports.g = function (p) { return (0, exports.f)(p); };`, /^in:/],
    [`exports.f = exports.g = void 0;\nconst f = ${READ};\nexports.f = f;\nexports.g = function (p) { return exports.f(p); };`, /^in:/],
    [`exports.f = void 0;\nexports.f = ${READ};\nexports.f = ${WRITE};\nexports.g = function (p) { return exports.f(p); };`, /^inout:/],
    [`exports.f = void 0;\nconst f = ${WRITE};\nexports.f = f;\nexports.g = function (p) { return exports.f(p); };`, /^inout:/],
  ] as const) {
    const p = directions({ 'lib.cjs': lib, ...task('p: number[]', 'g(p);', "import { g } from './lib.cjs';") }).p;
    assert.match(p, expected, lib);
  }
});

test.run();
