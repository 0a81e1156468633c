/**
 * A part of a parameter handed back or kept somewhere the task writes later: the write is the parameter's (issue 16's
 * soundness items). A helper returning `a[0]` (typed-reach.ts kept only parameters whose own type fits the result:
 * `number[]` of `a: number[][]` did not, so `first(from)[0] = 1` left `from` in); a constructor's parameter property
 * (`constructor(public a: …)` keeps its argument in the new object: parameter-properties.ts); `Reflect.get(o, k)`
 * (a part of o, not a fresh value of a built-in method); and a part stored into another parameter, which the task lets
 * out (its calls stay direct), so later writes through the other parameter still reach it in the caller's object;
 * also when a built-in stores it (`Object.defineProperty(to, 'x', { get: () => from[0] })` let nothing out).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { taskDirections as directions, withTask as task } from './task-directions';
import * as ts from 'typescript';
import { createAnalysisProgram } from '../transformer/analysis/program';
import { createContext } from '../transformer/analysis/context';
import { Summaries } from '../transformer/analysis/summaries';
import { discoverTasks } from '../transformer/analysis/discover';

const from = (body: string, prelude = '', signature = 'from: number[][]'): string => directions(task(signature, body, prelude)).from;

test('a helper handing back a part of its parameter: writing the result writes the parameter', () => {
  for (const [body, prelude, signature] of [
    ['first(from)[0] = 1;', 'function first(a: number[][]) { return a[0]; }'],
    ['const x = first(from); x.push(1);', 'function first(a: number[][]): number[] { return a[0]; }'],
    ['first(from)[0] = 1;', 'const first = (a: number[][]) => a.at(0)!;'],
    ['get(from).push(1);', 'function get(o: { a: { b: { c: { d: { e: number[] } } } } }): number[] { return o.a.b.c.d.e; }',
      'from: { a: { b: { c: { d: { e: number[] } } } } }'],
    ['pick(from, "a").push(1);', 'function pick(m: Record<string, number[]>, k: string): number[] { return m[k]; }', 'from: Record<string, number[]>'],
  ]) assert.match(from(body, prelude, signature), /^inout:/, body + prelude);
  // Twin: a result typed so it holds no part of the parameter (a count) writes nothing of it.
  assert.match(from('let n = count(from); n++;', 'function count(a: number[][]): number { return a.length; }'), /^in:/);
});

test('a parameter property keeps its argument in the new object', () => {
  for (const [body, prelude] of [
    ['const b = new Box(from); b.a[0].push(1);', 'class Box { constructor(public a: number[][]) {} }'],
    ['new Box(from).get().push(1);', 'class Box { constructor(private readonly a: number[][]) {} get() { return this.a[0]; } }'],
  ]) assert.match(from(body, prelude), /^inout:/, body);
  assert.match(from('return new Box(from).size();', 'class Box { constructor(private a: number[][]) {} size() { return this.a.length; } }'), /^in:/);
});

test('what a constructor keeps is let out only where its new object goes', () => {
  const escapes = (body: string, prelude: string) => letOut(task('from: number[][]', body, prelude));
  const heap = 'class Heap { private items: number[] = []; constructor(private less: (a: number, b: number) => boolean) {} ' +
    'push(x: number) { this.items.push(x); this.items.sort((a, b) => (this.less(a, b) ? -1 : 1)); } }\n';
  const box = 'class Box { a: number[][]; constructor(a: number[][]) { this.a = a; } }\n';
  const sub = 'class Base { constructor(public a: number[][]) {} }\nclass Sub extends Base { constructor(a: number[][]) { super(a); } }\n';
  // A local object: gone with the call, nothing let out (np20's 19-er-triage-heap: a comparator capturing the task's
  // parameter, given to a local heap).
  for (const [body, prelude] of [
    ['const h = new Heap((a, b) => a * from.length < b); h.push(1);', heap],
    ['const b = new Box(from); return b.a.length;', box],
    ['const s = new Sub(from); return s.a.length;', sub],
  ]) assert.is(escapes(body, prelude), undefined, body);
  // The new object returned or stored out of sight: the argument goes with it.
  for (const [body, prelude] of [
    ['return new Box(from);', box], ['KEEP.push(new Box(from));', `${box}const KEEP: Box[] = [];\n`],
    ['return new Sub(from);', sub], ['KEEP.push(new Heap(() => from.length > 0));', `${heap}const KEEP: Heap[] = [];\n`],
  ]) assert.ok(escapes(body, prelude), body);
  // Written through the new object, or through a subclass's whose base keeps it: the argument is written.
  assert.match(from('new Box(from).a[0].push(1);', box), /^inout:/);
  assert.match(from('const s = new Sub(from); s.a[0][0] = 1;', sub), /^inout:/);
});

test('Reflect.get hands back a part of its object', () => {
  assert.match(from('const x: number[] = Reflect.get(from, 0); x.push(1);'), /^inout:/);
  assert.match(from('const x = Reflect.get(from, 0) as number[]; return x.length;'), /^in:/);
});

test('a part of one parameter stored into another: let out (kept), so the task is not taken as leaving it alone', () => {
  const T = (body: string, prelude = '') => {
    const files = task('from: number[][], to: number[][]', body, prelude);
    return { from: directions(files).from, files };
  };
  for (const [body, prelude] of [
    ['to.push(from[0]);', ''], ['to.push(first(from));', 'function first(a: number[][]) { return a[0]; }'],
    ['for (const x of from) to.push(x);', ''], ['to.splice(0, 0, from[0]);', ''],
    ['put(to, from);', 'function put(t: number[][], f: number[][]) { t.push(f[0]); }'],
    // Built-ins storing into their first argument: a defined property's value or getter, Reflect.set, a prototype.
    ['Object.defineProperty(to, "x", { get: () => from[0] });', ''], ['Object.defineProperty(to, "x", { value: from[0] });', ''],
    ['Reflect.set(to, "x", from[0]);', ''], ['Object.setPrototypeOf(to, from);', ''],
  ]) {
    const { files } = T(body, prelude);
    assert.ok(escapesOf(files), body);
  }
  // Written afterwards through the other parameter, inside the task: the part's owner is written.
  assert.match(T('to.push(from[0]); to[0][0] = 1;').from, /^inout:/);
});

/** Whether the task's `from` is let out (kept by another parameter), by the analysis the plan reads. */
function escapesOf(files: Record<string, string>): string | undefined { return fromParam(files)?.escapes; }

