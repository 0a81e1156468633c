/**
 * Module state only tasks use and keep from call to call (transformer/analysis/kept-state.ts): which tasks carry it,
 * `inout` where they change it and `in` where they only read it; and the compile error where it cannot travel. Also
 * module state the program changes, read by code a task runs without a call the checker resolves.
 * test/programs/kept-state runs such programs against the plain build.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ts from 'typescript';
import { basename } from 'node:path';
import { createAnalysisProgram } from '../transformer/analysis/program';
import { formatDiagnostic } from '../transformer/analysis/diagnostics';
import { programTasks } from '../transformer/program-tasks';

/** Per task, the module state it carries (`COUNTER inout`), and the compile errors. */
function kept(files: Record<string, string> | string): { errors: string; state: Record<string, string> } {
  const sources = new Map(Object.entries(typeof files === 'string' ? { 'main.ts': files } : files).map(([name, text]) => [`/virtual/${name}`, text]));
  const program = createAnalysisProgram(ts, [...sources.keys()], sources);
  const found = programTasks(ts, program);
  const state: Record<string, string> = {};
  for (const task of found.tasks.values()) {
    state[task.name] = (task.moduleState ?? []).map((s) => `${basename(s.key)}${s.kept ? (s.changes ? ' inout' : ' in') : ' snapshot'}`).join(', ');
  }
  return { errors: found.diagnostics.map((d) => formatDiagnostic(found.ctx, d)).join('\n'), state };
}

const task = (name: string, signature: string, body: string) => `/** @task */\nexport function ${name}(${signature}) { ${body} }\n`;

test('a count only tasks keep and look at travels with the calls, inout', () => {
  for (const body of ['COUNTER.n++; return `#${COUNTER.n}`;', 'return (COUNTER.n += 1);', 'COUNTER.n = COUNTER.n + 1; return COUNTER.n;',
    'Object.assign(COUNTER, { n: COUNTER.n + 1 }); return COUNTER.n;']) {
    const { errors, state } = kept(`const COUNTER = { n: 0 };\n${task('f', 'x: number', body)}`);
    assert.is(errors, '', body);
    assert.equal(state, { f: 'main.ts#COUNTER inout' }, body);
  }
});

test('a result made afresh from the state is no part of it: an ID record, a copy of numbers (tester #13\'s m03, m04)', () => {
  const id = kept(`const SEQ = { n: 0 };\n${task('ticket', 'name: string', 'SEQ.n += 1; return { id: SEQ.n, name };')}`);
  assert.is(id.errors, '');
  assert.equal(id.state, { ticket: 'main.ts#SEQ inout' });
  const copy = kept(`const HIST = { values: [] as number[] };\n${task('observe', 'v: number', 'HIST.values.push(v); return HIST.values.slice();')}`);
  assert.is(copy.errors, '');
  assert.equal(copy.state, { observe: 'main.ts#HIST inout' });
  // A map whose callback counts in the state returns new numbers (tester #29's F5: refused as "returns part of it").
  const mapped = kept(`const STATS = { mapped: 0 };\n${task('doubled', 'xs: number[]', 'return xs.map((x) => { STATS.mapped++; return x * 2; });')}console.log(doubled([1]), STATS.mapped);\n`);
  assert.is(mapped.errors, '');
  assert.equal(mapped.state, { doubled: 'main.ts#STATS inout' });
  const named = kept(`const STATS = { mapped: 0 };\n${task('doubled', 'xs: number[]', 'const out = xs.map((x) => { STATS.mapped++; return x * 2; }); return out;')}console.log(doubled([1]), STATS.mapped);\n`);
  assert.is(named.errors, '');
  // Array.from/Array.of make a new array too (np39's E1, rng-singleton: `gen.next()` numbers were "part of" gen).
  const drawn = kept(`class Lcg { s = 7; next() { this.s = (this.s * 48271) % 2147483647; return this.s; } }\nexport const GEN = new Lcg();\n${task('draw', 'n: number', 'return Array.from({ length: n }, () => GEN.next() % 100);')}`);
  assert.is(drawn.errors, '');
  assert.equal(drawn.state, { draw: 'main.ts#GEN inout' });
  const listed = kept(`const SEQ = { n: 0 };\n${task('pair', 'x: number', 'return Array.of(++SEQ.n, x);')}`);
  assert.is(listed.errors, '');
  // Objects a map hands out may be the state's own: still refused.
  const handed = kept(`const POOL = { items: [{ v: 1 }] };\n${task('pick', 'xs: number[]', 'POOL.items.push({ v: xs.length }); return xs.map((i) => POOL.items[i]);')}`);
  assert.match(handed.errors, /returns part of it/);
});

