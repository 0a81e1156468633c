/**
 * Direction inference on patterns found in libraries added to the oracle untuned (geometric, extra-array,
 * json-pointer; bench/oracle/libraries.ts), each written in untyped JavaScript beside the task as such a library is.
 * Each asserts `in` where nothing writes the parameter, and a write where the same shape does write it (soundness
 * twins).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { taskDirections as directions, withTask as task } from './task-directions';

const IMPORT = "import * as L from './lib.js';";
/** The task's directions when it calls `g` of lib.js (`lib`: its source). */
const found = (lib: string, signature: string, body: string): Record<string, string> =>
  directions({ 'lib.js': lib, ...task(signature, body, IMPORT) });

test('what a storing method of an untyped receiver is given (push, unshift, splice, fill) is kept, not written', () => {
  for (const lib of [
    // extra-array's concat$: `x.push(...y)` for each y of ys.
    'export function g(x, ...ys) { for (var y of ys) x.push(...y); return x; }',
    'export function g(x, p) { x.unshift(...p); return x; }',
    'export function g(x, p) { x.splice(0, 0, ...p); return x; }',
    'export function g(x, p) { x.push(p); return x.length; }',
  ]) {
    const p = found(lib, 'p: number[]', 'return L.g([0], p);').p;
    assert.match(p, /^in:/, `${lib}: ${p}`);
  }
});

test('what a storing method keeps is written through the receiver later, and the receiver is written', () => {
  for (const lib of [
    'export function g(x, p) { x.push(p); x[0][0] = 1; }',
    'export function g(x, p) { x.unshift(p); x[0][0] = 1; }',
    'export function g(x, p) { x.splice(0, 0, p); x[0][0] = 1; }',
    'export function g(x, p) { x.fill(p); x[0][0] = 1; }',
    'export function g(x, p) { x.push(...p); x[0][0] = 1; }',
  ]) {
    const p = found(lib, 'p: number[][]', 'L.g([[0]], p);').p;
    assert.match(p, /^inout:/, `${lib}: ${p}`);
  }
  const x = found('export function g(x, ...ys) { for (var y of ys) x.push(...y); return x; }', 'x: number[]', 'L.g(x, [1]);').x;
  assert.match(x, /^inout:.*push/, x);
});

test.run();
