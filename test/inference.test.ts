/** Direction inference, one construct at a time: each case asserts the direction and the reason. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ts from 'typescript';
import { createAnalysisProgram } from '../transformer/analysis/program';
import { createContext } from '../transformer/analysis/context';
import { Summaries } from '../transformer/analysis/summaries';
import { discoverTasks } from '../transformer/analysis/discover';
import { formatDiagnostic } from '../transformer/analysis/diagnostics';

/** Analyse in-memory files; the first is the one whose tasks are returned. */
function analyze(files: Record<string, string>) {
  const sources = new Map(Object.entries(files).map(([name, text]) => [`/virtual/${name}`, text]));
  const names = [...sources.keys()];
  const program = createAnalysisProgram(ts, names, sources);
  const ctx = createContext(ts, program);
  const result = discoverTasks(ctx, new Summaries(ctx), program.getSourceFile(names[0])!);
  return { ...result, errors: result.diagnostics.map((d) => formatDiagnostic(ctx, d)) };
}

/** Directions of the single task in `code`, as "name:direction" strings, plus the reasons by name. */
function directions(code: string, extra: Record<string, string> = {}) {
  const { tasks, errors } = analyze({ 'main.ts': code, ...extra });
  assert.equal(errors, [], 'no compile errors');
  assert.is(tasks.length, 1, 'one task');
  const reasons = Object.fromEntries(tasks[0].params.map((p) => [p.name, p.reason]));
  return { dirs: tasks[0].params.map((p) => `${p.name}:${p.direction}`), reasons };
}

const task = (signature: string, body: string, prelude = '') => `${prelude}\n/** @task */\nexport function t(${signature}) {\n${body}\n}\n`;

/** Each case: a task's signature and body (after `prelude`), and the directions expected of its parameters. */
function expectDirections(cases: readonly (readonly [string, string, string[]])[], prelude = ''): void {
  for (const [sig, body, expected] of cases) assert.equal(directions(task(sig, body, prelude)).dirs, expected, body);
}

test('primitives are always in, passed by value', () => {
  const { dirs, reasons } = directions(task('n: number, s: string, b: boolean, big: bigint', 'n = n + 1; return s + b + big;'));
  assert.equal(dirs, ['n:in', 's:in', 'b:in', 'big:in']);
  assert.match(reasons.n, /primitive \(number\): passed by value/);
});

test('element and property writes, compound assignments, ++/--, delete', () => {
  assert.equal(directions(task('a: Float64Array', 'a[0] = 1; return a[1];')).dirs, ['a:inout']);
  const { dirs, reasons } = directions(task('a: Float64Array, o: { x: number }, c: number[], d: { k?: number }',
    'a[1] *= 2; o.x++; --c[0]; delete d.k;'));
  assert.equal(dirs, ['a:inout', 'o:inout', 'c:inout', 'd:inout']);
  assert.match(reasons.a, /updates an element: `a\[1\] \*= 2` \(.*main\.ts:4\)/);
  assert.match(reasons.d, /deletes a property/);
});

test('a for…of or for…in loop assigning a property or element each step writes its object (tester #29\'s writeways)', () => {
  expectDirections([
    ['o: { i: number }', 'for (o.i of [1, 2, 5]);', ['o:inout']],
    ['a: number[]', 'for (a[0] of [1, 2]);', ['a:inout']],
    ['o: { k: string }, src: object', 'for (o.k in src);', ['o:inout', 'src:in']],
    ['o: { i: number }', 'let i = 0; for (i of [o.i]);', ['o:in']],
  ]);
});

test('a parameter whose class has a toString or iterator that changes its object may be written unseen (tester #29\'s F4)', () => {
  const prelude = 'export class Shown { n = 0; toString() { this.n++; return "x"; } }\nexport class Quiet { n = 0; toString() { return "q" + this.n; } }';
  expectDirections([
    ['xs: Shown[]', 'return xs.join(",");', ['xs:inout']],
    ['xs: Quiet[]', 'return xs.join(",");', ['xs:in']],
  ], prelude);
});

test('writes into nested objects write the parameter', () => {
  const { dirs, reasons } = directions(task('p: { data: number[] }', 'p.data[3] = 1;'));
  assert.equal(dirs, ['p:inout']);
  assert.match(reasons.p, /writes an element: `p\.data\[3\] = 1`/);
});

test('read-only use stays in', () => {
  const { dirs, reasons } = directions(task('a: Float64Array, m: Map<string, number>',
    'let s = 0; for (const x of a) s += x; return s + a.reduce((p, q) => p + q, 0) + (m.get("k") ?? 0) + a.length;'));
  assert.equal(dirs, ['a:in', 'm:in']);
  assert.is(reasons.a, 'read, never written');
});

test('mutating methods of typed arrays, arrays, Maps and Sets', () => {
  const cases: [string, string][] = [
    ['a: Float64Array', 'a.set([1], 0);'], ['a: Float64Array', 'a.sort();'], ['a: Int32Array', 'a.reverse();'],
    ['a: Float64Array', 'a.copyWithin(0, 1);'], ['a: number[]', 'a.push(1);'], ['a: number[]', 'a.pop();'],
    ['a: number[]', 'a.shift();'], ['a: number[]', 'a.unshift(1);'], ['a: number[]', 'a.splice(0, 1);'],
    ['a: number[]', 'a.sort();'], ['a: number[]', 'a.reverse();'], ['a: number[]', 'a.fill(0, 1);'],
    ['a: Map<string, number>', 'a.set("k", 1);'], ['a: Map<string, number>', 'a.delete("k");'], ['a: Map<string, number>', 'a.clear();'],
    ['a: Set<number>', 'a.add(1);'], ['a: Set<number>', 'a.delete(1);'], ['a: Set<number>', 'a.clear();'],
  ];
  for (const [signature, body] of cases) {
    const { dirs, reasons } = directions(task(signature, body));
    assert.equal(dirs, ['a:inout'], body);
    assert.match(reasons.a, /which changes it/, body);
  }
});

test('Object.assign and friends write their first argument only', () => {
  const { dirs, reasons } = directions(task('target: { x?: number }, source: { x: number }', 'Object.assign(target, source);'));
  assert.equal(dirs, ['target:inout', 'source:in']);
  assert.match(reasons.target, /written by `Object\.assign`/);
  assert.equal(directions(task('o: object', 'Object.defineProperty(o, "x", { value: 1 });')).dirs, ['o:inout']);
});

test('aliases: const copy, subarray views, destructuring, iteration variables, conditional aliases', () => {
  const cases: [string, string, string[]][] = [
    ['a: Float64Array', 'const q = a; q[0] = 1;', ['a:inout']],
  ];
  expectDirections(cases);
  assert.equal(directions(task('a: Float64Array', 'const q = a; q[0] = 1;')).dirs, ['a:inout'], 'const q = a; q[0] = 1;');
  assert.match(directions(task('a: Float64Array', 'const v = a.subarray(2); v[0] = 1;')).reasons.a, /writes an element: `v\[0\] = 1`/);
  assert.equal(directions(task('p: { rows: number[][] }', 'const { rows } = p; rows[0][0] = 1;')).dirs, ['p:inout'], 'const { rows } = p; rows[0][0] = 1;');
  assert.equal(directions(task('rows: number[][]', 'for (const row of rows) row[0] = 1;')).dirs, ['rows:inout'], 'for (const row of rows) row[0] = 1;');
  assert.equal(directions(task('a: number[], b: number[], f: boolean', 'const t = f ? a : b; t.push(1);')).dirs, ['a:inout', 'b:inout', 'f:in'], 'const t = f ? a : b; t.push(1);');
  assert.equal(directions(task('a: number[]', 'let t: number[] = []; if (a.length) t = a; t.push(1);')).dirs, ['a:inout'], 'let t: number[] = []; if (a.length) t = a; t.push(1);');
  assert.equal(directions(task('rows: number[][]', 'rows.forEach((row) => { row[0] = 2; });')).dirs, ['rows:inout'], 'rows.forEach((row) => { row[0] = 2; });');
  assert.equal(directions(task('a: number[]', 'const box = { a }; box.a.push(1);')).dirs, ['a:inout'], 'const box = { a }; box.a.push(1);');
  assert.equal(directions(task('a: number[]', 'const box: { v?: number[] } = {}; box.v = a; box.v.push(1);')).dirs, ['a:inout'], 'const box: { v?: number[] } = {}; box.v = a; box.v.push(1);');
});

test('copies are not aliases: writing a slice of numbers leaves the parameter in', () => {
  assert.equal(directions(task('a: Float64Array', 'const c = a.slice(); c[0] = 1; return c;')).dirs, ['a:in']);
  assert.equal(directions(task('a: number[]', 'const c = [...a]; c.push(1); return c;')).dirs, ['a:in']);
  assert.equal(directions(task('a: number[][]', 'const c = a.slice(); c[0][0] = 1;')).dirs, ['a:inout'], 'a shallow copy of rows still shares the rows');
  assert.equal(directions(task('m: Map<string, number>', 'const c = new Map(m); c.set("k", 1); return c;')).dirs, ['m:in']);
  assert.equal(directions(task('s: ReadonlySet<number>', 'const c = new Set(s); c.add(1); return c;')).dirs, ['s:in']);
  assert.equal(directions(task('m: Map<string, number[]>', 'const c = new Map(m); c.get("k")!.push(1);')).dirs, ['m:inout'],
    'a copy of a Map of arrays still shares the arrays');
});

test('calls into other functions of the program, across files, by summaries (recursion included)', () => {
  const helpers = `export function zero(v: Float64Array, i: number) { v[i] = 0; }
export function peek(v: Float64Array) { return v[0]; }
export function down(v: number[], n: number): void { if (n > 0) { up(v, n - 1); } }
export function up(v: number[], n: number): void { if (n === 0) v.push(n); else down(v, n); }`;
  const { dirs, reasons } = directions(task('a: Float64Array, b: Float64Array, c: number[]', 'zero(a, 1); peek(b); down(c, 3);',
    "import { zero, peek, down } from './helpers';"), { 'helpers.ts': helpers });
  assert.equal(dirs, ['a:inout', 'b:in', 'c:inout']);
  assert.match(reasons.a, /passed to `zero`, which writes it: writes an element: `v\[i\] = 0`/);
  assert.match(reasons.c, /passed to `down`, which writes it: passed to `up`, which writes it/);
});

test('unknown code is assumed to write: no body, any, callbacks', () => {
  const decl = 'declare function mystery(x: number[]): void;';
  assert.match(directions(task('a: number[]', 'mystery(a);', decl)).reasons.a, /unknown effect \(assumed to write it\)/);
  assert.equal(directions(task('a: number[], f: any', 'f(a);')).dirs.slice(0, 1), ['a:inout']);
  const { dirs, reasons } = directions(task('a: number[]', 'handlers[0](a);', 'const handlers: ((x: number[]) => void)[] = [];'));
  assert.equal(dirs[0], 'a:inout');
  assert.match(reasons.a, /unknown effect/);
});