test('a list appended to, a ring shifted in place, an interner, a keyed counter: inout', () => {
  const cases: [string, string][] = [
    ['const LOG: number[] = [];', 'return LOG.push(x);'],
    ['const BUF = new Int32Array(4);', 'BUF.copyWithin(0, 1); BUF[3] = x; return BUF.join("");'],
    ['const IDS = new Map<string, number>();', 'let id = IDS.get(String(x)); if (id === undefined) { id = IDS.size; IDS.set(String(x), id); } return id;'],
    ['const COUNTS = new Map<number, number>();', 'COUNTS.set(x, (COUNTS.get(x) ?? 0) + 1); return COUNTS.get(x)!;'],
    ['const SEEN = new Set<number>();', 'const had = SEEN.has(x); SEEN.add(x); return !had;'],
    ['const T = { last: 0 };', 'if (x > 0) T.last = x; return T.last;'],
  ];
  for (const [declaration, body] of cases) {
    const { errors, state } = kept(`${declaration}\n${task('f', 'x: number', body)}`);
    assert.is(errors, '', body);
    assert.match(state.f, / inout$/, body);
  }
});

test('through a helper the task calls, and through an exported class\'s method that changes its object', () => {
  const helper = kept(`const C = { n: 0 };\nfunction tick() { C.n += 1; return C.n; }\n${task('f', 'x: number', 'return x + tick();')}`);
  assert.is(helper.errors, '');
  assert.equal(helper.state, { f: 'main.ts#C inout' });
  const rng = kept(`export class Lcg { seed = 7; next() { this.seed = (this.seed * 31 + 11) % 1000; return this.seed; } }\nconst RNG = new Lcg();\n${task('draw', '', 'return RNG.next();')}`);
  assert.is(rng.errors, '');
  assert.equal(rng.state, { draw: 'main.ts#RNG inout' });
});

test('an interner in a helper the task calls, read back by another task, is kept too (tester #13\'s m15)', () => {
  const { errors, state } = kept('const HOSTS = new Map<string, number>();\n' +
    'function hostId(h: string): number { let i = HOSTS.get(h); if (i === undefined) { i = HOSTS.size; HOSTS.set(h, i); } return i; }\n' +
    task('ids', 'hs: string[]', 'return hs.map((h) => hostId(h));') + task('names', '', 'return [...HOSTS.keys()];'));
  assert.is(errors, '');
  assert.equal(state, { ids: 'main.ts#HOSTS inout', names: 'main.ts#HOSTS in' });
  const cache = kept('const MEMO = new Map<number, number>();\nfunction sq(x: number) { if (!MEMO.has(x)) MEMO.set(x, x * x); return MEMO.get(x)!; }\n' +
    task('f', 'x: number', 'return sq(x);'));
  // Not kept: a cache in a helper (as before, the helper counts as a program change, so calls carry the main thread's copy).
  assert.equal(cache.state, { f: 'main.ts#MEMO snapshot' }, 'a cache in a helper is no kept state');
});

test('a task that only reads state another task keeps carries it in; one that also changes it, inout', () => {
  const { errors, state } = kept(`const CONF = { mode: 'plain' };\nconst CACHE = new Map<string, string>();\n` +
    task('setMode', 'm: string', 'CONF.mode = m;') + task('render', 's: string', "return CONF.mode === 'upper' ? s.toUpperCase() : s;") +
    task('other', 's: string', 'return s.length;'));
  assert.is(errors, '');
  assert.equal(state, { setMode: 'main.ts#CONF inout', render: 'main.ts#CONF in', other: '' });
});

