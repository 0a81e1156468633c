/**
 * Code behind declarations (issue 16 item 3): a task calling a package function through its .d.ts gets the
 * effects of the JavaScript shipped beside it, or at the package's entry; a package with no declarations is read
 * through its JavaScript. Real files on disk, since packages are resolved as the compiler does.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ts from 'typescript';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createAnalysisProgram } from '../transformer/analysis/program';
import { createContext } from '../transformer/analysis/context';
import { Summaries } from '../transformer/analysis/summaries';
import { discoverTasks, type TaskInfo } from '../transformer/analysis/discover';

const root = mkdtempSync(join(tmpdir(), 'taskify-code-behind-'));

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
}

write({
  // A package of compiled TypeScript: a .d.ts beside each .js, the index re-exporting them (as simple-statistics and
  // vega-util ship).
  'node_modules/arrays/package.json': JSON.stringify({ name: 'arrays', version: '1.0.0', type: 'module', types: 'index.d.ts', exports: { types: './index.d.ts', default: './index.js' } }),
  'node_modules/arrays/index.d.ts': "export { default as mean } from './src/mean.js';\nexport { sum, fillWith, remember, scale, identity } from './src/ops.js';\n",
  'node_modules/arrays/index.js': "export { default as mean } from './src/mean.js';\nexport { sum, fillWith, remember, scale, identity } from './src/ops.js';\n",
  'node_modules/arrays/src/mean.d.ts': 'declare function mean(x: readonly number[]): number;\nexport default mean;\n',
  'node_modules/arrays/src/mean.js': "import { sum } from './ops.js';\nexport default function mean(x) { return sum(x) / x.length; }\n",
  'node_modules/arrays/src/ops.d.ts': [
    'export declare function sum(x: readonly number[]): number;',
    'export declare function fillWith(x: number[], v: number): number[];',
    'export declare function remember(x: number[]): void;',
    'export declare function scale(x: number[], k: number): void;',
    'export declare const identity: <T>(x: T) => T;',
  ].join('\n'),
  'node_modules/arrays/src/ops.js': [
    'const seen = [];',
    'export function sum(x) { let s = 0; for (let i = 0; i < x.length; i++) s += x[i]; return s; }',
    'export function fillWith(x, v) { return x.fill(v); }',
    'export function remember(x) { seen.push(x); }',
    // A factory-made function (issue 16 item 7).
    'function makeScale() { return function (x, k) { for (let i = 0; i < x.length; i++) x[i] *= k; }; }',
    'export var scale = makeScale();',
    'export const identity = (x) => x;',
  ].join('\n'),
  // A package with no declarations at all: its JavaScript is all there is.
  'node_modules/plain/package.json': JSON.stringify({ name: 'plain', version: '2.0.0', main: 'lib/main.js' }),
  // Callbacks handed on untyped: relay passes f to apply without calling it.
  'node_modules/relay/package.json': JSON.stringify({ name: 'relay', version: '1.0.0', type: 'module', main: 'index.js' }),
  'node_modules/relay/index.js': 'function apply(xs, f) { f(xs); }\nexport function relay(xs, f) { apply(xs, f); }\n',
  // A package whose function prints through another of its files (a deprecation warning).
  'node_modules/noisy/package.json': JSON.stringify({ name: 'noisy', version: '1.0.0', type: 'module', types: 'index.d.ts', main: 'index.js' }),
  'node_modules/noisy/index.d.ts': ['avg', 'quietAvg', 'direct', 'viaLocal', 'viaImport'].map((f) => `export declare function ${f}(x: readonly number[]): number;`).join('\n'),
  'node_modules/noisy/index.js': [
    "import { warn } from './log.js';",
    "import * as fs from 'fs';",
    "export function avg(x) { warn('avg is deprecated'); return quietAvg(x); }",
    // Untyped: x.reduce is the language's, or a class member named reduce (followed).
    'export function quietAvg(x) { return x.reduce((a, b) => a + b, 0) / x.length; }',
    "export function direct(x) { process.stdout.write('x'); return 0; }",
    "export function viaLocal(x) { const out = process.stdout; out.write('y'); return 0; }",
    "export function viaImport(x) { fs.writeSync(1, 'z'); return 0; }",
  ].join('\n'),
  'node_modules/noisy/log.js': 'export function warn(m) { console.warn(m); }\n',
  // A package typed by DefinitelyTyped: its declarations in @types/stats-typed, its JavaScript in stats-typed.
  'node_modules/@types/stats-typed/package.json': JSON.stringify({ name: '@types/stats-typed', version: '1.0.0', types: 'index.d.ts' }),
  'node_modules/@types/stats-typed/index.d.ts': 'export function spread(x: number[]): number;\nexport function clearAll(x: number[]): void;\n',
  'node_modules/stats-typed/package.json': JSON.stringify({ name: 'stats-typed', version: '1.0.0', type: 'module', main: 'dist/stats.js' }),
  'node_modules/stats-typed/dist/stats.js': 'export function spread(x) { return Math.max(...x) - Math.min(...x); }\nexport function clearAll(x) { x.fill(0); }\n',
  // ES5 CommonJS: its exports one object literal of `name: name` members, typed by a .d.ts beside it.
  'node_modules/es5lib/package.json': JSON.stringify({ name: 'es5lib', version: '1.0.0', main: 'index.js', types: 'index.d.ts' }),
  'node_modules/es5lib/index.d.ts': 'export declare function sumAll(x: number[]): number;\nexport declare function wipe(x: number[]): void;\n',
  'node_modules/es5lib/index.js': "'use strict';\nfunction sumAll(x) { return x.reduce(function (a, b) { return a + b; }, 0); }\nfunction wipe(x) { x.length = 0; }\nmodule.exports = { sumAll: sumAll, wipe: wipe };\n",
  // `export =` of a function, in the file's own declarations and in an ambient module (json-stable-stringify,
  // binary-search); a subpath's ambient module (transformation-matrix); one bundle under a .d.ts per function
  // (geometric): np45's F6.
  'node_modules/assigned/package.json': JSON.stringify({ name: 'assigned', version: '1.0.0', main: 'index.js' }),
  'node_modules/assigned/index.d.ts': 'declare function total(x: number[]): number;\nexport = total;\n',
  'node_modules/assigned/index.js': 'module.exports = function total(x) { return x.reduce((a, b) => a + b, 0); };\n',
  'node_modules/ambient-assigned/package.json': JSON.stringify({ name: 'ambient-assigned', version: '1.0.0', types: 'types.d.ts', main: 'index.js' }),
  'node_modules/ambient-assigned/types.d.ts': "declare module 'ambient-assigned' {\nfunction clearOut(x: number[]): void;\nexport = clearOut;\n}\n",
  'node_modules/ambient-assigned/index.js': 'module.exports = function clearOut(x) { x.length = 0; };\n',
  'node_modules/subpaths/package.json': JSON.stringify({ name: 'subpaths', version: '1.0.0', type: 'module', types: 'src/all.d.ts', module: 'src/index.js' }),
  'node_modules/subpaths/src/all.d.ts': "declare module 'subpaths' {\nexport * from 'subpaths/peek';\n}\ndeclare module 'subpaths/peek' {\nexport function peek(x: number[]): number;\n}\n",
  'node_modules/subpaths/src/index.js': "export * from './peek.js';\n",
  'node_modules/subpaths/src/peek.js': 'export function peek(x) { return x[0]; }\n',
  'node_modules/bundled/package.json': JSON.stringify({ name: 'bundled', version: '1.0.0', type: 'module', types: 'build/index.d.ts', module: 'build/all.js' }),
  'node_modules/bundled/build/index.d.ts': "export { area } from './shapes/area.js';\nexport { shrink } from './shapes/shrink.js';\n",
  'node_modules/bundled/build/shapes/area.d.ts': 'export declare function area(p: number[][]): number;\n',
  'node_modules/bundled/build/shapes/shrink.d.ts': 'export declare function shrink(p: number[][]): void;\n',
  'node_modules/bundled/build/all.js': 'function area(p) { let s = 0; for (const q of p) s += q[0] * q[1]; return s; }\nfunction shrink(p) { p.pop(); }\nexport { area, shrink };\n',
  // A class behind its declarations (ml-matrix's shape: np47's p03): static methods, one inherited in the JavaScript only,
  // and the constructor are judged by their JavaScript.
  'node_modules/grid/package.json': JSON.stringify({ name: 'grid', version: '1.0.0', main: 'index.js', types: 'index.d.ts' }),
  'node_modules/grid/index.d.ts': 'export declare class Grid {\n  constructor(rows: number[][]);\n  static fromFlat(n: number, xs: number[]): Grid;\n' +
    '  static fill(xs: number[], v: number): void;\n  static remember(xs: number[]): void;\n  static pack(xs: unknown[]): void;\n  total(): number;\n}\n',
  'node_modules/grid/index.js': 'class Base { static fill(xs, v) { for (let i = 0; i < xs.length; i++) xs[i] = v; } }\n' +
    'class Grid extends Base {\n  /** @param {number[][]} rows */\n  constructor(rows) { super(); this.rows = rows.map((r) => r.slice()); }\n' +
    '  /** @param {number} n @param {number[]} xs */\n  static fromFlat(n, xs) { const rows = []; for (let i = 0; i < xs.length; i += n) rows.push(xs.slice(i, i + n)); return new Grid(rows); }\n' +
    '  static remember(xs) { Grid.last = xs; }\n  static pack(xs) { for (let i = 0; i < xs.length; i++) Grid.cells[i] = xs[i]; }\n  total() { let s = 0; for (const r of this.rows) for (const v of r) s += v; return s; }\n}\nexports.Grid = Grid;\n',
  // The class a call names may override in its JavaScript what its declarations inherit (rev61's F1).
  'node_modules/overrides/package.json': JSON.stringify({ name: 'overrides', version: '1.0.0', main: 'index.js', types: 'index.d.ts' }),
  'node_modules/overrides/index.d.ts': 'export declare class Base {\n  constructor(rows: number[][]);\n  static total(rows: number[][]): number;\n' +
    '  static make(rows: number[][]): Base;\n}\nexport declare class Pkg extends Base {}\n',
  'node_modules/overrides/index.js': 'class Base {\n  constructor(rows) { this.n = rows.length; }\n  static total(rows) { let s = 0; for (const r of rows) s += r.length; return s; }\n' +
    '  static make(rows) { return new this(rows); }\n}\nclass Pkg extends Base {\n  constructor(rows) { super(rows); rows.reverse(); }\n' +
    '  static total(rows) { for (const r of rows) r.fill(0); return 0; }\n}\nexports.Base = Base;\nexports.Pkg = Pkg;\n',
  'node_modules/plain/lib/main.js': 'exports.total = function (x) { return x.reduce((a, b) => a + b, 0); };\nexports.clear = function (x) { x.length = 0; };\n',
});
// A real package whose declarations are one ambient `declare module "gl-matrix" { namespace vec3 … }`.
symlinkSync(join(__dirname, '..', '..', 'node_modules', 'gl-matrix'), join(root, 'node_modules', 'gl-matrix'), 'dir');

