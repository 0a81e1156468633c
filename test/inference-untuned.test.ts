/**
 * Direction inference on patterns found in libraries added to the oracle untuned (@antfu/utils, fast-json-patch,
 * moderndash; bench/oracle/libraries.ts), each written in untyped JavaScript beside the task as such a library is: a
 * destructuring assignment into the slots of a fresh copy (a swap), and a changing method on a receiver nothing
 * resolves (`patches.push({ value: p })`). Each asserts `in` where nothing writes the parameter, and a write where
 * the same shape does write it (soundness twins).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { taskDirections as directions, withTask as task } from './task-directions';

const IMPORT = "import * as L from './lib.js';";
/** The task's directions when it calls `g` of lib.js (`lib`: its source). */
const found = (lib: string, signature: string, body: string): Record<string, string> =>
  directions({ 'lib.js': lib, ...task(signature, body, IMPORT) });

test('a destructuring assignment into a fresh copy\'s slots writes the copy, not the parameter it was copied from', () => {
  for (const lib of [
    // moderndash's shuffle: a copy, then swaps.
    'export function g(p) { const c = [...p]; for (let i = c.length - 1; i > 0; i--) { const j = i - 1; [c[i], c[j]] = [c[j], c[i]]; } return c; }',
    'export function g(p) { const c = p.slice(); [c[0]] = c; return c; }',
    'export function g(p) { const o = { ...p }; ({ a: o.b, b: o.a } = o); return o; }',
  ]) {
    const p = found(lib, 'p: any', 'return L.g(p);').p;
    assert.match(p, /^in:/, `${lib}: ${p}`);
  }
});

test('a destructuring assignment stays sound: into the parameter, into a part of it, through what a target gets', () => {
  for (const [lib, signature] of [
    ['export function g(p) { [p[0], p[1]] = [p[1], p[0]]; }', 'p: number[]'],
    ['export function g(p) { const c = p; [c[0], c[1]] = [c[1], c[0]]; }', 'p: number[]'],
    ['export function g(p) { const c = [...p]; [c[0][0]] = [1]; }', 'p: number[][]'],
    // The copy's slots hold the parameter's elements: a write into one after the swap writes them.
    ['export function g(p) { const c = [...p]; [c[0], c[1]] = [c[1], c[0]]; c[0][0] = 1; }', 'p: number[][]'],
    ['export function g(p) { const c = []; [c[0]] = [p]; c[0][0] = 1; }', 'p: number[]'],
    // Defaults, rests and renamed targets get what the right side (or the default) holds.
    ['export function g(p) { let x; [x = p] = []; x[0] = 1; }', 'p: number[]'],
    ['export function g(p) { let x; ({ x = p } = {}); x[0] = 1; }', 'p: number[]'],
    ['export function g(p) { let x; ({ k: x } = { k: p }); x[0] = 1; }', 'p: number[]'],
    ['export function g(p) { let x; [, ...x] = p; x[0][0] = 1; }', 'p: number[][]'],
    ['export function g(p) { const o = {}; ({ a: o.k } = { a: p }); o.k[0] = 1; }', 'p: number[]'],
  ]) {
    const p = found(lib, signature, 'L.g(p);').p;
    assert.match(p, /^inout:/, `${lib}: ${p}`);
  }
});

test('a changing method on an untyped receiver keeps its arguments there: they are not written by the call', () => {
  for (const lib of [
    // fast-json-patch's _generate: the patches array is a parameter of an untyped helper.
    'function gen(a, out) { out.push({ op: "test", value: a }); } export function g(p) { const out = []; gen(p, out); return out.length; }',
    // moderndash's group: `(result[key] ??= []).push(elem)`.
    'export function g(p) { const r = {}; for (const e of p) (r[e.k] ??= []).push(e); return r; }',
    'export function g(p) { const r = {}; for (const e of p) (r[e.k] || (r[e.k] = [])).unshift(e); return r; }',
    // @antfu/utils' move: indexes handed to splice.
    'export function g(arr, p) { const l = arr.slice(); l.splice(0, 0, p); return l; }',
    'export function g(m, p) { m.set("k", p); }',
  ]) {
    const p = found(lib, 'p: any', 'L.g([], p);').p;
    assert.match(p, /^in:/, `${lib}: ${p}`);
  }
});

test('a changing method on an untyped receiver stays sound: what it keeps is written through the receiver later, and it writes the receiver', () => {
  for (const [lib, body] of [
    ['export function g(l, p) { l.push({ v: p }); l[0].v[0] = 1; }', 'L.g([], p);'],
    ['export function g(l, p) { l.unshift(p); l[0][0] = 1; }', 'L.g([], p);'],
    ['export function g(l, p) { l.splice(0, 0, p); for (const x of l) x[0] = 1; }', 'L.g([], p);'],
    ['export function g(m, p) { m.set("k", p); m.get("k")[0] = 1; }', 'L.g(new Map(), p);'],
    // Kept in the caller's list: a later write through the list writes p.
    ['export function g(l, p) { l.push(p); }', 'const l: number[][] = []; L.g(l, p); l[0][0] = 1;'],
    // The receiver itself.
    ['export function g(l, p) { p.push(l); }', 'L.g(1, p);'],
    // sort calls its argument with the elements: an unknown comparator may write them.
    ['export function g(l, p) { const c = [p, p]; c.sort(l); }', 'L.g((a: number[]) => { a[0] = 1; return 0; }, p);'],
  ]) {
    const p = found(lib, 'p: any', body).p;
    assert.match(p, /^inout:/, `${lib} / ${body}: ${p}`);
  }
});

test.run();