test('state set afresh, caches keyed by what they compute from and counts nothing looks at stay each worker\'s own', () => {
  const { errors, state } = kept(`const T = { tmp: 0 };\nconst MEMO = new Map<number, number>();\nconst STATS = { calls: 0 };\n` +
    task('a', 'x: number', 'T.tmp = x * 2; return T.tmp + 1;') + task('b', 'x: number', 'if (!MEMO.has(x)) MEMO.set(x, x * x); return MEMO.get(x)!;') +
    task('c', 'x: number', 'STATS.calls++; return x;'));
  assert.is(errors, '');
  assert.equal(state, { a: '', b: '', c: '' });
});

test('a RegExp literal without g or y changes nothing; a global one keeps its lastIndex', () => {
  assert.equal(kept(`const WORD = /\\w+/;\n${task('f', 's: string', 'return WORD.test(s);')}`).state, { f: '' });
  assert.equal(kept(`const DIGIT = /\\d/g;\n${task('f', 's: string', 'return DIGIT.test(s);')}`).state, { f: 'main.ts#DIGIT inout' });
  // Given to a string's matching method by a helper of another module (np22's r27: each call carried a snapshot of
  // it, and its calls were not reordered).
  const helper = (flags: string) => ({ 'h.ts': `const VOWELS = /[aeiou]+/${flags};\nexport function vowels(w: string) { return w.match(VOWELS)?.length ?? 0; }\n`,
    'main.ts': `import { vowels } from './h';\n${task('score', 's: string', 'return vowels(s);')}` });
  assert.equal(kept(helper('')).state, { score: '' });
  assert.match(kept(helper('g')).state.score, /h\.ts#VOWELS/);
});

test('a library global\'s own methods keep no state of the program\'s: `Math.max(...xs, ...ys)`, `JSON.parse(s)` (np71\'s min-math-two-spreads was refused as changing `Math`)', () => {
  for (const body of ['return Math.max(...xs.map((v) => Math.abs(v)), ...ys.map((v) => Math.abs(v)));', 'return Math.max(...xs, ...ys) + Math.min(...ys, ...xs);',
    'return JSON.parse(JSON.stringify(xs)).length + Number.parseFloat(String(ys[0]));']) {
    const { errors, state } = kept(task('extent', 'xs: number[], ys: number[]', body));
    assert.is(errors, '', body);
    assert.equal(state, { extent: '' }, body);
  }
});

test('state that cannot travel, or that a task hands out, is a compile error naming it', () => {
  assert.match(kept(`const C = (() => {\n  class Counter { n = 0; next() { return ++this.n; } } return new Counter(); })();\n${task('f', '', 'return C.next();')}`).errors,
    /main\.ts:4:.*task f: changes `C`, module state, from its own old value; .* it cannot travel with them: it is an instance of class Counter, which its module does not export/);
  assert.match(kept(`const MEMO = new Map<number, number[]>();\n${task('f', 'n: number', 'let d = MEMO.get(n); if (!d) { d = [n]; MEMO.set(n, d); } return d;')}`).errors,
    /task f: changes `MEMO`, .* the task returns part of it \(`d`\)/);
  assert.match(kept(`const C = { list: [0] };\nfunction tick() { C.list.push(1); return C.list.length; }\n${task('f', 'x: number', 'return x + tick();')}const l = C.list;`).errors,
    /it cannot travel with the calls: the program uses it at main\.ts:5 \(`l = C\.list`\) in a way that lets a part of it out of sight/, 'a part the program keeps');
  assert.match(kept(`let n = 0;\nfunction tick() { return ++n; }\n${task('f', '', 'return tick();')}`).errors,
    /main\.ts:2:.*task f: runs code that uses `n` \(main\.ts:1 `n = 0`\), a variable outside the task that is reassigned/, 'a module let a helper counts in');
  assert.match(kept(`function makeCounter() { let n = 0; return () => ++n; }\nconst next = makeCounter();\n${task('f', '', 'return next();')}`).errors,
    /task f: runs code that uses `n`/, 'a count a factory\'s closure keeps (tester #12\'s m04)');
  assert.match(kept({ 'main.ts': `import { makeRand } from './rng';\nconst rand = makeRand(11);\n${task('f', '', 'return rand();')}`,
    'rng.ts': 'export function makeRand(seed: number): () => number { let s = seed; return () => { s = (s * 16807) % 2147483647; return s; }; }' }).errors,
    /rng\.ts:1:.*task f: runs code that uses `s`/, 'a factory in another module, its closure typed `() => number` (tester #12\'s p09)');
  assert.match(kept(`const counter = (() => { let n = 0; return { next: () => ++n }; })();\n${task('f', '', 'return counter.next();')}`).errors,
    /task f: runs code that uses `n`/, 'a count an IIFE\'s closure keeps, called as a method of the object it returns');
  assert.is(kept(`function makeCounter() { let n = 0; return () => ++n; }\n${task('f', '', 'const next = makeCounter(); next(); return next();')}`).errors, '',
    'a closure made afresh by each call');
  assert.match(kept(`const S = { list: [[1]] as number[][] };\n${task('f', 'n: number', 'S.list.push([n]); return { first: S.list[0], n };')}`).errors,
    /the task returns part of it \(`\{ first: S\.list\[0\], n \}`\)/, 'a literal holding an object of the state');
  assert.match(kept(`const S = { list: [[1]] as number[][] };\n${task('f', 'n: number', 'S.list.push([n]); return S.list.slice();')}`).errors,
    /the task returns part of it/, 'a copy of a list of the state\'s objects');
  assert.match(kept(`class Settings { static calls = 0; }\n${task('f', '', 'return ++Settings.calls;')}`).errors, /only a module-level `const` object can travel/);
});

test('module state a method of an argument\'s class reads travels too: String(p) runs its toString (tester #12\'s m37)', () => {
  const money = 'export const CURRENCY = { symbol: "$" };\nexport class Price { constructor(public cents: number) {} toString() { return `${CURRENCY.symbol}${this.cents / 100}`; } }\n' +
    'export class Fixed { static digits = 2; constructor(public v: number) {} fmt() { return this.v.toFixed(Fixed.digits); } }\n';
  const read = kept({ 'k.ts': `import type { Price } from './money';\n${task('label', 'p: Price', 'return String(p);')}`,
    'money.ts': money, 'main.ts': 'import { Price, CURRENCY } from "./money";\nimport { label } from "./k";\nCURRENCY.symbol = "€";\nconsole.log(label(new Price(250)));\n' });
  assert.is(read.errors, '');
  assert.equal(read.state, { label: 'money.ts#CURRENCY snapshot' });
  const statics = kept({ 'k.ts': `import type { Fixed } from './money';\n${task('label', 'p: Fixed', 'return p.fmt();')}`,
    'money.ts': money, 'main.ts': 'import { Fixed } from "./money";\nimport { label } from "./k";\nFixed.digits = 4;\nconsole.log(label(new Fixed(1.5)));\n' });
  assert.match(statics.errors, /task label: reads `Fixed\.digits`, a static field of a class the program changes \(main\.ts:3 `Fixed\.digits = 4`\)/);
});


test('state changed under another name is kept state too: a destructured part, a helper given a part, a loop variable, a helper handing it back', () => {
  const shapes: [string, string][] = [
    ['const S = { list: [] as number[] };\n', 'const { list } = S; list.push(x); return list.length;'],
    ['const S = { list: [] as string[] };\nfunction pushTo(l: string[], v: string) { l.push(v); }\n', 'pushTo(S.list, `n${x}`); return S.list.length;'],
    ['const S = [{ n: 0 }, { n: 10 }];\n', 'for (const o of S) o.n += x; return S[0].n;'],
    ['const S = { n: 0 };\nfunction state() { return S; }\n', 'const s = state(); s.n++; return s.n;'],
    ['const S = [[0, 0], [0, 0]];\n', 'const row = S[x]; row[0] += 1; return S[0][0];'],
  ];
  for (const [state, body] of shapes) {
    const { errors, state: carried } = kept(`${state}${task('f', 'x: number', body)}`);
    assert.is(errors, '', body);
    assert.equal(carried, { f: 'main.ts#S inout' }, body);
  }
  assert.equal(kept(`const S = { list: [1, 2] };\n${task('f', 'x: number', 'const l = [...S.list]; l.push(x); return l.length;')}`).state, { f: '' },
    'a copy changed is no change of the state');
});

test('kept state the program uses where it stands waits there: reads, changes, a helper the program calls too, printing, copies of values', () => {
  const uses = (program: string, body = 'S.list.push(x); return S.list.length;', state = 'export const S = { list: [] as number[], n: 0 };\n') => {
    const found = kept(`${state}function tick() { S.n += 1; return S.n; }\n${task('f', 'x: number', body)}${program}`);
    return found.errors || found.state.f;
  };
  for (const program of ['console.log(S.list.length, S.list.join(","));', 'S.list.length = 0;', 'S.list.push(0);', 'console.log(S);', 'console.log(JSON.stringify(S));',
    'for (const x of S.list) console.log(x);', 'console.log([...S.list], Object.keys(S), Object.values(S.list));', 'console.log(tick());']) {
    assert.is(uses(program), 'main.ts#S inout', program);
  }
  assert.is(uses('console.log(tick());', 'return x + tick();'), 'main.ts#S inout', 'a helper both the tasks and the program call');
  assert.is(uses('for (const [k, n] of M) console.log(k, n);', 'M.set(`${x}`, x); return M.size;', 'export const M = new Map<string, number>();\n'),
    'main.ts#M inout', 'iterating a Map of values');
  const { errors } = kept(`export const S = { list: [] as number[][] };\n${task('f', 'x: number', 'S.list.push([x]); return S.list.length;')}const rows = S.list;`);
  // (Handing a part out is a change of the program's too, module-state.ts partHandedOut: the error names the count.)
  assert.match(errors, /task f: changes `S`, module state(,| the program reads \(main\.ts:4 `S`\);) .* it cannot travel with (the calls|them): the program uses it at main\.ts:4 \(`rows = S\.list`\)/,
    'a part kept in a variable would be read later without a wait');
  assert.match(kept(`export const S = { list: [] as number[] };\n${task('f', 'x: number', 'const l = S.list; l.push(x); return l.length;')}function show(s: { list: number[] }) { return s.list.length; }\nconsole.log(show(S));`).errors,
    /it cannot travel with (the calls|them): the program uses it at main\.ts:5 \(`show\(S\)`\)/, 'handed to the program\'s own code');
});

test('code a task runs without a call the checker resolves: a helper passed by name, a function table, a getter, call and apply (tester #14)', () => {
  const shapes: [string, string][] = [
    ['const S: string[] = [];\nfunction intern(s: string) { let i = S.indexOf(s); if (i < 0) { i = S.length; S.push(s); } return i; }\n', 'return [`${x}`].map(intern)[0];'],
    ['const S: string[] = [];\nconst HANDLERS: Record<string, (s: string) => number> = { add: (s) => S.push(s) };\n', 'return HANDLERS.add(`${x}`);'],
    ['const S = { n: 0 };\nconst ids = { get next() { return ++S.n; } };\n', 'return ids.next + x;'],
    ['const S: string[] = [];\n', 'return Array.prototype.push.call(S, `${x}`);'],
    ['const S: number[] = [];\nfunction addAll(...xs: number[]) { S.push(...xs); return S.length; }\n', 'return addAll.apply(null, [x, x]);'],
  ];
  for (const [state, body] of shapes) {
    const { errors, state: carried } = kept(`${state}${task('f', 'x: number', body)}`);
    assert.is(errors, '', body);
    assert.equal(carried, { f: 'main.ts#S inout' }, body);
  }
  const read = kept(`export const CONFIG = { scale: 1 };\nfunction factor(x: number) { return x * CONFIG.scale; }\n${task('f', 'x: number', 'return [x].map(factor)[0];')}CONFIG.scale = 10;`);
  assert.equal([read.errors, read.state], ['', { f: 'main.ts#CONFIG snapshot' }], 'a read through a helper passed by name travels');
  assert.match(kept(`const ids = (() => { const state = { n: 0 }; return { next: () => ++state.n }; })();\n${task('f', '', 'return ids.next();')}`).errors,
    /task f: runs code that changes `state` \(main\.ts:1 `state = \{ n: 0 \}`\), an object a closure keeps/);
  assert.is(kept(`function memoize(f: (n: number) => number) { const cache = new Map<number, number>(); return (n: number) => { if (!cache.has(n)) cache.set(n, f(n)); return cache.get(n)!; }; }\n` +
    `const sq = memoize((n) => n * n);\n${task('f', 'x: number', 'return sq(x);')}`).errors, '', 'a cache a closure keeps changes no output');
});

test('kept state named through a namespace import (tester #14\'s r75)', () => {
  const found = kept({ 'main.ts': `import * as S from './state';\n${task('next', '', 'S.counter.n += 1; S.history.push(S.counter.n); return S.counter.n;')}` +
    task('hist', '', 'return S.history.join(",");'), 'state.ts': 'export const counter = { n: 0 };\nexport const history: number[] = [];' });
  assert.is(found.errors, '');
  assert.equal(found.state, { next: 'state.ts#counter inout, state.ts#history inout', hist: 'state.ts#history in' });
});

test('kept state holding its module\'s functions travels: the methods stay behind, each thread\'s module has its own (np39\'s obj-singleton)', () => {
  const found = kept(`export const MATH = { k: 2, bump() { this.k++; return this.k; } };\n${task('f', 'x: number', 'return x * MATH.bump();')}MATH.k = 3;`);
  assert.is(found.errors, '');
  assert.equal(found.state, { f: 'main.ts#MATH inout' });
});

test('a task changing which function kept state holds is refused: the functions stay behind in each thread (review of stop 55)', () => {
  const state = 'export const FMT = { n: 0, show(v: number) { return `${v}`; }, alt(v: number) { return `<${v}>`; } };\n';
  assert.match(kept(`${state}${task('fancy', 'k: number', 'FMT.show = FMT.alt; FMT.n += k; return FMT.n;')}`).errors,
    /task fancy: changes `FMT`, .* the task changes a function it holds \(`FMT\.show = FMT\.alt`\)/);
  const optional = 'export const OPS: { n: number; half?: (v: number) => number } = { n: 0, half: (v: number) => v / 2 };\n';
  assert.match(kept(`${optional}${task('drop', 'k: number', 'delete OPS.half; OPS.n += k; return OPS.n;')}`).errors,
    /task drop: changes `OPS`, .* the task changes a function it holds \(`delete OPS\.half`\)/);
});

test('a task that stores its object parameter in state tasks keep is refused: the state would hold a copy (tester #14\'s r131)', () => {
  assert.match(kept(`const REG: { n: number }[] = [];\n${task('register', 'o: { n: number }', 'REG.push(o); return REG.length;')}` +
    task('bumpAll', '', 'for (const o of REG) o.n++; return REG.length;')).errors,
    /task register: changes `REG`, .* the task stores its parameter in it \(`REG\.push\(o\)`\)/);
  assert.match(kept(`const REG: { n: number }[] = [];\n${task('register', 'o: { n: number }', 'const l = REG; l.push(o); return l.length;')}`).errors,
    /task register: changes `REG`, .* the task stores its parameter in it \(`l\.push\(o\)`\)/, 'under another name');
  assert.is(kept(`const REG: number[][] = [];\n${task('register', 'o: { n: number }', 'REG.push([o.n, o.n]); return REG.length;')}`).errors, '',
    'a literal made of its values is the state\'s own');
});

test('a cache made on first use in a module `let` (`if (!cache) cache = new Map()`, `ids ??= new Map()`) is judged as the `const` it could be (tester #14\'s F17)', () => {
  const memo = 'function memo(): Map<number, number> { if (!cache) cache = new Map(); return cache; }\n';
  const sq = task('sq', 'n: number', 'const m = memo(); let v = m.get(n); if (v === undefined) { v = n * n; m.set(n, v); } return v;');
  // A cache only tasks use: each worker's own, nothing to carry, no error.
  const cache = kept(`let cache: Map<number, number> | null = null;\n${memo}${sq}`);
  assert.is(cache.errors, '');
  assert.equal(cache.state, { sq: '' });
  // A count or an interner, which would travel as a `const` does: the main thread may have no object yet, so an error names it.
  const count = kept(`let c: { n: number } | null = null;\nfunction get() { return c ??= { n: 0 }; }\n${task('bump', 'k: number', 'const s = get(); s.n += k; return s.n;')}`);
  assert.match(count.errors, /changes `c`.*made on first use in a module `let`/);
  const interner = kept('let ids: Map<string, number> | null = null;\n' +
    'function idOf(s: string): number { const m = ids ??= new Map(); let v = m.get(s); if (v === undefined) { v = m.size; m.set(s, v); } return v; }\n' +
    task('tag', 'w: string', 'return `${w}#${idOf(w)}`;'));
  assert.match(interner.errors, /changes `ids`.*made on first use in a module `let`/);
  // The program reads it too: it would need to travel.
  const read = kept(`let cache: Map<number, number> | undefined;\nexport ${memo.replace('!cache', 'cache === undefined')}${sq}export const size = () => memo().size;\n`);
  assert.match(read.errors, /`cache`.*made on first use in a module `let`/);
  // Set again elsewhere (a reset): a variable, as before.
  const reset = kept(`let cache: Map<number, number> | null = null;\n${memo}export function reset() { cache = null; }\n${sq}`);
  assert.match(reset.errors, /a variable outside the task that is reassigned/);
});

test('the program\'s use of kept state through a callback that keeps what it is given is no use in place (`S.list.map((o) => keep.push(o)).length`)', () => {
  const state = 'export const S = { list: [] as { n: number }[] };\n' + task('add', 'n: number', 'S.list.push({ n });');
  const keeps = kept({ 'k.ts': state, 'main.ts': 'import { S, add } from "./k";\nadd(1);\nconst keep: { n: number }[] = [];\nconsole.log(S.list.map((o) => keep.push(o)).length);\n' });
  assert.match(keeps.errors, /lets a part of it out of sight/);
  const reads = kept({ 'k.ts': state, 'main.ts': 'import { S, add } from "./k";\nadd(1);\nconsole.log(S.list.map((o) => o.n).join(), [...S.list].length);\n' });
  assert.is(reads.errors, '');
});


test('module objects reached through other module values: a holder, a closure, a bound function carry what they hold; a program naming a held object its holder brings home is refused (tester np31\'s modalias, modclosure)', () => {
  const holder = 'export const CONFIG = { scale: 2, hits: 0 };\nexport const registry = { current: CONFIG };\n';
  assert.is(kept(`${holder}${task('f', 'x: number', 'return x * registry.current.scale;')}CONFIG.scale = 10;`).state.f, 'main.ts#CONFIG snapshot',
    'read through a holder, changed by the program: a snapshot at each call');
  assert.is(kept(`${holder}${task('f', 'x: number', 'registry.current.hits += x; return x;')}console.log(CONFIG.hits);`).state.f, 'main.ts#CONFIG inout',
    'changed through a holder and read by the program: kept, inout');
  const closure = 'export const T = { calls: 0 };\nfunction make(t: { calls: number }) { return () => { t.calls++; }; }\nexport const count = make(T);\n';
  assert.is(kept(`${closure}${task('f', 'x: number', 'count(); return x;')}console.log(T.calls);`).state.f, 'main.ts#T inout', 'changed by a closure over it');
  const bound = 'export const L: string[] = [];\nfunction add(into: string[], s: string) { into.push(s); }\nexport const log = add.bind(null, L);\n';
  assert.is(kept(`${bound}${task('f', 's: string', 'log(s); return 1;')}console.log(L.join());`).state.f, 'main.ts#L inout', 'changed by a bound function');
  assert.is(kept(`${closure}${task('f', 'x: number', 'return x;')}console.log(T.calls);`).state.f, '', 'named by nothing the task runs: nothing travels');
  assert.match(kept(`${holder}${task('f', 'x: number', 'registry.current.hits += x; return x;')}console.log(CONFIG.hits, registry.current.hits);`).errors,
    /task f: changes `registry`, module state the program reads .* the program names `CONFIG` at main\.ts:5, an object the state holds \(main\.ts:2\)/);
});

test('module state changed by routes the object\'s name does not show travels, or is refused with the reason (tester np32)', () => {
  const routes = 'export const M = new Map<string, { n: number }>([["a", { n: 1 }]]);\nexport const LIST = [{ v: 1 }];\nexport function first() { return LIST[0]; }\nexport let cur = { k: 2 };\n';
  assert.is(kept(`${routes}${task('f', 'x: number', 'return x * M.get("a")!.n;')}M.get("a")!.n = 5;`).state.f, 'main.ts#M snapshot', 'a Map value changed through get');
  assert.is(kept(`${routes}${task('f', 'x: number', 'return x * M.get("a")!.n;')}for (const v of M.values()) v.n++;`).state.f, 'main.ts#M snapshot', 'Map values iterated');
  assert.is(kept(`${routes}${task('f', 'x: number', 'return x * first().v;')}first().v = 4;`).state.f, 'main.ts#LIST snapshot', 'an element a function hands out');
  assert.is(kept(`${routes}${task('f', 'x: number', 'return x * cur.k;')}cur.k = 5;`).state.f, 'main.ts#cur snapshot', 'a let nothing reassigns');
  assert.is(kept(`export const COUNTS = { hits: 0 };\nconst C = COUNTS;\n${task('f', 'x: number', 'C.hits++; return x;')}console.log(COUNTS.hits);`).state.f, 'main.ts#C inout',
    'counted in another name for what the program prints');
  assert.match(kept(`export class Pool { base = 100; }\nlet inst: Pool | undefined;\nexport function getPool(): Pool { return inst ??= new Pool(); }\n${task('f', 'k: number', 'return getPool().base * k;')}getPool().base = 7;`).errors,
    /task f: reads `inst`, which the program changes \(main\.ts:3 `inst \?\?= new Pool\(\)`\)/, 'a lazy singleton made with ??=');
  assert.match(kept(`const memo = new Map<number, number>();\nexport function getMemo() { return memo; }\n${task('f', 'k: number', 'const m = getMemo(); m.set(k, k); return m.size;')}console.log(getMemo().size);`).errors,
    /task f: changes `memo`, module state the program reads/, 'a Map a helper hands both the task and the program');
  const setter = { 'util.ts': 'export let version = 1;\nexport function setVersion(v: number) { version = v; }\n' };
  assert.match(kept({ ...setter, 'main.ts': `import { version, setVersion } from './util';\n${task('f', 'x: number', 'return x + version;')}setVersion(2);` }).errors,
    /task f: reads `version`, a module variable that may change/, 'a let of another module its setter changes');
  assert.match(kept({ ...setter, 'main.ts': `import * as U from './util';\n${task('f', 'x: number', 'return x + U.version;')}U.setVersion(2);` }).errors,
    /task f: reads `version`, a module variable that may change/, 'through a namespace import');
  assert.match(kept({ 'base.ts': 'export default { mode: "fast" };\n', 'main.ts': `import D from './base';\n${task('f', 'x: number', 'return x + D.mode;')}D.mode = "slow";` }).errors,
    /task f: reads `D`, a module's default export object, which the program changes \(main\.ts:4 `D\.mode = "slow"`\)/, 'a default export object');
});

test.run();
