/**
 * Whether a function lets a parameter out of the call (escaped: stored outside it, or returned) or keeps it in
 * another parameter: a task that does keeps its calls direct ("its result would share the caller's object"). One
 * construct per case, each with a twin that does let it out (tester #16's G4 and G5: a method's own object is followed as
 * a parameter is, function-effects.ts thisEffects).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ts from 'typescript';
import { createAnalysisProgram } from '../transformer/analysis/program';
import { createContext, type FunctionLike } from '../transformer/analysis/context';
import { Summaries } from '../transformer/analysis/summaries';

/** The summary of the exported function `t` declared in `code`, by parameter name: direction-relevant flags and why. */
function effects(code: string): Record<string, { written: boolean; escaped?: string; kept?: string }> {
  const name = '/virtual/main.ts';
  const program = createAnalysisProgram(ts, [name], new Map([[name, code]]));
  const ctx = createContext(ts, program);
  const file = program.getSourceFile(name)!;
  const fn = file.statements.find((s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && s.name?.text === 't')!;
  const summary = new Summaries(ctx).get(fn as FunctionLike);
  return Object.fromEntries(fn.parameters.map((p, i) => {
    const e = summary.params[i];
    return [p.name.getText(), { written: e.written !== undefined, escaped: e.escaped?.text, kept: e.kept?.text }];
  }));
}

test('a destructuring swap of a parameter\'s elements writes it and lets nothing out', () => {
  const { xs } = effects('export function t(xs: { n: number }[]) { [xs[0], xs[1]] = [xs[1], xs[0]]; }');
  assert.ok(xs.written);
  assert.is(xs.escaped, undefined);
  assert.is(xs.kept, undefined);
});

test('a destructuring assignment into module state lets the parameter out', () => {
  const { xs } = effects('export let kept: { n: number } | undefined;\nexport function t(xs: { n: number }[]) { [kept] = [xs[0]]; }');
  assert.match(xs.escaped ?? '', /stored outside the function/);
});

test('a destructuring assignment into another parameter\'s slot keeps it there', () => {
  const { xs, ys } = effects('export function t(xs: { n: number }[], ys: { n: number }[]) { [ys[0], xs[0]] = [xs[0], ys[0]]; }');
  assert.match(xs.kept ?? '', /kept in `ys`/);
  assert.match(ys.kept ?? '', /kept in `xs`/);
});

test('an object pattern into slots of the same parameter lets nothing out; a default from another is kept', () => {
  const same = effects('export function t(xs: { n: number }[]) { ({ a: xs[0], b: xs[2] } = { a: xs[2], b: xs[0] }); }');
  assert.is(same.xs.escaped, undefined);
  const dflt = effects('export function t(xs: { n: number }[], d: { n: number }) { [xs[0] = d] = [xs[1]]; }');
  assert.match(dflt.d.kept ?? '', /kept in `xs`/);
});

const LIST = `export class Node { next: Node | null = null; constructor(public v: number) {} }
export class List {
  head: Node | null = null;
  values(): number[] { const out: number[] = []; for (let n = this.head; n; n = n.next) out.push(n.v); return out; }
  doubleAll(): void { for (let n = this.head; n; n = n.next) n.v *= 2; }
  find(v: number): Node | null { for (let n = this.head; n; n = n.next) if (n.v === v) return n; return null; }
}
`;

test('a method walking its list with a cursor and collecting numbers only reads it, and its result holds none of it', () => {
  const { l } = effects(LIST + 'export function t(l: List) { return l.values(); }');
  assert.not.ok(l.written);
  assert.is(l.escaped, undefined, 'l.values() is a fresh array of numbers');
});

test('a cursor walk that writes the nodes writes the list', () => {
  assert.ok(effects(LIST + 'export function t(l: List) { l.doubleAll(); }').l.written);
});

test('a cursor walk that returns a node hands a part of the list out', () => {
  const { l } = effects(LIST + 'export function t(l: List) { return l.find(2); }');
  assert.match(l.escaped ?? '', /returned/);
});

test('a class method whose state is outside its object (a module Map) still hands back what an earlier call gave it', () => {
  const store = 'const cache = new Map<number, { k: number }>();\nexport class Box { put(o: { k: number }) { cache.set(1, o); } get() { return cache.get(1)!; } }\n';
  const { p } = effects(store + 'export function t(p: { k: number }, b: Box) { b.put(p); b.get().k = 1; }');
  assert.ok(p.written || p.escaped !== undefined, 'p is written through the Map, or let out');
});


// What a result's type can hold (analysis/typed-reach.ts): tester #17's r14.
test('a result typed to hold only numbers or strings (a record, an array, a Map) holds none of a parameter; a fitting parameter may still be it', () => {
  const e = effects(`
function totals<T>(x: T): Record<string, number> { return x as any; }
function opaque(x: unknown): any { return x; }
export function t(orders: { c: string; n: number }[], tags: string[], m: Map<string, number>, u: unknown): Record<string, number> {
  if (tags.length) return totals(orders);
  if (orders.length) return totals(tags);
  if (m.size) return opaque(m) as Record<string, number>;
  return u as Record<string, number>;
}`);
  // (A helper whose declared result type lies through a cast is believed: the type is the contract.)
  assert.is(e.orders.escaped, undefined, 'an array of records cannot be a Record<string, number>');
  assert.is(e.tags.escaped, undefined);
  assert.match(e.m.escaped ?? '', /returned/, 'a cast says nothing of what the value is');
  assert.match(e.u.escaped ?? '', /returned/, 'an unknown cast to the record may be it');
});

test('a result typed as an array of numbers may be a parameter of that type or one of its parts, never part of another', () => {
  const e = effects(`
function numbers<T>(x: T): number[] { return x as any; }
export function t(xs: number[], rows: { n: number }[]): number[] { return xs.length ? numbers(xs) : numbers(rows); }`);
  assert.match(e.xs.escaped ?? '', /returned/);
  assert.is(e.rows.escaped, undefined, 'a number[] is no part of rows');
  // (A row of number[][] is a number[]: `first(rows)` may hand it back, and a write to the result writes rows.)
  const parts = effects(`
function numbers<T>(x: T): number[] { return x as any; }
export function t(rows: number[][]): number[] { return numbers(rows); }`);
  assert.match(parts.rows.escaped ?? '', /returned/);
});

test('a function or an object type listing nothing says nothing of what it holds: a returned parameter stays returned', () => {
  const e = effects(`
export function t(f: (x: number) => number, o: {}): unknown { f(1); return Math.random() > 0.5 ? f : o; }`);
  assert.match(e.f.escaped ?? '', /returned/);
  assert.match(e.o.escaped ?? '', /returned/);
  // (A closure over a parameter, returned under a name: its type lists no property, yet it holds the parameter.
  // Without the function check this one was dropped.)
  const closure = effects('export function t(o: { k: number[] }): () => number { const g = () => o.k[0]; return g; }');
  assert.match(closure.o.escaped ?? '', /returned/);
});

test('rows pushed into entries of a local Map (a groupBy) stay in the call; returned with the Map, or pushed into an entry holding a parameter\'s array, they do not', () => {
  const local = effects(`
export function t(rows: { c: string }[]): number {
  const m = new Map<string, { c: string }[]>();
  for (const r of rows) (m.get(r.c) ?? m.set(r.c, []).get(r.c)!).push(r);
  for (const r of rows) { if (!m.has(r.c)) m.set(r.c, []); m.get(r.c)!.push(r); }
  return m.size;
}`);
  assert.equal(local.rows, { written: false, escaped: undefined, kept: undefined }, 'tester #18\'s r08');
  const returned = effects(`
export function t(rows: { c: string }[]): Map<string, { c: string }[]> {
  const m = new Map<string, { c: string }[]>();
  for (const r of rows) { if (!m.has(r.c)) m.set(r.c, []); m.get(r.c)!.push(r); }
  return m;
}`);
  assert.match(returned.rows.escaped ?? '', /returned/);
  assert.is(returned.rows.written, false);
  const shared = effects(`
export function t(rows: { c: string }[], into: { c: string }[][]): number {
  const m = new Map<string, { c: string }[]>();
  m.set('a', into[0]);
  for (const r of rows) m.get('a')!.push(r);
  return m.size;
}`);
  assert.ok(shared.into.written, 'the entry is into[0]');
  // (As for `const e = [into[0]]; e[0].push(r)`: the rows may be written through into[0], and travel back with it.)
  assert.ok(shared.rows.written || shared.rows.kept || shared.rows.escaped, 'the rows are not merely read');
});

test('an entry of a Map built from pairs, or of an array, is a parameter put there: writes through get, at and values() write it', () => {
  for (const body of [
    'const m = new Map([["k", p]]); m.get("k")![0] = 1;',
    'const m = new Map([["k", p]]); for (const v of m.values()) v[0] = 1;',
    'const m = new Map(new Map([["k", p]])); m.get("k")![0] = 1;',
    'const m = new Map<string, number[]>(Object.entries({ k: p })); m.get("k")![0] = 1;',
    'const a = [[p]]; a.at(0)![0][0] = 1;',
    'const m = new Map<number, number[]>(); [p].forEach((x, i) => m.set(i, x)); m.get(0)![0] = 1;',
  ]) assert.ok(effects(`export function t(p: number[]): void { ${body} }`).p.written, body);
});

test.run();