/** Whether the task's `from` is let out, or handed back in its result. */
function letOut(files: Record<string, string>): string | undefined { const p = fromParam(files); return p?.escapes ?? p?.returned; }

function fromParam(files: Record<string, string>) {
  const sources = new Map(Object.entries(files).map(([name, text]) => [`/virtual/${name}`, text]));
  const program = createAnalysisProgram(ts, [...sources.keys()], sources);
  const ctx = createContext(ts, program);
  const { tasks } = discoverTasks(ctx, new Summaries(ctx), program.getSourceFile('/virtual/main.ts')!);
  return tasks[0].params.find((p) => p.name === 'from');
}

// lodash's nativeKeys (`overArg(Object.keys, Object)`) and arrayLikeKeys' `isArguments(value)`, one of two readers.
test('a made function calling a built-in of fresh results, or a choice of readers, hands back nothing of its argument', () => {
  const viaLib = (lib: string, body = 'const k: any = g(o); k[0] = 1;') =>
    directions({ 'lib.js': lib, 'main.ts': `import { g } from './lib.js';\n/** @task */\nexport function t(o: { a: number[] }): void { ${body} }` }).o;
  const overArg = 'function overArg(func, transform) { return function (arg) { return func(transform(arg)); }; }\n';
  assert.match(viaLib(`${overArg}var nativeKeys = overArg(Object.keys, Object);\nexport function g(v) { return nativeKeys(v); }`), /^in:/);
  // Twin: a factory given a function that may hand its argument back.
  assert.match(viaLib(`${overArg}var same = overArg(function (x) { return x; }, Object);\nexport function g(v) { return same(v); }`, 'const k: any = g(o); k.a.push(1);'), /^inout:/);
  const choice = 'function a(v) { return v.x === 1; }\nfunction b(v) { return false; }\nvar h = a(1) ? a : b;\n';
  assert.match(viaLib(`${choice}export function g(value) { var s = h(value), result = s ? ['k'] : []; return result; }`), /^in:/);
  // Twins: a choice that may hand it back, used as the result or written.
  const back = 'function a(v) { return v; }\nfunction b(v) { return false; }\nvar h = a(1) ? a : b;\n';
  assert.match(viaLib(`${back}export function g(value) { var s = h(value); return s; }`, 'const k: any = g(o); k.a.push(1);'), /^inout:/);
  assert.match(viaLib(`${back}export function g(value) { var s = h(value); s.a.push(1); }`, 'g(o);'), /^inout:/);
});