test('out: written and provably replaced before any read', () => {
  const fill = directions(task('out: Float64Array, v: number', 'out.fill(v);'));
  assert.equal(fill.dirs, ['out:out', 'v:in']);
  assert.match(fill.reasons.out, /old contents never read: `out\.fill\(v\);` replaces every element/);
  const loop = directions(task('out: Float64Array, src: Float64Array', 'for (let i = 0; i < out.length; i++) out[i] = src[i] * 2;'));
  assert.equal(loop.dirs, ['out:out', 'src:in']);
  assert.equal(directions(task('out: Float64Array', 'out[0] = 1;')).dirs, ['out:inout'], 'a partial write keeps old contents');
  assert.equal(directions(task('out: Float64Array', 'out.fill(0); out[1] += 2;')).dirs, ['out:inout'], 'then reads it');
});

test('views over .buffer, early exits, closures and function variables (cases from review)', () => {
  const view = analyze({ 'main.ts': task('p: Float64Array', 'const v = new Float64Array(p.buffer); v[0] = 99;') }).tasks[0].params[0];
  assert.is(view.direction, 'inout');
  assert.is(view.wholeBuffer, true, 'the worker must give it a buffer of its own');
  assert.equal(directions(task('p: Float64Array, n: number', 'if (n < 0) return; for (let i = 0; i < p.length; i++) p[i] = n;')).dirs,
    ['p:inout', 'n:in'], 'a write after a possible return is not a certain overwrite');
  assert.equal(directions(task('p: Float64Array', 'for (let i = 0; i < p.length; i++) { p[i] = 1; i++; }')).dirs, ['p:inout'],
    'a loop that moves its own index does not write every element');
  assert.equal(directions(task('p: Float64Array, w: boolean', 'let g = (a: Float64Array) => a[0]; if (w) g = (a: Float64Array) => (a[0] = 1); return g(p);')).dirs,
    ['p:inout', 'w:in'], 'a reassignable function variable is unknown code');
  const escapes = analyze({ 'main.ts': task('p: Float64Array', 'return () => p[0];') }).tasks[0].params[0];
  assert.match(escapes.escapes!, /returned/, 'a closure over the parameter lets it out');
  const returned = analyze({ 'main.ts': task('out: Float64Array', 'out[0] = 1; return out;') }).tasks[0].params[0];
  assert.is(returned.escapes, undefined, 'a returned argument is no escape: the caller gets its own object back');
  assert.match(returned.returned!, /^returned: `return out;`/);
});

test('@in / @out / @inout override where they agree with the analysis, and contradictions are errors', () => {
  const code = (tag: string, body: string) => `/**\n * @task\n * ${tag}\n */\nexport function t(a: number[]) { ${body} }\n`;
  assert.equal(analyze({ 'main.ts': code('@inout a', 'return a[0];') }).tasks[0].params[0].direction, 'inout');
  assert.equal(analyze({ 'main.ts': code('@out a', 'a[0] = 1;') }).tasks[0].params[0].direction, 'out');
  const contradiction = analyze({ 'main.ts': code('@in a', 'a.push(1);') });
  assert.is(contradiction.tasks.length, 0);
  assert.match(contradiction.errors[0], /main\.ts:3:4 - error TS99008: taskify: task t: @in a contradicts the analysis: written/);
  assert.match(analyze({ 'main.ts': code('@out a', 'return a[0];') }).errors[0], /@out a, but the task never writes it/);
});

test('misspelled parameter names in tags are errors, with a suggestion', () => {
  const { errors } = analyze({ 'main.ts': '/**\n * @task\n * @rro fragmnet\n */\nexport function t(fragment: Float64Array) { return fragment[0]; }\n' });
  assert.match(errors[0], /main\.ts:3:4 - error TS99007: .*@rro names `fragmnet`, which is not a parameter \(did you mean `fragment`\?\)/);
});

test('"@task" inside a sentence makes no task; a one-line comment may end with it (tester #12\'s m32)', () => {
  const { errors, tasks } = analyze({ 'main.ts': 'let calls = 0;\n/**\n * Adds up values (unlike the kernels, which use @task).\n */\nexport function sum(xs: number[]) { calls++; return xs.length; }\n' +
    '/** One. @task */\nexport function one(x: number) { return x; }\n/**\n * Doubles.\n * @task\n */\nexport function two(x: number) { return 2 * x; }\n' });
  assert.equal(errors, []);
  assert.equal(tasks.map((t) => t.name).sort(), ['one', 'two']);
});

test('writes through another name for a parameter: containers it was put in, defaults, arguments, this, getters, Reflect', () => {
  const cases: [string, string, string[]][] = [
    ['p: number[], l: number[][]', 'l.push(p); l[0][0] = 1;', ['p:inout', 'l:inout']],
    ['p: number[]', 'const l: number[][] = []; l.unshift(p); l[0][0] = 1;', ['p:inout']],
    ['p: number[]', 'const l: number[][] = []; l.splice(0, 0, p); for (const x of l) x[0] = 1;', ['p:inout']],
    ['p: number[]', 'const l = [{ v: p }]; l[0].v[0] = 1;', ['p:inout']],
    ['p: { x: number }[]', 'const l: { x: number }[] = []; for (const o of p) l.push(o); l[0].x = 1;', ['p:inout']],
    ['p: number[]', 'const m = new Map<string, number[]>(); m.set("k", p); m.get("k")![0] = 1;', ['p:inout']],
    ['p: number[]', 'const m = new Map([["k", p]]); for (const v of m.values()) v[0] = 1;', ['p:inout']],
    ['p: { a: number }', 'Reflect.set(p, "a", 3);', ['p:inout']],
    ['p: number[]', '(arguments[0] as number[])[0] = 1;', ['p:inout']],
    ['p: number[], o: { a?: number[] }', 'const { a = p } = o; a[0] = 1;', ['p:inout', 'o:inout']],
    ['p: { k?: number[] }, q: number[]', 'Object.assign(p, { k: q }); p.k![0] = 1;', ['p:inout', 'q:inout']],
    ['p: number[]', 'const o = { get g() { return p; } }; o.g[0] = 1;', ['p:inout']],
    ['p: number[]', 'p.forEach(function (this: number[]) { this[0] = 0; }, p);', ['p:inout']],
    ['p: number[]', '(function (this: number[]) { this[0] = 0; }).call(p);', ['p:inout']],
  ];
  expectDirections(cases);
  assert.equal(directions('/** @task */\nexport function t(p: number[], q: number[] = p) { q[0] = 1; }\n').dirs, ['p:inout', 'q:inout'], 'a default');
  const helper = 'function keep(list: number[][], item: number[]) { list.push(item); }\n';
  assert.equal(directions(`${helper}/** @task */\nexport function t(p: number[]) { const l: number[][] = []; keep(l, p); l[0][0] = 1; }\n`).dirs, ['p:inout'],
    'a helper that keeps its argument in another');
});

test('a fresh container holding a parameter is not the parameter: writing its own slots writes nothing of the caller', () => {
  const cases: [string, string, string[]][] = [
    ['p: number[]', 'const l = [p]; l[0] = [1]; l.length = 0;', ['p:in']],
    ['p: number[][]', 'const copy = p.slice(); copy[0] = [9]; copy.reverse();', ['p:in']],
    ['p: { a: number[] }', 'const o = { ...p }; o.a = [1];', ['p:in']],
    ['p: number[][]', 'const out: number[][] = []; for (const row of p) out.push(row); out.sort();', ['p:in']],
    ['p: number[][]', 'const m = new Map<number, number[]>(); p.forEach((row, i) => m.set(i, row)); m.delete(0);', ['p:in']],
    ['o: Record<string, number>', 'return Object.keys(o).sort();', ['o:in']],
    ['o: { a: number[] }', 'return Array.from(o.a).reverse();', ['o:in']],
    ['x: number[][]', 'return structuredClone(x).sort();', ['x:in']],
    ['m: Map<string, number>', 'return [...m.keys()].sort();', ['m:in']],
    ['rows: { v: number }[]', 'const copy = rows.map((r) => ({ ...r })); copy[0].v = 9;', ['rows:in']],
    ['data: number[]', 'data = data.filter((v) => v > 0); data.sort();', ['data:in']],
    ['data: Float64Array', 'data = data.subarray(1); data[0] = 1;', ['data:inout']],
    ['data: number[], c: boolean', 'if (c) data = data.slice(); data.sort();', ['data:inout', 'c:in']],
    ['data: number[]', 'data.sort(); data = data.slice(); data.reverse();', ['data:inout']],
  ];
  expectDirections(cases);
});

test('built-ins reached through a constant alias or .call are the built-ins themselves', () => {
  const cases: [string, string, string[]][] = [
    ['x: number[]', 'const isArray = Array.isArray; return isArray(x);', ['x:in']],
    // Destructured from the built-in (rambda: `export const { isArray } = Array`, `export const { keys } = Object`).
    ['x: number[], o: object', 'const { isArray } = Array; const { keys: names } = Object; return isArray(x) && names(o).length;', ['x:in', 'o:in']],
    ['o: object, p: object', 'const { assign } = Object; assign(o, p); return p;', ['o:inout', 'p:in']],
    ['o: object', 'let { keys } = Object; keys = ((v: object) => { (v as any).k = 1; return []; }) as any; return keys(o);', ['o:inout']],
    ['o: object', 'return Object.prototype.hasOwnProperty.call(o, "a");', ['o:in']],
    ['o: object', 'return Object.prototype.toString.call(o);', ['o:in']],
    ['o: object', 'const toString = Object.prototype.toString; return toString.call(o);', ['o:in']],
    ['o: object', 'var hasOwn = Object.prototype.hasOwnProperty; return hasOwn.call(o, "a");', ['o:in']],
    ['l: number[]', 'const push = Array.prototype.push; push.call(l, 1);', ['l:inout']],
    // Through an alias of the prototype (lodash: `var objectProto = Object.prototype, hasOwnProperty = objectProto.hasOwnProperty`).
    ['o: object', 'var objectProto = Object.prototype, hasOwn = objectProto.hasOwnProperty; return hasOwn.call(o, "a");', ['o:in']],
    ['o: object', 'const proto = Object.prototype; return proto.hasOwnProperty.call(o, "a");', ['o:in']],
    ['l: number[]', 'var arrayProto = Array.prototype, splice = arrayProto.splice; splice.call(l, 0, 1);', ['l:inout']],
    ['l: number[], p: number[]', 'var proto = Array.prototype; proto = Object.prototype as any; proto.toString.call(p); return l;', ['l:in', 'p:inout']],
    ['l: number[][], p: number[]', 'const push = Array.prototype.push; push.apply(l, [p]); l[0][0] = 1;', ['l:inout', 'p:inout']],
    ['o: object', 'return Object(o) === o;', ['o:in']],
    ['l: number[]', 'Array.prototype.push.call(l, 1);', ['l:inout']],
    ['l: number[][], p: number[]', 'Array.prototype.push.call(l, p); l[0][0] = 1;', ['l:inout', 'p:inout']],
  ];
  expectDirections(cases);
});

