/**
 * A callback parameter the function replaces is no longer what the caller gave (analysis/supplied.ts): the
 * reading-callbacks summary took `cb(p)` after `cb = writer` (or lodash's `stack || (stack = new Stack)`) to call the
 * caller's function, so a caller passing a reader made good an assumption about a function it never passed, and p was
 * inferred `in` although the call writes it (unsound). An assignment that cannot run before the call changes nothing.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { taskDirections as directions, withTask as task } from './task-directions';

const LIB = `
function writer(x) { x[0] = 1; }
export function reader(x) { return x[0]; }
function each(a, f) { f(a); }
export function replacedThenHanded(p, cb) { cb = writer; each(p, cb); }
export function maybeReplaced(p, cb) { if (p.length > 1) cb = writer; each(p, cb); }
export function replacedThenCalled(p, cb) { cb = writer; cb(p); }
export function defaulted(p, cb) { cb || (cb = writer); cb(p); }
export function replacedAfter(p, cb) { var r = cb(p); cb = writer; return r; }
export function replacedInLoop(p, cb) { for (var i = 0; i < 2; i++) { cb(p); cb = writer; } }
export function normalized(p, cb) { cb = typeof cb == 'function' ? cb : undefined; if (cb) cb(p); }
function wrap(f) { return function (x) { return f(x); }; }
function wrapWriter(f) { return function (x) { x[0] = 1; return f(x); }; }
export function wrapped(p, cb) { cb = wrap(cb); cb(p); }
export function wrappedWriter(p, cb) { cb = wrapWriter(cb); cb(p); }
`;
const IMPORTS = "import { reader, replacedThenHanded, maybeReplaced, replacedThenCalled, defaulted, replacedAfter, replacedInLoop, normalized, wrapped, wrappedWriter } from './lib.js';";

test('a callback parameter replaced before it is called or handed on is not the caller\'s function', () => {
  for (const body of ['replacedThenHanded(p, reader);', 'maybeReplaced(p, reader);', 'replacedThenCalled(p, reader);',
    'defaulted(p, reader);', 'defaulted(p);', 'replacedInLoop(p, reader);', 'wrappedWriter(p, reader);']) {
    const found = directions({ 'lib.js': LIB, ...task('p: number[]', body, IMPORTS) });
    assert.match(found.p, /^inout:/, `${body}: ${found.p}`);
  }
});

test('a callback parameter replaced only after its last call, or by its own value, or by a reader made of it, reads', () => {
  for (const body of ['return replacedAfter(p, reader);', 'normalized(p, reader);', 'wrapped(p, reader);']) {
    const found = directions({ 'lib.js': LIB, ...task('p: number[]', body, IMPORTS) });
    assert.match(found.p, /^in:/, `${body}: ${found.p}`);
  }
});

test.run();
