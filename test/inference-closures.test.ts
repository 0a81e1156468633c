/**
 * Direction inference through function values that hold what they captured (issue 16, ramda's currying helpers): a
 * call's result may be anything its callee holds, a returned closure holds what it captured (it is not out of sight),
 * and a callee the checker types only as `Function` is still the function its name stands for. Each case asserts the
 * precise direction where nothing writes, and the write where something does (soundness).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ts from 'typescript';
import { taskDirections as directions, withTask as task } from './task-directions';
import { createAnalysisProgram } from '../transformer/analysis/program';
import { createContext } from '../transformer/analysis/context';
import { Summaries } from '../transformer/analysis/summaries';
import { discoverTasks } from '../transformer/analysis/discover';

test('a call\'s result may be what the called function value holds: writing into it writes what the closure captured', () => {
  const mk = 'function mk(o: { k: number }) { return () => o; }';
  for (const [body, prelude] of [
    ['const g = () => p; g().k = 1;', ''],
    ['function get() { return p; } get().k = 1;', ''],
    ['mk(p)().k = 1;', mk],
    ['const g = mk(p); const o = g(); o.k = 1;', mk],
    // A callback the caller made over its own data: writing into what the callback returns writes that data.
    ['f(p, () => p);', 'function f(q: unknown, cb: () => { k: number }) { cb().k = 1; }'],
  ]) {
    const written = directions(task('p: { k: number }', body, prelude));
    assert.match(written.p, /^inout:/, `${body}: ${written.p}`);
  }
  const read = directions(task('p: { k: number }', 'const g = mk(p); return g().k;', mk));
  assert.match(read.p, /^in:/, read.p);
});

// A factory in plain JavaScript whose closures return what they captured, and a helper calling its callback.
const MAKERS = `
export function always(o) { return function () { return o; }; }
export function later(o) { return function () { o.k = 2; }; }
export function ap(f, x) { return f(x); }
`;

test('a callback that returns a closure over what it is given only reads it; the closure\'s result is still followed', () => {
  const files = { 'lib.js': MAKERS };
  const reads = directions({ ...files, ...task('p: { k: number }', 'const g = ap(always, p); return g().k;', "import { always, ap } from './lib.js';") });
  assert.match(reads.p, /^in:/, reads.p);
  const writesResult = directions({ ...files, ...task('p: { k: number }', 'const g = ap(always, p); g().k = 1;', "import { always, ap } from './lib.js';") });
  assert.match(writesResult.p, /^inout:/, writesResult.p);
  // A closure that writes what it captured: its maker writes it when the closure may be called.
  const writes = directions({ ...files, ...task('p: { k: number }', 'ap(later, p)();', "import { later, ap } from './lib.js';") });
  assert.match(writes.p, /^inout:/, writes.p);
  // (Dropped, it never runs: with `f` bound to `later` at this call, call-bound.ts, ap hands the closure back and the
  // caller drops it, as for a direct call of `later(p)`.)
  const dropped = directions({ ...files, ...task('p: { k: number }', 'ap(later, p);', "import { later, ap } from './lib.js';") });
  assert.match(dropped.p, /^in:/, dropped.p);
});

test('a task returning a closure over its parameter still lets it out (no worker can send a function back)', () => {
  const files = { 'lib.js': MAKERS };
  // (Through a callee too: the closure the callee returns holds the argument.)
  for (const body of ['return () => p.k;', 'return always(p);']) {
    const param = taskParam({ ...files, ...task('p: { k: number }', body, "import { always } from './lib.js';") });
    assert.match(param.escapes ?? '', /returned/, `${body}: ${JSON.stringify(param)}`);
    assert.is(param.direction, 'in');
  }
});

/** The one task's first parameter as discovery reports it (direction, and whether it escapes). */
function taskParam(files: Record<string, string>): { direction: string; escapes?: string } {
  const sources = new Map(Object.entries(files).map(([name, text]) => [`/virtual/${name}`, text]));
  const program = createAnalysisProgram(ts, [...sources.keys()], sources);
  const ctx = createContext(ts, program);
  return discoverTasks(ctx, new Summaries(ctx), program.getSourceFile('/virtual/main.ts')!).tasks[0].params[0];
}