test('a var or let nothing assigns after its initializer is a constant: its function is followed, and a task may read it', () => {
  const { tasks, errors } = analyze({ 'main.ts': [
    'function dotImpl(a: number[], b: number[]): number { return a[0] * b[0]; }',
    'export var dot = dotImpl;',
    'let scale = (a: number[]) => { a[0] *= 2; };',
    'let changing = dotImpl;',
    'changing = (a: number[]) => { a[0] = 1; return 0; };',
    '/** @task */ export function useDot(a: number[], b: number[]): number { return dot(a, b); }',
    '/** @task */ export function useScale(a: number[]): void { scale(a); }',
    '/** @task */ export function useChanging(a: number[], b: number[]): number { return changing(a, b); }',
  ].join('\n') });
  assert.equal(tasks.map((t) => `${t.name}(${t.params.map((p) => p.direction).join(',')})`), ['useDot(in,in)', 'useScale(inout)']);
  assert.equal(errors.length, 1);
  assert.match(errors[0], /task useChanging: reads `changing`, a module variable that may change/);
});

test('an options object made at the call discharges a callee\'s callback fields: what each field holds, not unknown code', () => {
  // ml-spectra-processing: `const { similarityFct = … } = options; return f(array1, array2, { recenter, similarityFct })`.
  const prelude = [
    'function each(options: { f?: (x: number[]) => number }, arr: number[]) { const { f = (x: number[]) => x[0] } = options; return f(arr); }',
    'function others(options: { f?: (x: number[]) => number, g?: number }, arr: number[]) { const { f = (x: number[]) => x[0] } = options; return f(arr); }',
    'function writer(x: number[]) { x[0] = 1; return 0; }',
    'function reader(x: number[]) { return x[0]; }',
    'declare const unknownCode: (x: number[]) => number;',
  ].join('\n');
  expectDirections([
    ['a: number[]', 'return each({ f: (x) => x[0] }, a);', ['a:in']],
    ['a: number[]', 'return each({ f: reader }, a);', ['a:in']],
    ['a: number[]', 'return others({ g: 1 }, a);', ['a:in']],
    ['a: number[]', 'return each({ f: unknownCode }, a);', ['a:inout']],
    ['a: number[]', 'return each({ f: (x) => { x[0] = 1; return 0; } }, a);', ['a:inout']],
    ['a: number[]', 'return each({ f: writer }, a);', ['a:inout']],
    ['a: number[]', 'return each({ f(x) { return x.push(1); } }, a);', ['a:inout']],
    ['a: number[]', 'const o = { f: writer }; return each({ ...o }, a);', ['a:inout']],
  ], prelude);
});

test('a variable only ever assigned functions runs one of them: their effects, not unknown code\'s', () => {
  // lodash's `var getTag = baseGetTag; if (old engine) getTag = function (value) { … }`, called from other functions.
  const { tasks } = analyze({ 'main.ts': [
    'function readTag(v: object): string { return Object.prototype.toString.call(v); }',
    'function writeTag(v: number[]): string { v[0] = 1; return ""; }',
    'var getTag: (v: any) => string = readTag;',
    'if (Math.random() > 2) getTag = function (value: object) { return readTag(value) + "!"; };',
    'var setTag: (v: any) => string = readTag;',
    'if (Math.random() > 2) setTag = writeTag;',
    'var counted: any = readTag;',
    'counted += 1;',
    'var swapped: any = readTag;',
    '[swapped] = [writeTag];',
    'function h(a: number[], b: number[], c: number[], d: number[]) { return getTag(a) + setTag(b) + counted(c) + swapped(d); }',
    '/** @task */ export function t(a: number[], b: number[], c: number[], d: number[]) { return h(a, b, c, d); }',
  ].join('\n') });
  const t = tasks.find((task) => task.name === 't')!;
  assert.equal(t.params.map((p) => `${p.name}:${p.direction}`), ['a:in', 'b:inout', 'c:inout', 'd:inout']);
  assert.match(t.params[1].reason, /passed to `setTag`, which may be `writeTag`, which writes it: writes an element: `v\[0\] = 1`/);
  assert.match(t.params[2].reason, /code of unknown effect/);
  assert.match(t.params[3].reason, /code of unknown effect/);
});

test('a callee\'s callback has the effects of what this call passes: a reader, an inline function, none, or unknown code', () => {
  const lib = [
    'function each(arr: number[][], fn: (x: number[]) => void): void { for (const x of arr) fn(x); }',
    'function eachB(arr: number[][], fn: (x: number[]) => void): void { arr.forEach(fn); }',
    'function logIt(x: number[]): void { console.log(x[0]); }',
    'function writeIt(x: number[]): void { x[0] = 1; }',
    'function maybe(arr: number[][], fn?: (x: number[]) => void): number { if (fn) arr.forEach(fn); return arr.length; }',
  ].join('\n');
  const cases: [string, string][] = [
    ['each(p, (x) => console.log(x[0]));', 'in'],
    ['each(p, (x) => { x[0] = 1; });', 'inout'],
    ['each(p, logIt);', 'in'],
    ['each(p, writeIt);', 'inout'],
    ['eachB(p, writeIt);', 'inout'],
    ['eachB(p, logIt);', 'in'],
    ['p.forEach(writeIt);', 'inout'],
    ['p.forEach(logIt);', 'in'],
    ['maybe(p);', 'in'],
  ];
  expectDirections(cases.map(([body, expected]) => ['p: number[][]', body, [`p:${expected}`]]), lib);
});

test('a callee that writes only its parameter\'s own slots writes nothing of what a copy passed to it holds', () => {
  const lib = [
    'function shuffleInPlace(a: unknown[]): void { for (let i = a.length - 1; i > 0; i--) { const j = i >> 1; const t = a[i]; a[i] = a[j]; a[j] = t; } }',
    'function sortRows(a: number[][]): void { a.sort((x, y) => x[0] - y[0]); }',
    'function bumpFirst(a: { v: number }[]): void { a[0].v += 1; }',
    'function viaAlias(a: { v: number }[]): void { const b = a; b.reverse(); }',
  ].join('\n');
  const cases: [string, string, string][] = [
    ['x: number[][]', 'const s = x.slice(); shuffleInPlace(s);', 'in'],
    ['x: number[][]', 'sortRows([...x]);', 'in'],
    ['x: { v: number }[]', 'viaAlias(x.slice());', 'in'],
    ['x: { v: number }[]', 'bumpFirst(x.slice());', 'inout'],
    ['x: number[][]', 'shuffleInPlace(x);', 'inout'],
    ['x: { rows: number[][] }', 'shuffleInPlace(x.rows);', 'inout'],
  ];
  expectDirections(cases.map(([sig, body, expected]) => [sig, body, [`x:${expected}`]]), lib);
});

test('a constructor of the program is analysed like a function: a reader reads, a keeper keeps, a writer writes', () => {
  const classes = [
    'class Reader { total = 0; constructor(values: number[]) { for (const v of values) this.total += v; } }',
    'class Keeper { kept: number[]; constructor(values: number[]) { this.kept = values; } }',
    'class Writer { constructor(values: number[]) { values[0] = 1; } }',
  ].join('\n');
  const dir = (body: string) => directions(task('p: number[]', body, classes)).dirs;
  assert.equal(dir('return new Reader(p).total;'), ['p:in']);
  assert.equal(dir('const o = new Keeper(p); o.kept[0] = 5;'), ['p:inout'], 'written through what the new object kept');
  assert.equal(dir('new Writer(p);'), ['p:inout']);
});

test('a method of the program that only reads its object\'s primitive fields is no write of the receiver', () => {
  const wallet = [
    'export class Wallet { constructor(public coins: number[], public owner: string, public items: { v: number }[] = []) {}',
    '  total(): number { let s = 0; for (let i = 0; i < this.coins.length; i++) s += this.coins[i]; return s; }',
    '  names(): string[] { return this.items.map((x) => String(x.v)); }',
    '  add(c: number): void { this.coins.push(c); }',
    '  bump(): void { this.items[0].v++; }',
    '  firstItems(): { v: number }[] { return this.items; } }',
  ].join('\n');
  const dir = (body: string) => directions(task('w: Wallet', body, wallet)).dirs;
  assert.equal(dir('return w.total();'), ['w:in']);
  assert.equal(dir('return w.names().length;'), ['w:in']);
  assert.equal(dir('w.add(5);'), ['w:inout']);
  assert.equal(dir('w.bump();'), ['w:inout']);
  assert.equal(dir('w.firstItems()[0].v = 1;'), ['w:inout']);
});

test('@timeout and @onFailure are read into the task\'s options; malformed ones are errors at the tag', () => {
  const tagged = (tags: string) => analyze({ 'main.ts': `/**\n * @task\n${tags.split('\n').map((t) => ` * ${t}\n`).join('')} */\nexport function t(a: number) { return a; }\n` });
  assert.equal(tagged('@timeout 2.5\n@onFailure retry 3').tasks[0].options, { timeout: 2.5, onFailure: 'retry', retries: 3 });
  assert.equal(tagged('@onFailure ignore').tasks[0].options, { onFailure: 'ignore' });
  assert.equal(tagged('').tasks[0].options, {});
  assert.match(tagged('@timeout soon').errors[0], /main\.ts:3:4 - error TS99011: .*@timeout takes a positive number of seconds, got "soon"/);
  assert.match(tagged('@onFailure retry-later').errors[0], /@onFailure takes one of retry, fail, cancel-successors, ignore; got "retry-later"/);
  assert.match(tagged('@onFailure ignore 2').errors[0], /only retry takes a count/);
});

test('@rro must be a typed array the task never writes', () => {
  const rro = (sig: string, body: string) => analyze({ 'main.ts': `/**\n * @task\n * @rro a\n */\nexport function t(${sig}) { ${body} }\n` });
  assert.equal(rro('a: Float64Array', 'return a[0];').tasks[0].params[0], { name: 'a', direction: 'in', reason: 'read, never written', rro: true });
  assert.match(rro('a: number[]', 'return a[0];').errors[0], /@rro a: only typed arrays can be shared read-only, and its type is number\[\]/);
  assert.match(rro('a: Float64Array', 'a[0] = 1;').errors[0], /@rro a, but the task writes it: written: writes an element/);
});

