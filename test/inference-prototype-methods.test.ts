/**
 * Constructor-function classes (prototype-members.ts): `function Counter() { this.n = 0 }` with methods assigned to
 * `Counter.prototype.m = …` or given by `Counter.prototype = { … }`. A call on an instance runs that function with
 * `this` the instance, judged as a class's method is; a `new` keeps in the instance what the constructor stores.
 * Twins: a method writing what the instance holds (`this.__data__.length = 0`) writes the argument the constructor
 * stored; and a prototype changed in a way the analysis does not follow leaves the
 * call unknown.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ts from 'typescript';
import { createAnalysisProgram } from '../transformer/analysis/program';
import { createContext } from '../transformer/analysis/context';
import { Summaries } from '../transformer/analysis/summaries';
import { discoverTasks } from '../transformer/analysis/discover';
import { taskDirections as directions, withTask as task } from './task-directions';

/** The task's directions for `p` when it returns `L.g(p)` of lib.js (`lib`: its source). */
const viaLib = (lib: string, signature = 'p: number[]'): string =>
  directions({ 'lib.js': lib, ...task(signature, 'return L.g(p);', "import * as L from './lib.js';") }).p;

const READ = 'function (xs) { this.n += xs.length; }';
const WRITE = 'function (xs) { xs.length = 0; this.n++; }';
const USE = 'export function g(p) { var c = new Counter(); c.add(p); return c.total(); }';
/** Methods assigned one by one, one of them a function declared apart (lodash's `Stack.prototype.get = stackGet`). */
const ASSIGNED = (add: string, extra = ''): string => `function Counter() { this.n = 0; }\nfunction counterTotal() { return this.n; }\n` +
  `Counter.prototype.add = ${add};\nCounter.prototype['total'] = counterTotal;\n${extra}${USE}`;
/** The prototype given by an object literal of function expressions. */
const LITERAL = (add: string): string => `function Counter() { this.n = 0; }\nCounter.prototype = { add: ${add}, total: function () { return this.n; } };\n${USE}`;
/** The shape compilers give an ES5 class (ramda's XWrap, TypeScript's output): made and returned by a function called at once. */
const ES5 = (add: string): string => `var Counter = /*#__PURE__*/function () {\n  function Counter() { this.n = 0; }\n` +
  `  Counter.prototype.add = ${add};\n  Counter.prototype['total'] = function () { return this.n; };\n  return Counter;\n}();\n${USE}`;

test('a method assigned to a constructor function\'s prototype runs with the instance as `this`', () => {
  for (const lib of [ASSIGNED(READ), LITERAL(READ), ES5(READ), ASSIGNED(READ, 'export var Alias = Counter;\n')]) assert.match(viaLib(lib), /^in:/, lib);
  // (A function the constructor's module exports apart, called on its instances in another module.)
  const lib = 'function Box(data) { this.__data__ = data; }\nBox.prototype.size = function () { return this.__data__.length; };\n' +
    'export function g(p) { return new Box(p).size() + 1; }';
  assert.match(viaLib(lib), /^in:/, lib);
});

test('twins: the method writing its argument, or what the instance holds, writes the parameter', () => {
  for (const lib of [ASSIGNED(WRITE), LITERAL(WRITE), ES5(WRITE)]) assert.match(viaLib(lib), /^inout:/, lib);
  // What the constructor stored (`this.__data__ = data`), written by a method.
  // (Not under the name of a built-in that changes its object, `clear`: such a call is judged by the name, as a write
  // of the instance's own slots, for a class's method too; see the report of this change.)
  const lib = 'function Box(data) { this.__data__ = data; }\nfunction boxWipe() { this.__data__.length = 0; }\nBox.prototype.wipe = boxWipe;\n' +
    'Box.prototype.size = function () { return this.__data__.length; };\nexport function g(p) { var b = new Box(p); b.wipe(); return b.size(); }';
  assert.match(viaLib(lib), /^inout:/, lib);
  // What a method stored in the instance (`this.held = xs`), written by another or handed out and written.
  const held = 'function Counter() { this.n = 0; }\nfunction keep(xs) { this.held = [xs]; }\nCounter.prototype.keep = keep;\n' +
    'Counter.prototype.wipe = function () { this.held[0].length = 0; };\nCounter.prototype.peek = function () { return this.held[0]; };\n';
  for (const use of ['c.wipe();', 'c.peek()[0] = 1;']) {
    const lib = `${held}export function g(p) { var c = new Counter(); c.keep(p); ${use} }`;
    assert.match(viaLib(lib), /^inout:/, lib);
  }
});

test('a prototype changed in a way the analysis does not follow leaves the call unknown', () => {
  for (const extra of [
    // A subclass whose prototype holds Counter's (its instances may be handed where a Counter is expected).
    `function Sub() {}\nSub.prototype = Object.create(Counter.prototype);\nSub.prototype.add = ${WRITE};\n`,
    'function inherits(a, b) { a.prototype = Object.create(b.prototype); }\nfunction Sub() {}\ninherits(Sub, Counter);\n',
    // The prototype replaced by a value of unknown shape, or an instance's prototype set anywhere.
    `function make() { return { add: ${WRITE} }; }\nexport function swap() { Counter.prototype = make(); }\n`,
    'export function swap(o, q) { Object.setPrototypeOf(o, q); }\n',
    'export function swap(o, q) { o.__proto__ = q; }\n',
    // A method replaced on an instance (replaced-members.ts).
    `export function swap(c) { c.add = ${WRITE}; }\n`,
    // Through a variable holding the constructor, or handed to code.
    `var Alias = Counter;\nfunction make() { return { add: ${WRITE} }; }\nexport function swap() { Alias.prototype = make(); }\n`,
    'export var all = [Counter];\n',
  ]) {
    const lib = ASSIGNED(READ, extra);
    assert.match(viaLib(lib), /^inout:/, lib);
  }
});

/** Whether the task's `p`, handed to `L.g(p)` of lib.js, outlives the call (escapes) by the analysis the plan reads. */
function escapes(lib: string): string | undefined {
  const sources = new Map(Object.entries({ 'lib.js': lib, ...task('p: number[]', 'return L.g(p);', "import * as L from './lib.js';") })
    .map(([name, text]) => [`/virtual/${name}`, text]));
  const program = createAnalysisProgram(ts, [...sources.keys()], sources);
  const ctx = createContext(ts, program);
  return discoverTasks(ctx, new Summaries(ctx), program.getSourceFile('/virtual/main.ts')!).tasks[0].params[0].escapes;
}

test('what a constructor function only run by `new` stores in `this` is kept by the new object, not stored outside', () => {
  const BOX = 'function Box(data) { this.__data__ = data; }\n';
  const local = `${BOX}export function g(p) { var b = new Box(p); return b.__data__.length; }`;
  assert.is(escapes(local), undefined, local);
  // Twins: the new object kept by the module, which the program reads (one nothing reads back stays in the worker:
  // np44's F3); the function also run on another object (`Box.call(this, d)` of a subclass).
  for (const lib of [
    `${BOX}var kept = [];\nexport function g(p) { kept.push(new Box(p)); return 0; }\nexport function size() { return kept.length; }`,
    `${BOX}function Sub(d) { Box.call(this, d); }\nexport function g(p) { var s = new Sub(p); return s.__data__.length; }`,
  ]) assert.ok(escapes(lib), lib);
});

test.run();
