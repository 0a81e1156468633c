/**
 * A callback parameter the function replaces is no longer only what the caller gave (analysis/replaced-callees.ts):
 * the reading-callbacks summary took `cb(p)` after `cb = writer` (or lodash's `stack || (stack = new Stack)`) to call
 * the caller's function, so a caller passing a reader made good an assumption about a function it never passed, and p
 * was inferred `in` although the call writes it (unsound). The replacing value is modelled, not given up on: a
 * function of the program is one the call may run, judged at the call by its summary (with the reason naming it); one
 * that reads, or a wrapper of the caller's own function, keeps the call a reading one; the caller's function is still
 * assumed to read where the replacement is conditional. An assignment that cannot run before the call changes nothing.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { taskDirections as directions, withTask as task } from './task-directions';

const LIB = `
function writer(x) { x[0] = 1; }
export function reader(x) { return x[0]; }
function each(a, f) { f(a); }
function readBoth(a, b) { return a[0] + b[0]; }
function writeFirst(a, b) { a[0] = b[0]; }
// (Reads only under its own callbacks' assumption, that what it is given has reading methods: its general summary writes.)
function viaMethods(a, b) { return a.interpolateWith(b); }
const defaultParser = (v) => Date.parse(v);
export function replacedThenHanded(p, cb) { cb = writer; each(p, cb); }
export function maybeReplaced(p, cb) { if (p.length > 1) cb = writer; each(p, cb); }
export function replacedThenCalled(p, cb) { cb = writer; cb(p); }
export function defaulted(p, cb) { cb || (cb = writer); cb(p); }
export function ifMissing(p, cb) { if (!cb) cb = writer; cb(p); }
export function defaultedReader(p, cb) { cb || (cb = readBoth); cb(p, p); }
export function orDefault(p, parser) { parser = parser || defaultParser; return parser(p); }
export function replacedAfter(p, cb) { var r = cb(p); cb = writer; return r; }
export function replacedInLoop(p, cb) { for (var i = 0; i < 2; i++) { cb(p); cb = writer; } }
export function normalized(p, cb) { cb = typeof cb == 'function' ? cb : undefined; if (cb) cb(p); }
function wrap(f) { return function (x) { return f(x); }; }
function wrapWriter(f) { return function (x) { x[0] = 1; return f(x); }; }
export function wrapped(p, cb) { cb = wrap(cb); cb(p); }
export function wrappedWriter(p, cb) { cb = wrapWriter(cb); cb(p); }
// d3-interpolate's piecewise: with one argument, the data comes in the callback's place and a function of the library
// interpolates (its elements handed on through a variable, \`v = values[++i]\`).
export function piecewise(cb, values) { if (values === undefined) values = cb, cb = viaMethods; var i = 0, v = values[0]; cb(v, v = values[++i]); }
// A table's function handed on (untyped: it may be anything), and data made by \`new\` handed on (d3's \`b = c\` with \`c =
// color(b)\`), whose methods the callee calls as a caller's object's.
const table = { w: writer };
export function viaTable(p, cb, k) { cb = table[k]; each(p, cb); }
function Box(v) { this.v = v; }
Box.prototype.get = function () { return this.v; };
function box(v) { return v == null ? null : (v = [v], new Box(v)); }
function callsGet(a, b) { return b.get(a); }
export function boxed(p, b) { var c; b = (c = box(b)); callsGet(p, b); }
export function piecewiseWriting(cb, values) { if (values === undefined) values = cb, cb = writeFirst; var i = 0, v = values[0]; cb(v, v = values[++i]); }
`;
const NAMES = ['reader', 'replacedThenHanded', 'maybeReplaced', 'replacedThenCalled', 'defaulted', 'ifMissing', 'defaultedReader', 'orDefault',
  'replacedAfter', 'replacedInLoop', 'normalized', 'wrapped', 'wrappedWriter', 'piecewise', 'piecewiseWriting', 'viaTable', 'boxed'];
const IMPORTS = `import { ${NAMES.join(', ')} } from './lib.js';`;
const directionOf = (body: string): string => directions({ 'lib.js': LIB, ...task('p: number[][]', body, IMPORTS) }).p;

test('a callback parameter replaced by a writer before it is called or handed on is not only the caller\'s function', () => {
  for (const body of ['replacedThenHanded(p, reader);', 'maybeReplaced(p, reader);', 'replacedThenCalled(p, reader);',
    'defaulted(p, reader);', 'defaulted(p);', 'ifMissing(p, reader);', 'ifMissing(p);', 'replacedInLoop(p, reader);', 'wrappedWriter(p, reader);',
    "viaTable(p, reader, 'w');"]) {
    assert.match(directionOf(body), /^inout:/, body);
  }
});

test('a call through a parameter replaced by a function of the program has that function\'s effects, and says so', () => {
  assert.match(directionOf('ifMissing(p, reader);'), /^inout: .*passed to `cb`, which may be `writer`, which writes it: writes an element: `x\[0\] = 1`/);
  assert.match(directionOf('piecewiseWriting(p);'), /^inout: .*which may be `writeFirst`, which writes it/);
});

test('a callback parameter replaced only after its last call, by its own value, by a reader made of it or by a reading function, reads', () => {
  for (const body of ['return replacedAfter(p, reader);', 'normalized(p, reader);', 'wrapped(p, reader);', 'defaultedReader(p, reader);',
    'defaultedReader(p);', 'return orDefault(p, reader);', 'return orDefault(p);', 'boxed(p, p[0]);']) {
    assert.match(directionOf(body), /^in:/, body);
  }
});

test('a function replacing a callback parameter is judged at the call, with what the call gives it (d3\'s piecewise)', () => {
  for (const body of ['piecewise(p);', 'piecewise(reader, p);']) assert.match(directionOf(body), /^in:/, body);
});

test.run();