// ramda's shape: the currying helper's JSDoc types its result `Function`, so the checker resolves a call through a
// name for a curried function to no signature at all; the name still stands for the closure the helper made.
const RAMDA = `
/** @param {Function} fn @return {Function} */
function curry2(fn) {
  return function f2(a, b) {
    if (arguments.length < 2) return function (_b) { return fn(a, _b); };
    return fn(a, b);
  };
}
var hasPath = curry2(function hasPath(path, obj) { var v = obj; for (var i = 0; i < path.length; i++) v = v == null ? v : v[path[i]]; return v != null; });
export var has = curry2(function has(prop, obj) { return hasPath([prop], obj); });
var setIn = curry2(function setIn(k, obj) { obj[k] = 1; return obj; });
export var mark = curry2(function mark(k, obj) { return setIn(k, obj); });
`;

test('a call through a name the checker types only as Function is judged by the function the name stands for', () => {
  const files = { 'lib.js': RAMDA };
  const reads = directions({ ...files, ...task('p: { k: number }', "return has('k', p);", "import { has } from './lib.js';") });
  assert.match(reads.p, /^in:/, reads.p);
  const writes = directions({ ...files, ...task('p: { k: number }', "mark('k', p);", "import { mark } from './lib.js';") });
  assert.match(writes.p, /^inout:/, writes.p);
});

test('a closure whose body is known hands back only what it returns: a key function over its argument holds nothing captured', () => {
  // Returns fresh values, primitives or its own parameter's parts: writing the result writes none of what it captured.
  for (const body of [
    'const key = (v: { id: { k: number } }) => v.id; const s = { id: { k: 0 } }; const r = key(s); r.k = p.k;',
    'const make = () => ({ k: p.k }); make().k = 1;',
    'function fresh() { return [p.k]; } fresh()[0] = 1;',
    'const pick = (x: { k: number }) => (x.k > 0 ? { k: x.k } : x); const o = pick({ k: p.k }); o.k = 2;',
  ]) {
    const read = directions(task('p: { k: number }', body, ''));
    assert.match(read.p, /^in:/, `${body}: ${read.p}`);
  }
  // The analysed function's own recursive call is judged by its summary, not by what its returns may hold of its
  // parameters (simple-statistics' combinations(x, k) unshifts into the lists its recursive call made).
  const combos = `
export function combos(x: number[][], k: number): number[][][] {
  const list: number[][][] = [];
  for (let i = 0; i < x.length; i++) {
    if (k === 1) list.push([x[i]]);
    else for (const next of combos(x.slice(i + 1), k - 1)) { next.unshift(x[i]); list.push(next); }
  }
  return list;
}`;
  const recursive = directions(task('p: number[][]', 'return combos(p, 2);', combos));
  assert.match(recursive.p, /^in:/, recursive.p);
});

test('a closure that returns captured state is still followed, through a const, a choice of closures and a generator', () => {
  for (const body of [
    'const g = () => { const o = p; return o; }; g().k = 1;',
    'const a = () => ({ k: 0 }); const b = () => p; (p.k > 0 ? a : b)().k = 1;',
    'function* each() { yield p; } for (const o of each()) o.k = 1;',
    'const g = function () { return p.k > 0 ? p : g(); }; g().k = 1;',
    'function get(): { k: number } { return p; } let h = get; h().k = 1;',
  ]) {
    const written = directions(task('p: { k: number }', body, ''));
    assert.match(written.p, /^inout:/, `${body}: ${written.p}`);
  }
});

// Closures a function only hands back (analysis/returned-closures.ts): what they write happens where they are called.
const LATER = `
export function mk(a) { return function () { a.k = 1; }; }
export function wrap(a) { return mk(a); }
export function hold1(fn) { return function h() { return fn.apply(this, arguments); }; }
export function part(a) { return hold1(function (b) { a.k = b; }); }
export function runs(a) { const g = mk(a); g(); }
export function arr(a) { return [mk(a)]; }
export function callsFirst(fn) { arguments[0](); return function () { fn(); }; }
export function early(a) { return callsFirst(function () { a.k = 1; }); }
export function curry2(fn) {
  return function f2(a, b) { return arguments.length < 2 ? hold1(function (_b) { return fn(a, _b); }) : fn(a, b); };
}
export var concat = curry2(function concat(a, b) { return typeof a.concat === 'function' ? a.concat(b) : [a, b]; });
export var applyTo = curry2(function applyTo(x, f) { return f(x); });
`;
const IMPORT_LATER = "import { mk, wrap, part, runs, arr, concat, applyTo, early } from './later.js';";