test('tasks a worker cannot run are compile errors with file:line', () => {
  const errs = (code: string) => analyze({ 'main.ts': code }).errors.join('\n');
  assert.match(errs('/** @task */\nfunction hidden(a: number) { return a; }\nexport {};'), /main\.ts:2:1 .*task hidden: is not exported/);
  assert.match(errs('export function outer() {\n  /** @task */\n  function inner(a: number) { return a; }\n  return inner;\n}'), /main\.ts:3:3 .*task inner: is nested/);
  // A class member says what it is (tester #16's G7: a static method was called "nested in another function").
  assert.match(errs('export class K {\n  /** @task */\n  static sum(xs: number[]) { return xs.length; }\n}'),
    /main\.ts:3:3 .*task sum: is a static method of class `K`; .*declare `export function sum\(…\)` at the module's top level/);
  assert.match(errs('export class K {\n  /** @task */\n  sum(xs: number[]) { return xs.length; }\n}'), /task sum: is a method of class `K`/);
  assert.match(errs('/** @task */\nexport function* gen(a: number) { yield a; }'), /task gen: is a generator/);
  assert.match(errs('/** @task */\nexport function f(this: unknown, a: number) { return this; }'), /task f: uses `this`/);
  assert.match(errs('let counter = 0;\n/** @task */\nexport function f(a: number) { return a + counter; }\nexport function bump() { counter++; }'),
    /main\.ts:3:.* reads `counter`, a module variable that may change/);
  assert.match(errs('export let processed = 0;\n/** @task */\nexport function f(a: number) {\n  processed++;\n  return a;\n}'),
    /main\.ts:4:.* changes `processed`, a module variable; each worker has its own copy, which the program's never sees/);
  assert.match(errs('/** @task */\nexport function f(cb: () => void) { cb(); }'), /parameter `cb` cannot be sent to a worker: it is a function/);
  // A module object the program changes travels with each call (test/programs/module-state); one the task changes too cannot.
  assert.equal(errs('export const RATES = [1, 2];\n/** @task */\nexport function f(x: number) { return x * RATES[0]; }\nRATES[0] = 10;'), '');
  // One the task changes too is kept state where the program uses it in place (kept-state.test.ts); else an error.
  assert.match(errs('export const M = new Map<string, number[]>();\n/** @task */\nexport function f(k: string) { M.delete(k); return M.size; }\nexport function put() { const l = [1]; M.set("a", l); return l; }'),
    /main\.ts:3:.*task f: changes `M`, .* it cannot travel with them: the program uses it at main\.ts:4 \(`M\.set\("a", l\);`\)/);
  assert.equal(errs('export const W = [1, 2];\n/** @task */\nexport function f(x: number) { return x * W[1]; }\nconsole.log(W.length, Math.max(...W));'), '',
    'a module object only read is fine');
  // Module state a task changes and the program reads: the worker's copy changes, never the program's.
  assert.match(errs('export const counters = { n: 0, last: [0] };\n/** @task */\nexport function f(x: number) { counters.n += x; return x; }\nconst last = counters.last;'),
    /main\.ts:3:.*task f: changes `counters`, (module state the program reads \(main\.ts:4 `counters`\)|a module object the program also changes \(main\.ts:4 `counters\.last`\)).* the program uses it at main\.ts:4 \(`last = counters\.last`\)/);
  assert.match(errs('export class Stats { static calls = 0; }\n/** @task */\nexport function f(x: number) { Stats.calls++; return x; }\nconsole.log(Stats.calls);'),
    /main\.ts:3:.*task f: changes `Stats`, module state the program reads/);
  assert.match(errs('export const log: string[] = [];\n/** @task */\nexport function f(x: number) { log.push("f"); return x; }\nexport const seen = () => log;'),
    /task f: changes `log`, module state the program reads/);
  // A task module importing the program (a constant of main.ts, a cycle Node resolves): each worker would run it (tester's m09).
  const cycle = analyze({ 'kernels.ts': 'import { SCALE } from "./main";\n/** @task */\nexport function scaled(x: number) { return x * SCALE; }',
    'main.ts': 'import { scaled } from "./kernels";\nexport const SCALE = 3;\nconsole.log(scaled(2));' }).errors.join('\n');
  assert.match(cycle, /kernels\.ts:1:1 .*TS99012.*task scaled: a worker importing it would also import a module that calls tasks when it loads/);
  assert.equal(analyze({ 'kernels.ts': 'import { SCALE } from "./config";\n/** @task */\nexport function scaled(x: number) { return x * SCALE; }',
    'main.ts': 'import { scaled } from "./kernels";\nconsole.log(scaled(2));', 'config.ts': 'export const SCALE = 3;' }).errors.join('\n'), '',
    'a module of constants is fine');
  // A method of a module object that only reads `this` changes nothing (tester's m08); one that writes `this` does.
  assert.equal(errs('export const MATH = { k: 2, mul(x: number) { return x * this.k; } };\n/** @task */\nexport function f(x: number) { return MATH.mul(x); }\nMATH.k = 3;'), '');
  // (Used in place by the program, it is kept state: kept-state.test.ts. Kept in a variable, it cannot be followed.)
  // (Holding `bump` itself, it could not travel at all: kept-state.test.ts.)
  assert.match(errs('export const MATH = { k: 2 };\n/** @task */\nexport function f(x: number) { MATH.k++; return x * MATH.k; }\nexport const m = MATH;'),
    /main\.ts:3:.*task f: changes `MATH`, .* the program uses it at main\.ts:4 \(`m = MATH`\)/);
  // A constant computed as the module loads from an object entry code changed before it: each worker computes its own
  // from the unchanged object (np70: NaN); one computed from an object only filled as the module loads is fine.
  assert.match(errs('const cfg: number[] = [];\nfor (const a of ["3"]) cfg.push(Number(a));\nconst SCALE = cfg[0] * 2;\n/** @task */\nexport function f(x: number) { return x * SCALE; }'),
    /main\.ts:5:.*task f: reads `SCALE`, computed as its module loads from `cfg`, which the program changes first \(main\.ts:2 `cfg\.push\(Number\(a\)\)`\) where no worker runs it/);
  assert.equal(errs('const T: number[] = [];\nfor (let i = 0; i < 3; i++) T.push(i + 1);\nconst N = T.length;\n/** @task */\nexport function f(x: number) { return x * N; }'), '');
  assert.equal(errs('const cfg: number[] = [];\nconst SCALE = cfg.length * 2;\nfor (const a of ["3"]) cfg.push(Number(a));\n/** @task */\nexport function f(x: number) { return x * SCALE; }'), '',
    'computed before the change: the same in a worker');
  // A property of the global object the program sets: each worker has its own (tester's m07).
  assert.match(errs('/** @task */\nexport function f() { return (globalThis as { LEVEL?: number }).LEVEL; }\n(globalThis as { LEVEL?: number }).LEVEL = 3;'),
    /main\.ts:2:.*task f: reads `\(globalThis as \{ LEVEL\?: number \}\)\.LEVEL`, a property of the global object the program sets/);
  assert.equal(errs('/** @task */\nexport function f(x: number[]) { return globalThis.structuredClone(x); }'), '', 'built-ins the program leaves alone are fine');
  // Declared as a global and read by its bare name, set by the program as a property, by its name, or by
  // Object.defineProperty / Object.assign on globalThis (np43's F10: a ReferenceError in the worker).
  const declaredVar = 'declare global { var RATE: number }\n';
  for (const set of ['globalThis.RATE = 3;', 'RATE = 3;', 'Object.defineProperty(globalThis, "RATE", { value: 3 });', 'Object.assign(globalThis, { RATE: 3 });']) {
    assert.match(errs(`${declaredVar}/** @task */\nexport function f(x: number) { return x * RATE; }\n${set}`),
      /main\.ts:3:.*task f: reads `x \* RATE`, a property of the global object the program sets \(main\.ts:4/, set);
  }
  assert.equal(analyze({ 'env.ts': `${declaredVar}export {};`, 'main.ts': 'import "./env";\n/** @task */\nexport function f(x: number) { return x * (typeof RATE === "number" ? RATE : 1); }' }).errors.join('\n'), '',
    'a global nobody sets is fine');
  // A built-in the program replaces (`Math.random = …`, a method set on `Array.prototype`) in a module no worker loads:
  // each worker has its own built-ins (tester #19's F8, F9: tasks printed what the unpatched ones gave). Set up at the
  // top level of the task's module (or one it imports), it runs in workers too (rewrite/class-setup.ts).
  const entryOnly = (patch: string, task: string) => analyze({ 'kernels.ts': task, 'main.ts': `${patch}\nimport { f } from "./kernels";\nconsole.log(f);` }).errors.join('\n');
  const random = '/** @task */\nexport function f(n: number) { return n * Math.random(); }';
  assert.match(entryOnly('Math.random = () => 0.5;', random), /kernels\.ts:2:.*task f: uses `Math\.random`, a built-in the program replaces \(main\.ts:1.*where no worker runs it/);
  assert.equal(errs(`${random}\nMath.random = () => 0.5;`), '', 'set up in the task\'s module, it runs in workers too');
  // Added by an assignment, Object.defineProperty, defineProperties or Object.assign on the prototype (np43's F4: the
  // task failed in a worker that never loaded the polyfill).
  const declared = 'declare global { interface Array<T> { total(this: number[]): number; count(this: number[]): number } }\n';
  const total = `${declared}/** @task */\nexport function f(xs: number[]) { return xs.total(); }`;
  for (const polyfill of ['Array.prototype.total = function (this: number[]) { return this.length; };',
    'Object.defineProperty(Array.prototype, "total", { value: function (this: number[]) { return this.length; } });',
    'Object.defineProperties(Array.prototype, { total: { value: function (this: number[]) { return this.length; } } });',
    'Object.assign(Array.prototype, { total(this: number[]) { return this.length; } });']) {
    assert.match(entryOnly(polyfill, total), /kernels\.ts:3:.*task f: uses `xs\.total`, a built-in the program replaces \(main\.ts:1/, polyfill);
    assert.equal(errs(`${total}\n${polyfill}`), '', `${polyfill} in the task's module`);
  }
  assert.equal(entryOnly('Object.defineProperty(Array.prototype, "count", { value: () => 0 });', total), '', 'another member is left alone');
  // Through casts, as code without the interface declared writes it, and read through an untyped value (rev58's F13).
  const untyped = '/** @task */\nexport function f(n: number) { const xs = [n] as unknown as { total(): number }; return xs.total() + (xs as any).total(); }';
  for (const polyfill of ['(Array.prototype as any).total = function (this: number[]) { return this.length; };',
    'Object.defineProperty(Array.prototype as any, "total", { value: function (this: number[]) { return this.length; } });']) {
    assert.match(entryOnly(polyfill, untyped), /kernels\.ts:2:.*task f: uses `xs\.total`, a built-in the program replaces \(main\.ts:1/, polyfill);
  }
  assert.equal(entryOnly('(Array.prototype as any).count = () => 0;', untyped), '', 'an untyped read of another member is left alone');
  // A method a mixin adds to the program's class: refused when only the entry imports the mixin, run in workers too
  // when the task's module does (np43's F13: a TypeError in the worker).
  const model = 'export class Invoice { constructor(public net: number) {} }\nexport interface Invoice { gross(): number }';
  const mixin = 'import { Invoice } from "./model";\nObject.assign(Invoice.prototype, { gross(this: Invoice) { return this.net * 2; } });';
  const task = '/** @task */\nexport function f(xs: Invoice[]) { return xs.map((i) => i.gross()); }';
  assert.match(analyze({ 'kernels.ts': `import { Invoice } from "./model";\n${task}`, 'model.ts': model, 'mixin.ts': mixin,
    'main.ts': 'import "./mixin";\nimport { f } from "./kernels";\nimport { Invoice } from "./model";\nconsole.log(f([new Invoice(2)]));' }).errors.join('\n'),
  /kernels\.ts:3:.*task f: uses `i\.gross`, a method the program adds to its class \(mixin\.ts:2/);
  assert.equal(analyze({ 'kernels.ts': `import "./mixin";\nimport { Invoice } from "./model";\n${task}`, 'model.ts': model, 'mixin.ts': mixin,
    'main.ts': 'import { f } from "./kernels";\nimport { Invoice } from "./model";\nconsole.log(f([new Invoice(2)]));' }).errors.join('\n'), '');
  // An npm package's settings the program changes (`Settings.defaultZone = …`) where no worker runs it: each worker
  // loads the package afresh (np43's F12: tasks formatted dates in the default zone and locale).
  const luxon = "declare module 'luxon' { export const Settings: { defaultZone: string }; export class DateTime { static fromMillis(ms: number): DateTime; toISO(): string } }";
  const agenda = 'import { DateTime } from "luxon";\n/** @task */\nexport function f(at: number) { return DateTime.fromMillis(at).toISO(); }';
  const withSettings = (kernels: string, main: string, extra: Record<string, string> = {}) =>
    analyze({ 'kernels.ts': kernels, 'luxon.d.ts': luxon, ...extra, 'main.ts': `import { Settings } from "luxon";\nimport { f } from "./kernels";\n${main}\nconsole.log(f(0));` }).errors.join('\n');
  assert.match(withSettings(agenda, 'Settings.defaultZone = "Asia/Tokyo";'),
    /kernels\.ts:3:.*task f: uses `DateTime` of package luxon, whose settings the program changes \(main\.ts:3 `Settings\.defaultZone = "Asia\/Tokyo"`\) where no worker runs it/);
  const setup = { 'setup.ts': 'import { Settings } from "luxon";\nSettings.defaultZone = "Asia/Tokyo";\nexport function useZone(z: string) { Settings.defaultZone = z; }' };
  assert.equal(withSettings(`import "./setup";\n${agenda}`, ''), '', 'set at the top level of a module the task\'s module imports: it runs in workers too');
  assert.equal(withSettings(`import { Settings } from "luxon";\nSettings.defaultZone = "Asia/Tokyo";\n${agenda}`, ''), '', 'or of the task\'s module, to a value written out');
  assert.match(withSettings(`import "./setup";\n${agenda}`, 'import { useZone } from "./setup";\nuseZone("UTC");', setup),
    /task f: uses `DateTime` of package luxon, whose settings the program changes \(setup\.ts:3 `Settings\.defaultZone = z`\)/, 'a setter function the program calls');
  assert.equal(withSettings(agenda, 'Settings.defaultZone.length;'), '', 'settings only read are fine');
  assert.equal(errs('/** @task */\nexport function f(n: number) { return n * Math.random(); }\nexport const g = () => Math.random();'), '', 'a built-in only read is fine');
  // One a task sets and the program reads: the worker's global object is not the program's (helper-61's globals2).
  assert.match(errs('/** @task */\nexport function f(n: number) { (globalThis as { SEEN?: number }).SEEN = n; return n; }\nf(1);\nconsole.log((globalThis as { SEEN?: number }).SEEN);'),
    /main\.ts:2:.*task f: sets `\(globalThis as \{ SEEN\?: number \}\)\.SEEN`, a property of the global object the program reads \(main\.ts:4/);
  assert.equal(errs('/** @task */\nexport function f(n: number) { const g = globalThis as { memo?: Map<number, number> }; g.memo ??= new Map(); (globalThis as { memo?: Map<number, number> }).memo ??= new Map(); return n; }'), '',
    'a cache only tasks use is theirs');
  // Set by one task, read by another that never sets it: that one's worker has its own global object (globals3).
  assert.match(errs('/** @task */\nexport function f(n: number) { (globalThis as { S?: number }).S = n; return n; }\n/** @task */\nexport function g(n: number) { return (globalThis as { S?: number }).S ?? n; }'),
    /main\.ts:2:.*task f: sets `\(globalThis as \{ S\?: number \}\)\.S`, a property of the global object the program reads \(main\.ts:4/);
  // Destructuring primitives out of a module object reads it (helper-51's m07); a default calling a helper that reads
  // module state carries it (m02: no error, the state travels).
  assert.equal(errs('export const LOCAL = { k: 1 };\n/** @task */\nexport function f(x: number) { const { k } = LOCAL; return x + k; }\nLOCAL.k = 9;'), '');
  const viaDefault = analyze({ 'main.ts': 'export const S = { o: 1 };\nfunction offset() { return S.o; }\n/** @task */\nexport function f(x: number, k = offset()) { return x + k; }\nS.o = 100;' });
  assert.equal(viaDefault.tasks[0].moduleState?.map((m) => m.name), ['S']);
  // Another name for a module object (`const T = CONFIG`) travels when the program changes CONFIG (tester #9's p88).
  const aliased = analyze({ 'main.ts': 'export const CONFIG = { scale: 2 };\nconst T = CONFIG;\n/** @task */\nexport function f(x: number) { return x * T.scale; }\nCONFIG.scale = 3;' });
  assert.equal(aliased.tasks[0].moduleState?.map((m) => m.name), ['T']);
  // The program calling tasks at load from a callback (`xs.map((x) => t(x))`) is the program too (p117).
  assert.match(analyze({ 'kernels.ts': 'import { S } from "./main";\n/** @task */\nexport function t(x: number) { return x * S; }',
    'main.ts': 'import { t } from "./kernels";\nexport const S = 3;\nconsole.log([1, 2].map((x) => t(x)));' }).errors.join('\n'), /TS99012/);
  // A class's static field the program writes and a task reads: nothing carries a class to a worker (tester's m05).
  assert.match(errs('export class Settings { static factor = 1; }\n/** @task */\nexport function f(x: number) { return x * Settings.factor; }\nSettings.factor = 4;'),
    /main\.ts:3:.*task f: reads `Settings\.factor`, a static field of a class the program changes \(main\.ts:4 `Settings\.factor = 4`\)/);
  assert.equal(errs('export class Settings { static factor = 1; }\n/** @task */\nexport function f(x: number) { return x * Settings.factor; }\nconsole.log(Settings.factor);'), '',
    'statics the program only reads are fine');
  // Set through `this` of a static method the program calls (np43's F11: the workers used the default).
  assert.match(errs('export class Settings { static factor = 1; static configure(k: number) { this.factor = k; } }\n/** @task */\nexport function f(x: number) { return x * Settings.factor; }\nSettings.configure(4);'),
    /main\.ts:3:.*task f: reads `Settings\.factor`, a static field of a class the program changes \(main\.ts:1 `this\.factor = k`\)/);
  assert.equal(errs('export class Settings { static factor = 1; static twice() { return this.factor * 2; } }\n/** @task */\nexport function f(x: number) { return x * Settings.factor; }\nconsole.log(Settings.twice());'), '',
    'a static method that only reads `this` changes nothing');
  // …also through the program's code the task runs: a helper it calls, a class it instantiates.
  // (Kept state where the program uses it in place: kept-state.test.ts; here it keeps it in a variable.)
  assert.match(errs('export const stats = { calls: 0 };\nfunction record() { stats.calls++; }\n/** @task */\nexport function f(x: number) { record(); return x; }\nexport const s = stats;'),
    /main\.ts:2:.*task f: changes `stats`, module state the program reads \(main\.ts:5 `stats`\)/);
  assert.match(errs('export class Ticket { static issued = 0; id = ++Ticket.issued; }\n/** @task */\nexport function f(n: number) { return [new Ticket()].length + n; }\nconsole.log(Ticket.issued);'),
    /task f: changes `Ticket`, module state the program reads \(main\.ts:4 `Ticket`\)/);
  assert.equal(errs('const memo = new Map<number, number>();\nfunction sq(x: number) { if (!memo.has(x)) memo.set(x, x * x); return memo.get(x)!; }\n/** @task */\nexport function f(x: number) { return sq(x); }\nconsole.log(sq(3));'), '',
    'a cache the program reaches only through the same helper changes no output');
  assert.equal(errs('const memo = new Map<number, number>();\n/** @task */\nexport function f(x: number) { if (!memo.has(x)) memo.set(x, x * x); return memo.get(x)!; }'), '',
    'a cache only tasks use is the worker\'s own');
  // Caches and scratch state stay each worker's own: no error (kept state, the other shapes: kept-state.test.ts).
  assert.equal(errs('const STATS = { calls: 0 };\n/** @task */\nexport function f(x: number) { STATS.calls++; return x; }'), '',
    'a count nothing looks at changes no output');
  assert.equal(errs('const LOG: number[] = [];\n/** @task */\nexport function f(x: number) { LOG.push(x); return x; }'), '', 'a log nothing reads');
  assert.equal(errs('const S = { n: 0 };\n/** @task */\nexport function f(xs: number[]) { S.n = 0; for (const x of xs) S.n++; return S.n; }'), '',
    'a count set afresh by every call (helper-54\'s m12)');
  assert.equal(errs('const PEAK = { v: 0 };\n/** @task */\nexport function f(x: number) { PEAK.v = Math.max(PEAK.v, x); return x; }'), '',
    'a running maximum nothing looks at (a20)');
  assert.equal(errs('const T = { tmp: 0 };\n/** @task */\nexport function f(x: number) { T.tmp = x * 2; return T.tmp + 1; }'), '', 'set afresh by every call first');
  assert.equal(errs('const S = { buf: [] as number[] };\n/** @task */\nexport function f(xs: number[]) { S.buf.length = 0; for (const x of xs) S.buf.push(x); return S.buf.length; }'), '',
    'a scratch list emptied by every call first (a30)');
  assert.equal(errs('const MEMO: Record<string, number> = {};\n/** @task */\nexport function f(k: string) { if (!(k in MEMO)) MEMO[k] = k.length; return MEMO[k]; }'), '',
    'a cache keyed by what the call computes from');
  assert.match(errs('export namespace N {\n  /** @task */\n  export function f(x: number) { return x; }\n}'), /task f: is inside namespace `N`/,
    'a task in a namespace is said to be one, not "not exported" (helper-54\'s a44)');
  assert.equal(errs('export class MathX { static clamp(v: number) { return Math.min(1, v); } }\n/** @task */\nexport function f(x: number) { return MathX.clamp(x); }\nconsole.log(MathX.clamp(2));'), '',
    'calling a static method of the program is no change');
  assert.match(errs('/** @task */\nexport function f(s: symbol) { return s; }'), /parameter `s` cannot be sent to a worker: it is a symbol/);
  // A Promise or a WeakMap, alone or in an array, as the README says (np71's min-promise-param ran such calls in place, unsaid).
  assert.match(errs('/** @task */\nexport function f(p: Promise<number>) { return typeof p; }'), /parameter `p` cannot be sent to a worker: it is a Promise \(its value is not in it: await it and pass the value\)/);
  assert.match(errs('/** @task */\nexport function f(ps: Promise<number>[]) { return ps.length; }'), /parameter `ps` cannot be sent to a worker: it holds, at \[…\], a Promise/);
  assert.match(errs('/** @task */\nexport function f(m: WeakMap<object, number>) { return m instanceof WeakMap; }'), /parameter `m` cannot be sent to a worker: it is a WeakMap, a built-in whose contents no worker receives/);
  assert.equal(errs('/** @task */\nexport function f(o: { n: number; label?: () => string }) { return o.n; }'), '', 'a function in a field: refused at the call, which runs in place');
  assert.match(errs('function make() { class P { x = 1; norm() { return this.x; } } return new P(); }\n/** @task */\nexport function f(p: ReturnType<typeof make>) { return p.x; }'), /instance of class P, which its module does not export/);
  assert.equal(errs('class P { x = 1; norm() { return this.x; } }\n/** @task */\nexport function f(p: P) { return p.x; }'), '',
    'a class at the top level of a task\'s module travels: the plugin shares it by name (rewrite/emit-module-setup.ts)');
  assert.match(errs('export class S { #k = 1; v = 2; }\n/** @task */\nexport function f(s: S) { return s.v; }'), /instance of class S, which has private #fields/);
  assert.match(errs('export class C { n = 0; describe = () => `n=${this.n}`; get() { return this.n; } }\n/** @task */\nexport function f(c: C) { c.n++; }'), /instance of class C, whose field describe holds a function/);
  assert.equal(errs('export class Q { x = 1; norm() { return this.x; } }\n/** @task */\nexport function f(q: Q) { return q.norm(); }'), '', 'an exported class travels');
});

test('writes through library methods and the program\'s getters: a Date setter, a getter that changes its object', () => {
  assert.equal(directions(task('d: Date, ms: number', 'd.setTime(d.getTime() + ms);')).dirs, ['d:inout', 'ms:in']);
  assert.equal(directions(task('o: { at: Date }', 'o.at.setUTCHours(1);')).dirs, ['o:inout']);
  assert.equal(directions(task('d: Date', 'return d.getTime() + d.toISOString().length;')).dirs, ['d:in'], 'Date getters only read');
  assert.equal(directions(task('v: DataView', 'return v.getInt32(0, true) + v.getFloat64(8);')).dirs, ['v:in'], 'DataView getters only read');
  assert.equal(directions(task('v: DataView', 'v.setInt32(0, 1, true);')).dirs, ['v:inout'], 'DataView setters write');
  assert.equal(directions(task('o: { v: DataView }', 'o.v.setFloat64(0, 1);')).dirs, ['o:inout']);
  const ticker = 'export class Ticker { n = 0; get next(): number { return ++this.n; } get peek(): number { return this.n; } }\n';
  const changes = analyze({ 'main.ts': ticker + '/** @task */\nexport function take(t: Ticker): number { return t.next + t.next; }\n' }).tasks[0];
  assert.is(changes.params[0].direction, 'inout');
  assert.match(changes.params[0].reason, /reads `next`, a getter that changes its object/);
  const reads = analyze({ 'main.ts': ticker + '/** @task */\nexport function look(t: Ticker): number { return t.peek; }\n' }).tasks[0];
  assert.is(reads.params[0].direction, 'in', 'a getter that only reads');
});

test('exported arrow functions and function expressions are tasks too', () => {
  const { tasks, errors } = analyze({ 'main.ts': '/** @task */\nexport const scale = (a: Float64Array, k: number) => { a[0] *= k; };\n/** @task */\nexport const id = function (x: number[]) { return x; };\n' });
  assert.equal(errors, []);
  assert.equal(tasks.map((t) => `${t.name}:${t.params.map((p) => p.direction).join(',')}`), ['scale:inout,in', 'id:in']);
});

test('a callback summary holds only where the call discharges what it assumed: defaults, enclosing functions, callbacks held in a parameter', () => {
  const lib = [
    'function logIt(x: number[]): void { console.log(x[0]); }',
    'function writeIt(x: number[]): void { x[0] = 1; }',
    'function withDefault(v: number[], cb: (x: number[]) => void = writeIt): void { cb(v); }',
    'function readerDefault(v: number[], cb: (x: number[]) => void = logIt): void { cb(v); }',
    'function nest(v: number[], reduce: (x: number[]) => void): void { (function regroup(w: number[]) { reduce(w); })(v); }',
    'function firstOf(v: number[], fns: ((x: number[]) => void)[]): void { const f = fns[0]; f(v); }',
    'function viaField({ cb }: { cb: (x: number[]) => void }, v: number[]): void { cb(v); }',
  ].join('\n');
  const cases: [string, string][] = [
    ['withDefault(p);', 'inout'], ['withDefault(p, logIt);', 'in'], ['readerDefault(p);', 'in'],
    ['nest(p, writeIt);', 'inout'], ['nest(p, logIt);', 'in'], ['nest(p, (x) => { x[1] = 2; });', 'inout'],
    ['firstOf(p, [writeIt]);', 'inout'], ['firstOf(p, [logIt]);', 'in'],
    ['viaField({ cb: writeIt }, p);', 'inout'],
  ];
  expectDirections(cases.map(([body, expected]) => ['p: number[]', body, [`p:${expected}`]]), lib);
  const { reasons } = directions(task('p: number[]', 'withDefault(p);', lib));
  assert.match(reasons.p, /passed to `withDefault`, which writes it: passed to code of unknown effect .*`cb\(v\)`/);
  assert.match(directions(task('p: number[]', 'nest(p, writeIt);', lib)).reasons.p, /passed to `nest`, which writes it: passed to `regroup`, which writes it: .*`reduce\(w\)`/);
  assert.match(directions(task('p: number[]', 'firstOf(p, [writeIt]);', lib)).reasons.p, /passed to `firstOf`, which writes it: .*`f\(v\)`/);
});

test('a call\'s result holds an argument only when the callee may return it (lets it out, or hands it to a callback)', () => {
  const lib = [
    'function fresh(a: number[]): number[] { return a.map((x) => x * 2); }',
    'function same(a: number[]): number[] { return a; }',
    'function apply(f: (x: number[]) => number[], a: number[]): number[] { return f(a); }',
    'const id = (x: number[]) => x;',
  ].join('\n');
  const cases: [string, string][] = [
    ['const r = fresh(p); r[0] = 1;', 'in'],
    ['const r = same(p); r[0] = 1;', 'inout'],
    ['apply((x) => x, p)[0] = 1;', 'inout'],
    ['apply(id, p)[0] = 1;', 'inout'],
  ];
  expectDirections(cases.map(([body, expected]) => ['p: number[]', body, [`p:${expected}`]]), lib);
  assert.match(directions(task('p: number[]', 'apply(id, p)[0] = 1;', lib)).reasons.p, /writes an element: `apply\(id, p\)\[0\] = 1`/);
});

test('timers keep their callback and hand it the arguments after the delay; Array(x) holds x', () => {
  const lib = 'function writeIt(x: number[]): void { x[0] = 1; }\nfunction logIt(x: number[]): void { console.log(x[0]); }';
  const cases: [string, string][] = [
    ['setTimeout((q: number[]) => { q[0] = 1; }, 0, p);', 'inout'],
    ['setTimeout(writeIt, 0, p);', 'inout'],
    ['setTimeout(logIt, 0, p);', 'in'],
    ['setTimeout(() => console.log(p[0]), 0);', 'in'],
    ['queueMicrotask(() => { p[0] = 1; });', 'inout'],
    ['const a = Array(p); a[0][0] = 1;', 'inout'],
    ['const a = Array(3); a[0] = 1;', 'in'],
  ];
  expectDirections(cases.map(([body, expected]) => ['p: number[]', body, [`p:${expected}`]]), lib);
  assert.match(directions(task('p: number[]', 'setTimeout(writeIt, 0, p);', lib)).reasons.p, /given to the callback of `setTimeout\(writeIt, 0, p\)`, code of unknown effect/);
});

test('a JavaScript function called with new is a constructor of the program: its new object holds its arguments but is none of them', () => {
  const lib = 'export function Holder(v) { this.v = v; }\nexport function Reader(v) { this.n = v.length; }\n' +
    'export function Writer(v) { v[0] = 1; }\nexport function Returner(v) { return v; }\n';
  const dir = (body: string) => {
    const js = `import { Holder, Reader, Writer, Returner } from './lib.js';\n/**\n * @task\n * @param {number[]} p\n */\nexport function t(p) {\n${body}\n}\n`;
    const { tasks, errors } = analyze({ 'main.js': js, 'lib.js': lib });
    assert.equal(errors, []);
    return { dir: tasks[0].params[0].direction, reason: tasks[0].params[0].reason };
  };
  assert.is(dir('return new Reader(p).n;').dir, 'in');
  assert.is(dir('const o = new Reader(p); o.n = 2;').dir, 'in', 'the new object\'s own slots are not p');
  const held = dir('const o = new Holder(p); o.v[0] = 1;');
  assert.is(held.dir, 'inout', 'written through what the new object holds');
  assert.match(held.reason, /writes an element: `o\.v\[0\] = 1`/);
  assert.match(dir('new Writer(p);').reason, /passed to `new Writer`, which writes it: writes an element: `v\[0\] = 1`/);
  assert.is(dir('const o = new Returner(p); o[0] = 1;').dir, 'inout', 'a constructor returning its argument hands it back');
});

test('RegExp exec and test move the expression\'s lastIndex and only read their string', () => {
  expectDirections([
    ['p: RegExp', 'return p.exec("a b");', ['p:inout']],
    ['p: RegExp, s: string[]', 'return p.test(s[0]);', ['p:inout', 's:in']],
    ['s: string[]', 'return /a/g.exec(s[0]);', ['s:in']],
  ]);
  assert.match(directions(task('p: RegExp', 'return p.test("a");')).reasons.p, /calls `test`, which changes it/);
});

test('a callback a constructor fixes in a field is judged where the object is made: a reader, a writer, inline, or a field that can change', () => {
  const lib = [
    'function writeFirst(x: number[]): number { x[0] = 1; return 0; }',
    'function keyOf({ _key }: any, v: number[]): unknown { return _key(v); }',
    'export class Keyed {',
    '  constructor(values: number[][], key: (x: number[]) => unknown = (x) => x.length) {',
    '    Object.defineProperties(this, { _key: { value: key } });',
    '    for (const v of values) this.add(v);',
    '  }',
    '  add(v: number[]): unknown { return keyOf(this, v); }',
    '}',
    'export class Loose {',
    '  _key: (x: number[]) => unknown;',
    '  constructor(key: (x: number[]) => unknown = (x) => x.length) { this._key = key; }',
    '  add(v: number[]): unknown { return keyOf(this, v); }',
    '}',
  ].join('\n');
  const cases: [string, string][] = [
    ['new Keyed([p]);', 'in'],
    ['new Keyed([p], writeFirst);', 'inout'],
    ['new Keyed([p], (x) => { x[0] = 1; return 0; });', 'inout'],
    ['const k = new Keyed([]); k.add(p);', 'in'],
    ['const k = new Keyed([], writeFirst); k.add(p);', 'inout'],
    ['const k = new Loose(); k.add(p);', 'inout'],
  ];
  expectDirections(cases.map(([body, expected]) => ['p: number[]', body, [`p:${expected}`]]), lib);
  const { reasons } = directions(task('p: number[]', 'const k = new Keyed([], writeFirst); k.add(p);', lib));
  assert.match(reasons.p, /passed to `add`, which writes it: passed to `keyOf`, which writes it: passed to code of unknown effect .*`_key\(v\)`/);
  assert.match(directions(task('p: number[]', 'new Keyed([p], (x) => { x[0] = 1; return 0; });', lib)).reasons.p, /writes an element: `x\[0\] = 1`/);
});

test('a method called on an untyped parameter is the caller\'s: its function arguments and the object must only read', () => {
  const lib = [
    'function writeIt(x: number[]): void { x[0] = 1; }',
    'function logIt(x: number[]): void { console.log(x[0]); }',
    'function each(a: any, f: any): void { a.forEach(f); }',
  ].join('\n');
  const cases: [string, string, string[]][] = [
    ['p: number[]', 'each([p], writeIt);', ['p:inout']],
    ['p: number[]', 'each([p], logIt);', ['p:in']],
    ['o: { forEach(cb: (x: number[]) => void): void }', 'each(o, logIt);', ['o:inout']],
  ];
  expectDirections(cases, lib);
  assert.match(directions(task('p: number[]', 'each([p], writeIt);', lib)).reasons.p, /passed to `each`, which writes it: its elements are passed to `f`, which may change them/);
});

test('plain JavaScript with JSDoc types', () => {
  const js = '/**\n * @task\n * @param {Float64Array} values\n * @param {number} k\n */\nexport function scale(values, k) { for (let i = 0; i < values.length; i++) values[i] *= k; }\n';
  const { tasks, errors } = analyze({ 'main.js': js });
  assert.equal(errors, []);
  assert.equal(tasks[0].params.map((p) => `${p.name}:${p.direction}`), ['values:inout', 'k:in']);
  assert.match(tasks[0].params[1].reason, /primitive \(number\)/);
});

test('a parameter replaced once at the top of the body is the new value after it, except in hoisted functions', () => {
  expectDirections([
    // Inside an expression of the first statement: evaluated once, before what follows it.
    ['p: number[]', 'const n = (p = p.slice()).length; p[0] = n;', ['p:in']],
    ['p: number[], q: number[]', 'p = p.slice(), q = q.slice(); p[0] = 1; q[0] = 1;', ['p:in', 'q:in']],
    // Conditional or repeated assignments replace nothing.
    ['p: number[], c: boolean', 'c && (p = p.slice()); p[0] = 1;', ['p:inout', 'c:in']],
    ['p: number[], c: boolean', 'const n = c ? (p = p.slice()).length : 0; p[0] = n;', ['p:inout', 'c:in']],
    ['p: number[]', 'for (let i = 0; i < 2; i++) p = p.slice(); p[0] = 1;', ['p:inout']],
  ]);
  // A function declaration is hoisted: it may run before the assignment, however late it is written.
  const { dirs, reasons } = directions(task('p: number[]', 'f(); p = [0]; function f() { p[0] = 1; }'));
  assert.equal(dirs, ['p:inout']);
  assert.match(reasons.p, /writes an element: `p\[0\] = 1`/);
  assert.equal(directions(task('p: number[]', 'const g = () => h(); g(); p = [0]; function h() { p[0] = 1; }')).dirs, ['p:inout']);
  assert.equal(directions(task('p: number[]', 'p = [0]; const g = () => { p[0] = 1; }; g();')).dirs, ['p:in']);
});

test('untyped JavaScript: methods of the caller\'s objects read, fresh objects hold what their constructor keeps, length is a count', () => {
  const lib = [
    'export function Rgb(r) { this.r = +r; }',
    'export function Holder(v) { this.v = v; }',
    // A method called on (a part of) the caller's object: taken to leave it alone when what the caller gives holds
    // only reading functions (the reading-callbacks summary, with that assumption on the parameter).
    'export function convert(o) { o = o.rgb(); return new Rgb(o.r); }',
    'export function each(colors) { const out = new Array(colors.length); for (let i = 0; i < colors.length; i++) out[i] = convert(colors[i]); return out; }',
    'export function pick(ds, r) { let d = ds[0]; for (let i = 0; i < ds.length; i++) if (r < i) d = ds[i]; return d.sample(); }',
    'export function hold(v) { return new Holder(v); }',
    'export function make(v) { return new Rgb(v); }',
    'export function copyOf(xs) { const r = new Array(xs.length); for (let i = 0; i < xs.length; i++) r[i] = +xs[i]; return r; }',
  ].join('\n');
  const dirs = (signature: string, body: string) => directions(`import { convert, each, pick, hold, make, copyOf } from './lib.js';\n${task(signature, body)}`, { 'lib.js': lib });
  assert.equal(dirs('p: { r: number }', 'return convert(p);').dirs, ['p:in']);
  assert.equal(dirs('p: { r: number }[]', 'const out = each(p); out[0] = 1;').dirs, ['p:in']);
  assert.equal(dirs('p: { r: number }[]', 'return pick(p, 2);').dirs, ['p:in']);
  // An object whose type holds functions may have methods that write: the general summary.
  const withMethod = dirs('p: { rgb(): { r: number } }', 'return convert(p);');
  assert.equal(withMethod.dirs, ['p:inout']);
  assert.match(withMethod.reasons.p, /passed to `convert`, which writes it: calls method `rgb`, whose effects are unknown: `o\.rgb\(\)`/);
  // An untyped xs.length is a count: new Array(xs.length) holds nothing of xs.
  assert.equal(dirs('p: number[]', 'const c = copyOf(p); c[0] = 1;').dirs, ['p:in']);
  // new Rgb(v) keeps nothing of v (this.r = +r), new Holder(v) keeps v.
  assert.equal(dirs('p: number[]', 'const c = make(p); c.r = 1;').dirs, ['p:in']);
  const held = dirs('p: number[]', 'const h = hold(p); h.v[0] = 1;');
  assert.equal(held.dirs, ['p:inout']);
  assert.match(held.reasons.p, /writes an element: `h\.v\[0\] = 1`/);
});

test('a method handing back its object (for this many arguments) makes a chain call the next method on that object', () => {
  const lib = [
    'export function range(lo, hi) {',
    '  let a, b;',
    '  const dist = {',
    '    min(_) { if (arguments.length) { a = _; return dist; } else { return a; } },',
    '    max(_) { if (arguments.length) { b = _; return dist.min(a); } return b; },',
    '  };',
    '  return dist.min(lo).max(hi);',
    '}',
    'export function pair(lo, hi) {',
    '  let a, b;',
    '  const d = {',
    '    min(_) { if (!arguments.length) return a; a = _; return d; },',
    '    max(_) { return arguments.length === 0 ? b : (b = _, d); },',
    '    both(x, y) { return arguments.length < 2 ? b : d.min(x).max(y); },',
    '  };',
    '  return d.both(lo, hi).min(lo);',
    '}',
    // With no argument, min() hands back what it was given: a write through it writes the parameter.
    'export function getter(lo) { let a; const o = { min(_) { if (arguments.length) { a = _; return o; } return a; } }; o.min(lo); o.min().k = 1; }',
  ].join('\n');
  const dirs = (signature: string, body: string) => directions(`import { range, pair, getter } from './lib.js';\n${task(signature, body)}`, { 'lib.js': lib });
  assert.equal(dirs('p: number[], q: number[]', 'range(p, q);').dirs, ['p:in', 'q:in']);
  assert.equal(dirs('p: number[], q: number[]', 'pair(p, q);').dirs, ['p:in', 'q:in']);
  const { dirs: written, reasons } = dirs('p: { k: number }', 'getter(p);');
  assert.equal(written, ['p:inout']);
  assert.match(reasons.p, /passed to `getter`, which writes it: writes a property: `o\.min\(\)\.k = 1`/);
});

test('a built-in method on a type whose code the checker cannot see, or a method of the program named like one, is not the built-in', () => {
  // A .d.ts subclass of Set declares no add, but its JavaScript may have one that calls a key function writing p.
  const keyed = { 'keyed.d.ts': 'export declare class KeyedSet<T> extends Set<T> { constructor(key: (v: T) => unknown); }' };
  const sub = directions(`import { KeyedSet } from './keyed';\n${task('p: number[], s: KeyedSet<number[]>', 's.add(p); return s.has(p);')}`, keyed);
  assert.equal(sub.dirs, ['p:inout', 's:inout']);
  assert.match(sub.reasons.p, /passed to `s\.add\(p\)`, a method of `KeyedSet`, whose code may override the built-in's/);
  // Through a class of the program extending it, too; a plain Set is the built-in.
  const local = directions(`import { KeyedSet } from './keyed';\nexport class Local extends KeyedSet<number[]> {}\n${task('p: number[], s: Local', 's.add(p);')}`, keyed);
  assert.equal(local.dirs, ['p:inout', 's:inout']);
  assert.equal(directions(task('p: number[], s: Set<number[]>', 's.add(p); return s.has(p);')).dirs, ['p:in', 's:inout']);
  // A method of the program named like a reading built-in (get) is judged by its body.
  const own = directions(task('c: C', 'return c.get(1);', 'export class C { n = 0; get(k: number) { this.n++; return k; } }'));
  assert.equal(own.dirs, ['c:inout']);
  assert.match(own.reasons.c, /calls `get`, a method that may change its object or hand it out: `this\.n\+\+` in `c\.get\(1\)`/);
  assert.equal(directions(task('c: C', 'return c.get(1);', 'export class C { n = 0; get(k: number) { return this.n + k; } }')).dirs, ['c:in']);
});

test('a string method given a global or sticky RegExp moves its lastIndex: replace, replaceAll and match write it', () => {
  expectDirections([
    ['re: RegExp, s: string', 'return s.replace(re, "x");', ['re:inout', 's:in']],
    ['re: RegExp, s: string', 'return s.replaceAll(re, "x");', ['re:inout', 's:in']],
    ['re: RegExp, s: string', 'return s.match(re);', ['re:inout', 's:in']],
    ['res: RegExp[], s: string', 'return s.replace(res[0], "x");', ['res:inout', 's:in']],
    // search puts lastIndex back; split and matchAll work on a copy of the expression.
    ['re: RegExp, s: string', 'return s.search(re) + s.split(re).length + [...s.matchAll(re)].length;', ['re:in', 's:in']],
  ]);
  const { reasons } = directions(task('re: RegExp, s: string', 'return s.replace(re, "x");'));
  assert.match(reasons.re, /given to `s\.replace\(re, "x"\)`, which moves the lastIndex of a global or sticky RegExp \(.*main\.ts:4\)/);
});

test('a rest parameter is an array the call makes: writing its own slots writes none of the arguments', () => {
  const lib = 'function last(...xs: number[][]) { const l = xs.pop(); return l ? l.length : 0; }\n' +
    'function first(...xs: number[][]) { xs[0][0] = 1; }\n' +
    // (Before it is replaced, the name is still the rest parameter: d3's cross pops its reducer, then maps.)
    'function drop(...xs: number[][]) { xs.pop(); xs = xs.slice(); return xs.length; }\n';
  expectDirections([
    ['p: number[]', 'return last(p);', ['p:in']],
    ['p: number[]', 'return drop(p);', ['p:in']],
    ['p: number[]', 'first(p);', ['p:inout']],
  ], lib);
  assert.match(directions(task('p: number[]', 'first(p);', lib)).reasons.p, /passed to `first`, which writes it: writes an element: `xs\[0\]\[0\] = 1`/);
});

test('Array.from and TypedArray.from hand the elements to their map function', () => {
  const lib = 'function w(x: number[]) { x[0] = 1; return 0; }\nfunction r(x: number[]) { return x[0]; }\n';
  expectDirections([
    ['p: number[][]', 'return Array.from(p, w);', ['p:inout']],
    ['p: number[][]', 'return Float64Array.from(p, w);', ['p:inout']],
    ['p: number[][]', 'return Array.from(p, r);', ['p:in']],
  ], lib);
  assert.match(directions(task('p: number[][]', 'return Array.from(p, w);', lib)).reasons.p, /its elements are passed to `w`, which writes them: writes an element: `x\[0\] = 1`/);
});

test('a result holds an argument as deep as the callee returns it, and a built-in push keeps the depth of what it stores', () => {
  const lib = [
    'function wrap(x: number[][]) { const out: number[][][] = []; for (let i = 0; i < x.length; i++) out.push([x[i]]); return out; }',
    // simple-statistics' combinations: each result list is fresh, the recursive results' lists are grown in place.
    'function combinations(x: number[][], k: number): number[][][] {',
    '  if (k === 0) return [[]];',
    '  const list: number[][][] = [];',
    '  for (let i = 0; i < x.length; i++) {',
    '    if (k === 1) { list.push([x[i]]); continue; }',
    '    const sub = combinations(x.slice(i + 1), k - 1);',
    '    for (let j = 0; j < sub.length; j++) { const next = sub[j]; next.unshift(x[i]); list.push(next); }',
    '  }',
    '  return list;',
    '}',
  ].join('\n');
  expectDirections([
    ['p: number[][]', 'const r = wrap(p); r[0].push([9]);', ['p:in']],
    ['p: number[][]', 'const r = wrap(p); r[0][0][0] = 1;', ['p:inout']],
    ['p: number[][]', 'const c = [[p]]; c[0].push([]); return c;', ['p:in']],
    ['p: number[][]', 'return combinations(p, 2).length;', ['p:in']],
    ['p: number[][]', 'combinations(p, 2)[0][0][0] = 1;', ['p:inout']],
  ], lib);
  assert.match(directions(task('p: number[][]', 'const r = wrap(p); r[0][0][0] = 1;', lib)).reasons.p, /writes an element: `r\[0\]\[0\]\[0\] = 1`/);
});

test('an inline function behind a choice (c ? (x) => … : (x) => …) is analysed as one written inline', () => {
  expectDirections([
    ['p: number[][], c: boolean', 'p.forEach(c ? (x) => { x[0] = 1; } : (x) => x);', ['p:inout', 'c:in']],
    ['p: number[][], c: boolean', 'p.forEach(c && ((x) => { x[0] = 1; }));', ['p:inout', 'c:in']],
    ['p: number[][], c: boolean', 'return Float64Array.from(p, c ? (x) => x[0] : (x) => x[1]);', ['p:in', 'c:in']],
  ]);
  assert.match(directions(task('p: number[][], c: boolean', 'p.forEach(c ? (x) => { x[0] = 1; } : (x) => x);')).reasons.p, /writes an element: `x\[0\] = 1`/);
});

test('functions of a constant object literal: called by name as methods, or by a computed key when nothing changes the literal', () => {
  const lib = [
    'const methods = { nrd: function (x) { return x.length; }, scott: (x) => x[0], label: "m" };',
    'export function kde(X, m) { if (m === undefined) return methods.nrd(X); if (!methods[m]) throw new Error("no"); return methods[m](X); }',
    'const writers = { nrd: function (x) { return x.length; }, w: function (x) { x[0] = 1; } };',
    'export function kdw(X, m) { return writers[m](X); }',
    'const changed = { r: function (x) { return x[0]; } };',
    'changed.r = function (x) { x[0] = 1; };',
    'export function kdc(X, m) { return changed[m](X); }',
  ].join('\n');
  const dirs = (body: string) => directions(`import { kde, kdw, kdc } from './lib.js';\n${task('p: number[], m: string', body)}`, { 'lib.js': lib });
  assert.equal(dirs('return kde(p, m);').dirs, ['p:in', 'm:in']);
  const writer = dirs('return kdw(p, m);');
  assert.equal(writer.dirs, ['p:inout', 'm:in']);
  assert.match(writer.reasons.p, /passed to `kdw`, which writes it: passed to `writers\[m\]`, which may be `w`, which writes it: writes an element: `x\[0\] = 1`/);
  assert.equal(dirs('return kdc(p, m);').dirs, ['p:inout', 'm:in']);
  // Looked up into a constant first (`const fn = table[m]; fn(x)`, np21's r15): the same candidates.
  const named = [
    'const readers = { a: (x) => x[0], b: (x) => x.length };',
    'export function viaConst(X, m) { const fn = readers[m]; return fn(X); }',
    'export function viaConstW(X, m) { const fn = writers[m]; return fn(X); }',
    'const writers = { r: (x) => x[0], w: (x) => { x[0] = 1; } };',
    'export function viaLet(X, m) { let fn = readers[m]; if (m === "z") fn = (x) => { x.pop(); }; return fn(X); }',
  ].join('\n');
  const viaConst = (body: string) => directions(`import { viaConst, viaConstW, viaLet } from './named.js';\n${task('p: number[], m: string', body)}`, { 'named.js': named });
  assert.equal(viaConst('return viaConst(p, m);').dirs, ['p:in', 'm:in']);
  assert.equal(viaConst('return viaConstW(p, m);').dirs, ['p:inout', 'm:in']);
  assert.equal(viaConst('return viaLet(p, m);').dirs, ['p:inout', 'm:in']);
});

test('callbacks taken out of a rest parameter (let [f] = F, F.map((g) => …)) and made by a factory from one keep the reading assumption', () => {
  const lib = [
    'function ascending(a, b) { return a < b ? -1 : a > b ? 1 : 0; }',
    'function compareDefined(compare = ascending) { if (compare === ascending) return ascending; return (a, b) => compare(a, b) || 0; }',
    'export function sort(values, ...F) {',
    '  values = Array.from(values);',
    '  let [f] = F;',
    '  if ((f && f.length !== 2) || F.length > 1) {',
    '    F = F.map((g) => values.map(g));',
    '    f = values.map(f);',
    '    return values.map((_, i) => F[0][i] + f[i]);',
    '  }',
    // After the block that returns, f is still F[0]: the array it was given there is never called.
    '  return values.sort(compareDefined(f));',
    '}',
  ].join('\n');
  const prelude = 'function writer(a: number[], b: number[]) { a[0] = 1; return 0; }\nfunction reader(a: number[], b: number[]) { return a[0] - b[0]; }';
  const dirs = (body: string) => directions(`import { sort } from './lib.js';\n${task('p: number[][]', body, prelude)}`, { 'lib.js': lib });
  assert.equal(dirs('return sort(p);').dirs, ['p:in']);
  assert.equal(dirs('return sort(p, reader);').dirs, ['p:in']);
  const written = dirs('return sort(p, writer);');
  assert.equal(written.dirs, ['p:inout']);
  assert.match(written.reasons.p, /passed to `sort`, which writes it: its elements are passed to `g`, which may change them/);
});

test('a var or let alias of a built-in that nothing reassigns is the built-in (var cos = Math.cos)', () => {
  const lib = 'var cos = Math.cos, abs = Math.abs;\nexport function f(x) { return cos(x) + abs(x); }\n' +
    'var g = Math.abs;\ng = function (y) { y[0] = 1; return 0; };\nexport function h(x) { return g(x); }\n';
  const dirs = (body: string) => directions(`import { f, h } from './lib.js';\n${task('p: number[]', body)}`, { 'lib.js': lib }).dirs;
  assert.equal(dirs('return f(p);'), ['p:in']);
  assert.equal(dirs('return h(p);'), ['p:inout']);
});

test('a built-in that only reads, handed as a callback (row.filter(Number.isFinite), xs.map(Math.abs)), reads; a function writing the array it is handed writes', () => {
  assert.equal(directions(task('row: number[]', 'return row.filter(Number.isFinite).length + row.map(Math.abs).length + row.map(String).length;')).dirs, ['row:in']);
  assert.equal(directions(task('objs: { v: number }[]', 'return objs.map(JSON.stringify).join();')).dirs, ['objs:in']);
  const prelude = 'function zero(_: number, i: number, a: number[]) { a[i] = 0; }';
  const written = directions(task('row: number[]', 'row.forEach(zero);', prelude));
  assert.equal(written.dirs, ['row:inout']);
  assert.match(written.reasons.row, /its elements are passed to `zero`, which writes them/);
});

test('the this argument of an element visitor (xs.forEach(out.add, out)) is written by the function it is handed to', () => {
  const set = directions(task('out: Set<number>', '[7, 8].forEach(out.add, out);'));
  assert.equal(set.dirs, ['out:inout']);
  assert.match(set.reasons.out, /given as `this` to `out.add` by `\[7, 8\]\.forEach\(out\.add, out\)`, which may change it/);
  const prelude = 'export class Bag { items: number[] = []; add(v: number) { this.items.push(v); } }';
  assert.equal(directions(task('b: Bag', '[1, 2].forEach(b.add, b);', prelude)).dirs, ['b:inout']);
  assert.equal(directions(task('xs: number[], o: { k: number }', 'return xs.map((x) => x * 2, o).length;')).dirs, ['xs:in', 'o:in']);
});

test('a TypeScript namespace\'s own functions are followed (`V.getX(p)` of `export const getX = (a) => a.x` read; tester #25\'s r29 took it as unknown code)', () => {
  const prelude = 'export namespace V { export type T = { x: number }; export const getX = (a: T): number => a.x; export function bump(a: T) { a.x++; }\n' +
    '  export namespace In { export const peek = (a: T): number => a.x; } }';
  assert.equal(directions(task('ps: V.T[]', 'let s = 0; for (const p of ps) s += V.getX(p) + V.In.peek(p); return s;', prelude)).dirs, ['ps:in']);
  assert.equal(directions(task('ps: V.T[]', 'for (const p of ps) V.bump(p);', prelude)).dirs, ['ps:inout']);
});

test.run();
