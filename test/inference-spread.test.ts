/**
 * Arguments spread into a call of the program's function (transformation-matrix's `transform(...matrices)`), and
 * arguments after such a spread: they suffer what any parameter they may land in suffers (spread-arguments.ts), where
 * they were taken as given to unknown code. Each precise case has its written twin: an element written through a
 * parameter, a rest parameter's element written, a parameter returned and then written, an argument pushed into an
 * earlier parameter's place by an empty spread.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { taskDirections as directions } from './task-directions';

const LIB = `
function total(...xs) { let s = 0; for (const x of xs) s += x.v; return s; }
function pair(a, b) { return a.v + b.v; }
function clear(...xs) { xs.length = 0; xs.push(1); return xs.length; }
function bump(a, b) { b.v = 1; return 0; }
function deep(...xs) { xs[0].v = 1; return 0; }
function second(a, b) { return b; }
function first(a, b) { a.v = 1; return 0; }
export function sumAll(p) { return total(...p) + pair(...p); }
export function cleared(p) { return clear(...p); }
export function bumped(p) { return bump(...p); }
export function deepened(p) { return deep(...p); }
export function picked(p) { second(...p).v = 2; return 0; }
export function after(p, q) { return first(...p, q); }
`;

test('a spread array whose elements land in parameters that only read, or in a rest array only its own slots of which change, is read', () => {
  const found = directions({ 'lib.js': LIB, 'main.ts': `import { sumAll, cleared } from './lib.js';
/** @task */
export function t(p: { v: number }[], q: { v: number }[]) { return sumAll(p) + cleared(q); }
` });
  assert.match(found.p, /^in:/, found.p);
  assert.match(found.q, /^in:/, found.q);
});

test('a spread array whose element a parameter writes, a rest array\'s element written, or an element returned and written, is written', () => {
  const found = directions({ 'lib.js': LIB, 'main.ts': `import { bumped, deepened, picked } from './lib.js';
/** @task */
export function t(p: { v: number }[], q: { v: number }[], r: { v: number }[]) { return bumped(p) + deepened(q) + picked(r); }
` });
  assert.match(found.p, /^inout:.*passed to `bump`, which writes it: writes a property: `b\.v = 1`/, found.p);
  assert.match(found.q, /^inout:.*xs\[0\]\.v = 1/, found.q);
  assert.match(found.r, /^inout:/, found.r);
});

test('an argument after a spread may land in any parameter from its place on: written where an earlier one is', () => {
  const found = directions({ 'lib.js': LIB, 'main.ts': `import { after } from './lib.js';
/** @task */
export function t(p: { v: number }[], q: { v: number }) { return after(p, q); }
` });
  assert.match(found.p, /^inout:/, found.p);
  assert.match(found.q, /^inout:.*a\.v = 1/, found.q);
});

test.run();