test('a closure handed back writes nothing at the call that makes it: a dropped result, a curried function given all it takes', () => {
  for (const body of ['mk(p);', 'wrap(p);', 'part(p);', 'concat(p, [1]);', 'applyTo(p, (o: { k: number }) => o.k);']) {
    const found = directions({ 'later.js': LATER, ...task('p: { k: number } & number[]', body, IMPORT_LATER) });
    assert.match(found.p, /^in:/, `${body}: ${found.p}`);
  }
});

test('really written stays inout: the closure handed back called, kept, run by the maker (also through `arguments`), returned by a task, a writer given later', () => {
  for (const body of [
    'mk(p)();', 'const g = mk(p); g();', 'wrap(p)();', 'part(p)(2);', 'runs(p);', 'arr(p)[0]();', '[1].forEach(() => part(p)(1));',
    'return () => { p.k = 1; };', 'early(p);',
    // The curried function given one argument hands it to whatever a later call passes.
    'applyTo(p)((o: { k: number }) => { o.k = 1; });', 'const f = applyTo(p); f((o: { k: number }) => { o.k = 1; });',
  ]) {
    const found = directions({ 'later.js': LATER, ...task('p: { k: number } & number[]', body, IMPORT_LATER) });
    assert.match(found.p, /^inout:/, `${body}: ${found.p}`);
  }
});

// remeda's data-last functions: a closure handed back hands its argument to a callback; the maker's result is that
// closure (a property set on it writes nothing given), while what calling it returns may be the argument.
const DATA_LAST = `const dataLast = (dataFirst, argument) => (data) => dataFirst(data, argument);
const second = (d, a) => a;
export function lazy(a) { const f = dataLast(second, a); f.lazy = true; return f; }
export function called(a) { const f = dataLast(second, a); f(1).k = 1; }
`;

test('a callback run in a closure handed back: a property set on the closure is not the argument, what calling it returns is', () => {
  const found = directions({ 'last.js': DATA_LAST, ...task('p: { k: number }, q: { k: number }', 'L.lazy(p); L.called(q);', "import * as L from './last.js';") });
  assert.match(found.p, /^in:/, found.p);
  assert.match(found.q, /^inout:.*f\(1\)\.k = 1/, found.q);
});

test('a local helper\'s parameter each call gives a function runs one of them (np22 r56), and is unknown otherwise', () => {
  const sig = 'bank: { c: number }[], book: { c: number }[]';
  const d = (body: string, prelude = '') => directions(task(sig, body, prelude));
  const pass = 'let n = 0; const pass = (ok: (a: { c: number }, b: { c: number }) => boolean) => { for (const a of bank) if (book.some((b) => ok(a, b))) n++; };';
  assert.match(d(`${pass} pass((a, b) => a.c === b.c); pass((a, b) => a.c > b.c); return n;`).bank, /^in:/);
  assert.match(d(`${pass} pass((a, b) => a.c === b.c); return n;`).book, /^in:/);
  assert.match(d(`${pass} function same(a: { c: number }, b: { c: number }) { return a.c === b.c; } pass(same); return n;`).bank, /^in:/, 'a declared function');
  // Any of the functions given writes: the parameter is written.
  assert.match(d(`${pass} pass((a, b) => a.c === b.c); pass((a, b) => { a.c = 0; return b.c > 0; }); return n;`).bank, /^inout:/);
  // A function the analysis cannot name, the helper handed on as a value, or the parameter reassigned: unknown code.
  assert.match(d(`${pass} pass(CMP); return n;`, 'declare const CMP: (a: { c: number }, b: { c: number }) => boolean;').bank, /^inout:/);
  assert.match(d(`${pass} pass((a, b) => a.c === b.c); [1].forEach(() => pass((a, b) => a.c === b.c)); const f = pass; f(WRITE); return n;`,
    'declare const WRITE: (a: { c: number }, b: { c: number }) => boolean;').bank, /^inout:/);
  assert.match(d('let n = 0; const pass = (ok: (a: { c: number }) => boolean) => { ok = WRITE; for (const a of bank) if (ok(a)) n++; }; pass((a) => a.c > 0); return n;',
    'declare const WRITE: (a: { c: number }) => boolean;').bank, /^inout:/);
});

test.run();