/** The tasks of `code`, written as a main file of the project. */
function tasksOf(code: string): TaskInfo[] {
  const main = join(root, `main${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(main, code);
  const program = createAnalysisProgram(ts, [main]);
  const ctx = createContext(ts, program);
  return [...discoverTasks(ctx, new Summaries(ctx), program.getSourceFile(main)!).tasks];
}

/** Directions of every task in `code`, by "task.param". */
function directions(code: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tasksOf(code)) for (const p of t.params) out[`${t.name}.${p.name}`] = `${p.direction}: ${p.reason}`;
  return out;
}

/** Which tasks of `code` are proved never to print (prints.ts), by name. */
function quietTasks(code: string): Record<string, boolean> {
  return Object.fromEntries(tasksOf(code).map((t) => [t.name, t.quiet === true]));
}

test('a package function behind a .d.ts prints if its JavaScript may, through its own files; otherwise it is quiet', () => {
  const quiet = quietTasks(`
import { mean, sum } from 'arrays';
import { avg, quietAvg } from 'noisy';
/** @task */ export function reads(x: number[]) { return mean(x) + sum(x); }
/** @task */ export function asValue(xs: number[][]) { return xs.map(mean); }
/** @task */ export function warns(x: number[]) { return avg(x); }
/** @task */ export function calm(x: number[]) { return quietAvg(x); }
`);
  assert.equal(quiet, { reads: true, asValue: true, warns: false, calm: true });
  const host = quietTasks(`
import { direct, viaLocal, viaImport } from 'noisy';
/** @task */ export function a(x: number[]) { return direct(x); }
/** @task */ export function b(x: number[]) { return viaLocal(x); }
/** @task */ export function c(x: number[]) { return viaImport(x); }
`);
  assert.equal(host, { a: false, b: false, c: false }, 'the host\'s globals and modules, untyped, may print');
  // A class of the program with a method of that name: the untyped call may reach it.
  const overridden = quietTasks(`
import { quietAvg } from 'noisy';
export class Loud { reduce(): number { console.log('reduce'); return 0; } }
/** @task */ export function d(x: number[]) { return quietAvg(x); }
`);
  assert.equal(overridden, { d: false });
});

test('a function a package assigns to `export =` (also inside `declare module`), one of a subpath\'s ambient module, and one of a bundle typed file by file are judged by their JavaScript (np45\'s F6: each was of unknown effect)', () => {
  const d = directions(`
import total = require('assigned');
import clearOut = require('ambient-assigned');
import { peek } from 'subpaths';
import { area, shrink } from 'bundled';
/** @task */ export function sums(x: number[]) { return total(x); }
/** @task */ export function empties(x: number[]) { clearOut(x); }
/** @task */ export function first(x: number[]) { return peek(x); }
/** @task */ export function measure(p: number[][]) { return area(p); }
/** @task */ export function cut(p: number[][]) { shrink(p); }
`);
  assert.match(d['sums.x'], /^in: read, never written/);
  assert.match(d['empties.x'], /^inout:.*clearOut/);
  assert.match(d['first.x'], /^in: read, never written/);
  assert.match(d['measure.p'], /^in: read, never written/);
  assert.match(d['cut.p'], /^inout:.*shrink/);
});

test('a function behind a .d.ts is judged by its JavaScript: readers read, writers write, keepers keep', () => {
  const d = directions(`
import { mean, sum, fillWith, remember, scale, identity } from 'arrays';
/** @task */ export function avg(x: number[]) { return mean(x) + sum(x); }
/** @task */ export function fill(x: number[]) { fillWith(x, 0); }
/** @task */ export function keep(x: number[]) { remember(x); }
/** @task */ export function grow(x: number[]) { scale(x, 2); }
/** @task */ export function same(x: number[]) { identity(x)[0] = 1; }
`);
  assert.match(d['avg.x'], /^in: read, never written/);
  assert.match(d['fill.x'], /^inout: written: passed to `fillWith`, which writes it: calls `fill`/);
  // remember stores x in module state: it escapes (the task may not run as one), never silently `in` of nothing.
  assert.not.match(d['keep.x'] ?? '', /contents never read or written/);
  assert.match(d['grow.x'], /^inout: written: passed to `a function`|^inout: written: passed to `scale`/);
  assert.match(d['same.x'], /^inout/);
});

test('a package class behind its .d.ts: its constructor and static methods (also one its JavaScript inherits) are judged by their JavaScript (np47\'s p03: ml-matrix\'s readers were of unknown effect)', () => {
  const d = directions(`
import { Grid } from 'grid';
/** @task */ export function build(rows: number[][]) { return new Grid(rows).total(); }
/** @task */ export function flat(xs: number[]) { return Grid.fromFlat(2, xs).total(); }
/** @task */ export function reset(xs: number[]) { Grid.fill(xs, 0); }
/** @task */ export function keep(xs: number[]) { Grid.remember(xs); }
`);
  assert.match(d['build.rows'], /^in: read, never written/);
  assert.match(d['flat.xs'], /^in: read, never written/);
  assert.match(d['reset.xs'], /^inout: written: passed to `fill`, which writes it/);
  const keep = tasksOf(`import { Grid } from 'grid';\n/** @task */ export function keep(xs: number[]) { Grid.remember(xs); }\n`)[0];
  assert.match(keep.params[0].escapes ?? '', /stored outside the function: `Grid.last = xs`/, 'what a static method keeps in its class escapes');
  // Only elements kept: of an array of numbers nothing is let out; of an array of arrays, its rows are.
  const [numbers, nested] = tasksOf(`import { Grid } from 'grid';\n/** @task */ export function packs(xs: number[]) { Grid.pack(xs); }\n` +
    `/** @task */ export function packsRows(rows: number[][]) { Grid.pack(rows); }\n`);
  assert.is(numbers.params[0].escapes, undefined, 'numbers kept in the class let nothing of the array out');
  assert.match(nested.params[0].escapes ?? '', /Grid.cells\[i\] = xs\[i\]/, 'rows kept in the class let the caller\'s rows out');
});

test('a package class is looked up from the class the code names: its JavaScript override of an inherited static or constructor is what runs, and a static using `this` stays unknown (rev61\'s F1)', () => {
  const d = directions(`
import { Base, Pkg } from 'overrides';
/** @task */ export function baseTotal(rows: number[][]) { return Base.total(rows); }
/** @task */ export function pkgTotal(rows: number[][]) { return Pkg.total(rows); }
/** @task */ export function pkgNew(rows: number[][]) { return new Pkg(rows); }
/** @task */ export function made(rows: number[][]) { return Pkg.make(rows); }
`);
  assert.match(d['baseTotal.rows'], /^in: read, never written/);
  assert.match(d['pkgTotal.rows'], /^inout:.*`total`/);
  assert.match(d['pkgNew.rows'], /^inout:.*reverse/);
  assert.match(d['made.rows'], /^inout:.*unknown/);
});

test('a package typed by @types: the JavaScript of the package it types', () => {
  const d = directions(`
import { spread, clearAll } from 'stats-typed';
/** @task */ export function a(x: number[]) { return spread(x); }
/** @task */ export function b(x: number[]) { clearAll(x); }
`);
  assert.match(d['a.x'], /^in:/);
  assert.match(d['b.x'], /^inout: written: passed to `clearAll`, which writes it/);
});

test('an ES5 CommonJS module exporting one literal of name: name members', () => {
  const d = directions(`
import { sumAll, wipe } from 'es5lib';
/** @task */ export function a(x: number[]) { return sumAll(x); }
/** @task */ export function b(x: number[]) { wipe(x); }
`);
  assert.match(d['a.x'], /^in:/);
  assert.match(d['b.x'], /^inout: written: passed to `wipe`, which writes it/);
});

test('through a namespace import, and a package with no declarations', () => {
  const d = directions(`
import * as arrays from 'arrays';
// @ts-ignore: no declarations
import { total, clear } from 'plain';
/** @task */ export function a(x: number[]) { return arrays.mean(x); }
/** @task */ export function b(x: number[]) { arrays.fillWith(x, 1); }
/** @task */ export function c(x: number[]) { return total(x); }
/** @task */ export function d(x: number[]) { clear(x); }
`);
  assert.match(d['a.x'], /^in:/);
  assert.match(d['b.x'], /^inout/);
  assert.match(d['c.x'], /^in:/);
  assert.match(d['d.x'], /^inout: written: passed to `[^`]*`, which writes it: writes a property/);
});

