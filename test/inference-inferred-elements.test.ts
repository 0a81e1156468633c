/**
 * An element type the checker inferred from an initializer (`var l = [0]`: number[]) that an `any` belies
 * (inferred-elements.ts): JavaScript puts the parameter into the "number[]" by push, unshift, a splice insert or a
 * slot, and a write into an element then writes the parameter. Each must infer it `inout`; twins where only numbers
 * go in stay `in`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { taskDirections as directions, withTask as task } from './task-directions';

const viaLib = (lib: string): string =>
  directions({ 'lib.js': lib, ...task('p: number[]', 'g(p);', "import { g } from './lib.js';") }).p;

test('a parameter stored into an array inferred to hold numbers is still written through its elements', () => {
  for (const lib of [
    'export function g(p) { var l = [0]; l.push(p); l[0][0] = 1; }',
    'export function g(p) { var l = [0]; l.unshift(p); l[0][0] = 1; }',
    'export function g(p) { var l = [0]; l.splice(0, 0, p); l[0][0] = 1; }',
    'export function g(p) { var l = [0]; l[1] = p; l[1][0] = 1; }',
    'export function g(p) { var l = [0]; l.push(p); for (const o of l) o[0] = 1; }',
    'export function g(p) { var l = [0]; l.push(p); var c = l.slice(); c[1][0] = 1; }',
  ]) {
    assert.match(viaLib(lib), /^inout:/, lib);
  }
});

test('twins: an array of numbers that only ever gets numbers keeps its type', () => {
  for (const lib of [
    'export function g(p) { var l = [0]; l.push(p.length); l[0] = p[0] + 1; return l; }',
    'export function g(p) { var l = [0]; for (var i = 0; i < p.length; i++) l.push(p[i] * 2); return l.slice(); }',
  ]) {
    assert.match(viaLib(lib), /^in:/, lib);
  }
});

test.run();
