/**
 * Direction inference on patterns met in libraries the oracle added last (underscore, es-toolkit: issue 16's reach):
 * a callback run through `call`/`apply`, and large recursive groups of functions. Each case asserts the precise
 * direction when the call site's callbacks only read, and the write when they do not (soundness).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { taskDirections as directions, withTask as main } from './task-directions';

// underscore's optimizeCb and the `f.apply(this, arguments)` wrappers (memoize, negate, before).
const CALLING = `
export function each(xs: number[][], f: (x: number[]) => unknown, context?: unknown): void {
  for (let i = 0; i < xs.length; i++) f.call(context, xs[i]);
}
export function wrap(f: (...a: unknown[]) => unknown) {
  return function (this: unknown, ...rest: unknown[]) { return f.apply(this, rest); };
}
export function relay(xs: number[][], f: (x: number[][]) => unknown): unknown { return f.apply(null, [xs]); }
`;

test('a callback run through call/apply: what the call site passes decides, as for f(x)', () => {
  const reads = directions(main('p: number[][]', 'let s = 0; each(p, (x) => { s += x[0]; }); relay(p, (q) => q.length); return s;', CALLING));
  assert.match(reads.p, /^in:/, reads.p);
  const writes = directions(main('p: number[][]', 'each(p, (x) => { x[0] = 1; });', CALLING));
  assert.match(writes.p, /^inout:.*x\[0\] = 1/, writes.p);
  const writesAll = directions(main('p: number[][]', 'relay(p, (q) => { q.pop(); });', CALLING));
  assert.match(writesAll.p, /^inout:/, writesAll.p);
  // An unknown function (not a reader the call site can vouch for) is still unknown code.
  const unknown = directions(main('p: number[][]', 'each(p, g);', `${CALLING}\ndeclare function g(x: number[]): void;`));
  assert.match(unknown.p, /^inout:/, unknown.p);
  // The wrapper's function runs later with what the wrapped function is given: the wrapped one writes its argument.
  const wrapped = directions(main('p: number[]', 'const w = wrap((a) => { (a as number[])[0] = 1; }); w(p);', CALLING));
  assert.match(wrapped.p, /^inout:/, wrapped.p);
});

test('f.call keeps nothing in f, but a callback that keeps what it is given keeps it', () => {
  const keeps = directions(main('p: number[][], out: number[][][]', 'each(p, (x) => { out.push([x]); }); out[0][0][0] = 1;', CALLING));
  assert.match(keeps.p, /^inout:/, keeps.p);
  const calls = directions(main('p: number[][]', 'each(p, (x) => x.length);', CALLING));
  assert.match(calls.p, /^in:/, calls.p);
});

test('a TypeScript `this` parameter takes no argument: the arguments bind the parameters after it', () => {
  const prelude = 'function g(this: unknown, a: number[], b: number[]) { a[0] = b[0]; }';
  const found = directions(main('p: number[], q: number[]', 'g(p, q);', prelude));
  assert.match(found.p, /^inout:.*a\[0\] = b\[0\]/, found.p);
  assert.match(found.q, /^in:/, found.q);
  // Through a wrapper's `f.apply(this, rest)`: the wrapped function writes what the wrapper is given.
  const wrapped = directions(main('p: number[]', 'const w = wrap((a) => { (a as number[])[0] = 1; }); w(p);', CALLING));
  assert.match(wrapped.p, /^inout:/, wrapped.p);
});

test('a large recursive group is analysed once per change of what it rests on, and a write deep in it is found', () => {
  // Mutually recursive, each calling the others many times (es-toolkit's isEqualWith/areObjectsEqual shape).
  const prelude = `
function a(x: unknown[], y: unknown[], d: number): boolean { return d > 0 && (b(x, y, d - 1) || c(x, y, d - 1) || b(y, x, d - 2) || c(y, x, d - 2)); }
function b(x: unknown[], y: unknown[], d: number): boolean { return d > 0 && (a(x, y, d - 1) || c(x, y, d - 1) || a(y, x, d - 2)); }
function c(x: unknown[], y: unknown[], d: number): boolean { if (d === 7) (y as number[])[0] = 1; return d > 0 && (a(x, y, d - 1) || b(y, x, d - 1)); }`;
  const started = Date.now();
  const found = directions(main('p: unknown[], q: unknown[]', 'return a(p, q, 9);', prelude));
  assert.match(found.p, /^inout:.*\[0\] = 1/, found.p); // c swaps its arguments through b: both may be written
  assert.match(found.q, /^inout:/, found.q);
  assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
});

test('reduce\'s accumulator starts as the initial value and is then what the callback returns, not the receiver', () => {
  const task = (body: string): Record<string, string> => directions(main('p: { k: string }[]', body, ''));
  // The group-by idiom: writes into a fresh accumulator only.
  const grouped = task('return p.reduce((acc: Record<string, number>, x) => { acc[x.k] = 1; return acc; }, {});');
  assert.match(grouped.p, /^in:/, grouped.p);
  // The callback returns an element, or the accumulator holds the elements: writing through it writes p.
  const element = task('const a = p.reduce((acc, x) => x, { k: "" }); a.k = "w";');
  assert.match(element.p, /^inout:.*a\.k = "w"/, element.p);
  const held = task('const b = p.reduce((acc: { k: string }[], x) => { acc.push(x); return acc; }, []); b[0].k = "w";');
  assert.match(held.p, /^inout:/, held.p);
  // Without an initial value the accumulator starts as the first element.
  const first = task('p.reduce((acc, x) => { acc.k += x.k; return acc; });');
  assert.match(first.p, /^inout:/, first.p);
  // An untyped receiver's reduce may be anything (a JavaScript library's parameter): assumed the built-in only where the
  // caller's object is vouched for (reading-callbacks summary), so its general summary keeps the accumulator as the list.
  const js = { 'lib.js': 'export function group(list) { return list.reduce((acc, x) => { acc[x.k] = x; return acc; }, {}); }' };
  const typed = directions({ ...js, ...main('p: { k: string }[]', 'return group(p);', "import { group } from './lib.js';") });
  assert.match(typed.p, /^in:/, typed.p);
  const custom = directions({ ...js, ...main('p: { reduce: (f: (a: unknown, x: unknown) => unknown, i: unknown) => unknown }', 'return group(p);',
    "import { group } from './lib.js';") });
  assert.match(custom.p, /^inout:/, custom.p);
});

test('a function declared after a parameter is replaced, and named only after it, sees the replacement (d3-geo rotation)', () => {
  const replaced = directions(main('p: { k: number }[]', 'p = [{ k: 0 }];\nfunction get() { return p; }\nconst g = get;\nget()[0].k = 1; g()[0].k = 2;', ''));
  assert.match(replaced.p, /^in:/, replaced.p);
  for (const body of [
    // Called before the replacement, or through another hoisted function that is.
    'function get() { return p; }\nget()[0].k = 1;\np = [{ k: 0 }];',
    'function a() { return b(); }\na()[0].k = 1;\np = [{ k: 0 }];\nfunction b() { return p; }',
    'const early = () => get();\np = [{ k: 0 }];\nfunction get() { return p; }\nearly()[0].k = 1;',
  ]) {
    const written = directions(main('p: { k: number }[]', body, ''));
    assert.match(written.p, /^inout:/, `${body}: ${written.p}`);
  }
});

test('iterating by hand (values[Symbol.iterator]().next()) reads the iterable as for…of does; writing an element still writes it', () => {
  const files = { 'lib.js': `
export function total(values) { const it = values[Symbol.iterator](); let s = 0, r; while (!(r = it.next()).done) s += r.value.k; return s; }
export function bump(values) { const it = values[Symbol.iterator](); const { done, value } = it.next(); if (!done) value.k = 1; }
` };
  const reads = directions({ ...files, ...main('p: { k: number }[]', 'return total(p);', "import { total } from './lib.js';") });
  assert.match(reads.p, /^in:/, reads.p);
  const writes = directions({ ...files, ...main('p: { k: number }[]', 'bump(p);', "import { bump } from './lib.js';") });
  assert.match(writes.p, /^inout:/, writes.p);
});

// A reduce accumulator that is one fresh literal all along has the built-in methods although the JavaScript is untyped
// (analysis/accumulators.ts): `acc.push(o)` keeps o in it, and what the result holds is still followed.
const ACCUMULATORS = `
export const flat = (lists) => lists.reduce((acc, list) => { acc.push(...list); return acc; }, []);
export const copy = (list) => list.reduce((acc, o) => { acc.push(o); return acc; }, []);
export const copyW = (list) => list.reduce((acc, o) => { acc.push(o); acc[0].k = 1; return acc; }, []);
export const other = (list, into) => list.reduce((acc, o) => { acc.push(o); return into; }, []);
export const seeded = (list, into) => list.reduce((acc, o) => { acc.push(o); return acc; }, into);
`;

test('a literal reduce accumulator keeps what it is given; another accumulator, or writing what it holds, writes', () => {
  const run = (signature: string, body: string): string => directions({ 'acc.js': ACCUMULATORS, ...main(signature, body,
    "import { flat, copy, copyW, other, seeded } from './acc.js';") }).p;
  assert.match(run('p: number[][]', 'return flat(p);'), /^in:/);
  assert.match(run('p: { k: number }[]', 'return copy(p);'), /^in:/);
  for (const body of ['copy(p)[0].k = 2;', 'return copyW(p);', 'return other(p, { push(o: any) { o.k = 1; } });',
    'return seeded(p, { push(o: any) { o.k = 1; } });']) assert.match(run('p: { k: number }[]', body), /^inout:/, body);
});

// Results that are fresh by the built-in that makes them (analysis/fresh-results.ts).
const FRESH = `
export function sorted(list, cmp) { return Array.prototype.slice.call(list, 0).sort(cmp); }
export function inserted(list, i, x) { const result = Array.prototype.slice.call(list, 0); result.splice(i, 0, x); return result; }
export function reversed(text) { return text.split('').reverse(); }
export function lerps(fs, t) { const x = []; for (let i = 0; i < fs.length; i++) x.push(fs[i]); let s = 0; for (let i = 0; i < x.length; i++) s += x[i](t); return s; }
export function sortedView(list, cmp) { return Array.prototype.slice.call(list, 0).sort(cmp).map((o) => { o.k = 1; return o; }); }
`;
const IMPORT_FRESH = "import { sorted, inserted, reversed, lerps, sortedView } from './fresh.js';";

test('a copy made through X.prototype.m.call, a string method\'s result and a local array of closures are none of the parameters', () => {
  for (const [signature, body] of [
    ['p: { k: number }[]', 'return sorted(p, (a: { k: number }, b: { k: number }) => a.k - b.k).length;'],
    ['p: { k: number }[]', 'return inserted(p, 0, { k: 1 }).length;'],
    ['p: any', 'return reversed(p).length;'],
    ['p: ((t: number) => number)[]', 'return lerps(p, 0.5);'],
  ]) {
    const found = directions({ 'fresh.js': FRESH, ...main(signature, body, IMPORT_FRESH) });
    assert.match(found.p, /^in:/, `${body}: ${found.p}`);
  }
});

test('really written stays inout: the copy holds the elements themselves, and writing them writes them', () => {
  const found = directions({ 'fresh.js': FRESH, ...main('p: { k: number }[]', 'return sortedView(p, (a: { k: number }, b: { k: number }) => a.k - b.k).length;', IMPORT_FRESH) });
  assert.match(found.p, /^inout:/, found.p);
});

test('a logical assignment\'s value is the old object or the one put in: `const x = (a ||= b); x.push(1)` may write b', () => {
  const either = directions(main('a: number[] | undefined, b: number[]', 'const x = (a ||= b); x.push(1);', ''));
  assert.match(either.b, /^inout:/, either.b);
  const lazy = directions(main('o: { list?: number[] }, b: number[]', 'const l = (o.list ??= b); l.push(1);', ''));
  assert.match(lazy.b, /^inout:/, lazy.b);
  assert.match(lazy.o, /^inout:/, lazy.o);
});

test('`new DataView(buffer)` neither reads nor writes the buffer; writes through the view write it', () => {
  const found = directions(`
function same(a: ArrayBuffer, b: ArrayBuffer) { const x = new DataView(a); const y = new DataView(b); return x.getUint8(0) === y.getUint8(0); }
function poke(c: ArrayBuffer) { const v = new DataView(c, 0); v.setUint8(0, 1); return 0; }
/** @task */
export function t(a: ArrayBuffer, b: ArrayBuffer, c: ArrayBuffer, d: ArrayBuffer) { new DataView(d).setFloat64(0, 2); return (same(a, b) ? 1 : 0) + poke(c); }
`);
  assert.match(found.a, /^in:/, found.a);
  assert.match(found.b, /^in:/, found.b);
  assert.match(found.c, /^inout:.*setUint8/, found.c);
  assert.match(found.d, /^inout:.*setFloat64/, found.d);
});

test('what a pattern or a for…of head assigns is assigned: `[p] = [q]`, `({ p } = { p: q })`, `for (p of [q])`, `for ([p] of [q])` after a replacement, then `p.push` writes q', () => {
  const cases = [
    ['p: number[][], q: number[][]', 'p = []; [p] = [q]; p.push([1]); return p.length;'],
    ['p: number[], q: number[]', 'p = []; ({ p } = { p: q }); p.push(1); return p.length;'],
    ['p: number[], q: number[]', 'p = []; for (p of [q]) p.push(1); return p.length;'],
    ['p: number[], q: number[][]', 'let r: number[] = []; for ([r] of [q]) r.push(1); return p.length + r.length;'],
  ];
  for (const [signature, body] of cases) {
    const found = directions(main(signature, body, ''));
    assert.match(found.q, /^inout:/, `${body}: q ${found.q}`);
  }
  // A replaced parameter itself is still only read: `p = []` took the caller's object out of it.
  assert.match(directions(main('p: number[], q: number[]', 'p = []; p.push(q[0]); return p.length;', '')).p, /^in:/);
});

test('a local replaced at the top of a loop step holds only what was assigned for the rest of the step (tester #26\'s r28, the clipping loop), not before it, nor in a closure made there', () => {
  const clip = 'let out = p; for (let r = 0; r < 2; r++) { const input = out; out = []; for (const v of input) if (v % 2 === 0) out.push(v / 2); } return out;';
  assert.match(directions(main('p: number[]', clip, '')).p, /^in:/);
  const before = 'let out = p; for (let r = 0; r < 2; r++) { out.push(r); out = []; } return out.length;';
  assert.match(directions(main('p: number[]', before, '')).p, /^inout:/, 'a write before the replacement in the step');
  const closure = 'let out = p; let f = () => 0; for (let i = 0; i < 2; i++) { out = []; if (i === 0) f = () => out.push(1); if (i === 1) { out = p; f(); } } return out.length;';
  assert.match(directions(main('p: number[]', closure, '')).p, /^inout:/, 'a closure made after the replacement runs in a later step');
  const branch = 'let out = p; for (let i = 0; i < 2; i++) { if (i > 0) out = []; out.push(1); } return out.length;';
  assert.match(directions(main('p: number[]', branch, '')).p, /^inout:/, 'a replacement under a condition decides nothing');
});

test.run();