test('an untyped parameter a callee only passes on is a callback: what the call gives it decides (issue 16 item 6)', () => {
  const d = directions(`
// @ts-ignore: no declarations
import { relay } from 'relay';
function writer(a: number[]) { a[0] = 1; }
/** @task */ export function reads(x: number[]) { relay(x, (a: number[]) => a[0]); }
/** @task */ export function writesInline(x: number[]) { relay(x, (a: number[]) => { a[0] = 1; }); }
/** @task */ export function writesNamed(x: number[]) { relay(x, writer); }
/** @task */ export function unknown(x: number[], f: any) { relay(x, f); }
`);
  assert.match(d['reads.x'], /^in:/);
  assert.match(d['writesInline.x'], /^inout/);
  assert.match(d['writesNamed.x'], /^inout/);
  assert.match(d['unknown.x'], /^inout/);
});

test('a namespace inside an ambient module (gl-matrix): vec3.add writes out only', () => {
  const d = directions(`
import { vec3 } from 'gl-matrix';
/** @task */ export function add(out: Float32Array, a: Float32Array, b: Float32Array) { vec3.add(out, a, b); }
`);
  assert.match(d['add.out'], /^(out|inout): written/);
  assert.match(d['add.a'], /^in:/);
  assert.match(d['add.b'], /^in:/);
});