test('a logical assignment assigns, and a tagged template gives its values to its tag', () => {
  for (const [body, prelude] of [
    ['let x: number[] | undefined; x ??= from[0]; x.push(1);', ''], ['let x: number[] | null = null; x ||= from[0]; x.push(1);', ''],
    ['let x: number[] = [1]; x &&= from[0]; x.push(1);', ''],
    ['tag`${from}`;', 'function tag(s: TemplateStringsArray, a: number[][]) { a[0].push(1); }'],
  ]) assert.match(from(body, prelude), /^inout:/, body);
  assert.match(from('return String.raw`${from.length}`;'), /^in:/);
  const files = task('from: number[][], to: { x?: number[] }', 'to.x ??= from[0];', '');
  assert.ok(escapesOf(files), 'to.x ??= from[0] keeps a part of from in to');
});

// lodash's arrayLikeKeys: `isType = isTypedArray(value)`, a choice of two functions, one a closure a factory made over a
// reader (`baseUnary(nodeIsTypedArray)`), which hands value to that function; the result is only tested.
test('a choice of functions handing the argument to a callback: only what the reach follows of the result is it', () => {
  const viaLib = (lib: string, body = 'const k: any = g(o); k[0] = 1;') =>
    directions({ 'lib.js': lib, 'main.ts': `import { g } from './lib.js';\n/** @task */\nexport function t(o: { a: number[] }): void { ${body} }` }).o;
  const unary = 'function unary(func) { return function (value) { return func(value); }; }\nfunction base(v) { return false; }\n';
  const reader = `${unary}function nat(v) { return Array.isArray(v); }\nvar isT = typeof Symbol === 'function' ? unary(nat) : base;\n`;
  assert.match(viaLib(`${reader}export function g(value) { var t = isT(value), result = t ? ['k'] : []; return result; }`), /^in:/);
  // Twins: a bound function that may hand its argument back, whose result is returned, kept in another argument, or written.
  const back = `${unary}function nat(v) { return v; }\nvar isT = typeof Symbol === 'function' ? unary(nat) : base;\n`;
  assert.match(viaLib(`${back}export function g(value) { var t = isT(value); return t; }`, 'const k: any = g(o); k.a.push(1);'), /^inout:/);
  assert.match(viaLib(`${back}export function g(value) { return [isT(value)]; }`, 'const k: any = g(o); k[0].a.push(1);'), /^inout:/);
  assert.match(viaLib(`${back}export function g(value, out) { out.push(isT(value)); }`, 'const out: any[] = []; g(o, out); out[0].a.push(1);'), /^inout:/);
  assert.match(viaLib(`${back}export function g(value) { isT(value).a.push(1); }`, 'g(o);'), /^inout:/);
});

test.run();