test('CommonJS `var f = require(\'pkg\')` of a package with no declarations is the function its module.exports holds', () => {
  write({
    'node_modules/isnum/package.json': JSON.stringify({ name: 'isnum', version: '1.0.0', main: 'index.js' }),
    'node_modules/isnum/index.js': 'module.exports = isNum;\nfunction isNum(n) { return !isNaN(parseFloat(n)) && isFinite(n); }\n',
    'node_modules/scrub/package.json': JSON.stringify({ name: 'scrub', version: '1.0.0', main: 'index.js' }),
    'node_modules/scrub/index.js': 'module.exports = function scrub(x) { x.length = 0; };\nmodule.exports.first = function (x) { return x[0]; };\n',
    'counts.js': [
      "var isNum = require('isnum');",
      "var scrub = require('scrub');",
      "var later = require('isnum');",
      'later = function (x) { x.pop(); };',
      'exports.count = function count(xs) { var n = 0; for (var i = 0; i < xs.length; i++) if (isNum(xs[i])) n++; return n; };',
      'exports.wipe = function wipe(xs) { scrub(xs); };',
      'exports.head = function head(xs) { return scrub.first(xs); };',
      'exports.reassigned = function reassigned(xs) { return later(xs); };',
    ].join('\n'),
  });
  const d = directions(`
// @ts-ignore: no declarations
import { count, wipe, head, reassigned } from './counts.js';
/** @task */ export function a(x: number[]) { return count(x); }
/** @task */ export function b(x: number[]) { wipe(x); }
/** @task */ export function c(x: number[]) { return head(x); }
/** @task */ export function d(x: number[]) { return reassigned(x); }
`);
  assert.match(d['a.x'], /^in:/, d['a.x']);
  assert.match(d['b.x'], /^inout: written: passed to `wipe`, which writes it: passed to `scrub`, which writes it: writes a property/, d['b.x']);
  assert.match(d['c.x'], /^in:/, d['c.x']);
  assert.match(d['d.x'], /^inout/, d['d.x']);
});

test.after(() => rmSync(root, { recursive: true, force: true }));
test.run();
