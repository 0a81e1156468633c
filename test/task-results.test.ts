/**
 * A task's declared return type must come back from a worker (transformer/analysis/sendable-result.ts): when it holds
 * a function, a symbol or an instance of a class the program cannot rebuild, the task's calls run in place, with the
 * reason naming the type and where in the value; before, the task ran in a worker and then failed ('its return value
 * cannot be stored'), where the plain call printed its result.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ts from 'typescript';
import { createAnalysisProgram } from '../transformer/analysis/program';
import { createContext } from '../transformer/analysis/context';
import { Summaries } from '../transformer/analysis/summaries';
import { discoverTasks } from '../transformer/analysis/discover';
import { formatDiagnostic } from '../transformer/analysis/diagnostics';
import { printsAsPlain } from './program-build';

/** Why the one task's result stays in the caller's thread (undefined: it may come back); no compile error either way. */
function staysHere(code: string): string | undefined {
  const program = createAnalysisProgram(ts, ['/virtual/main.ts'], new Map([['/virtual/main.ts', code]]));
  const ctx = createContext(ts, program);
  const found = discoverTasks(ctx, new Summaries(ctx), program.getSourceFile('/virtual/main.ts')!);
  assert.equal(found.diagnostics.map((d) => formatDiagnostic(ctx, d)), [], 'no compile errors');
  assert.is(found.tasks.length, 1);
  // (runsInPlace says `task t: <why>, which cannot come back from a worker`.)
  return /^task t: (.*), which cannot come back from a worker$/.exec(found.tasks[0]!.runsInPlace ?? '')?.[1];
}

const task = (returns: string, body: string, prelude = '') => `${prelude}\n/** @task */\nexport function t(n: number): ${returns} {\n${body}\n}\n`;

test('return types that cannot come back: the calls stay direct, saying which type and where in it', () => {
  const cases: [string, string, string, RegExp][] = [
    ['() => number', 'return () => n;', '', /^its return type `\(\) => number` is a function$/],
    ['symbol', 'return Symbol(String(n));', '', /its return type `symbol` is a symbol/],
    ['{ f: (x: number) => number; v: number }', 'return { f: (x) => x + n, v: n };', '', /holds, at \.f, a function/],
    ['{ rows: { id: number; key?: symbol }[] }', 'return { rows: [] };', '', /holds, at \.rows\[…\]\.key, a symbol/],
    ['Promise<{ done: () => void }>', 'return Promise.resolve({ done: () => {} });', '', /holds, at \.done, a function/],
    ['{ h: InstanceType<typeof Hidden> }', 'return { h: new Hidden() };', 'const Hidden = (() => class Hidden { x = 1; twice() { return 2; } })();', /holds, at \.h, an instance of class Hidden, which its module does not export/],
    ['InstanceType<typeof Kept>', 'return new Kept();', 'const Kept = class { x = 1; twice() { return 2; } };', /an instance of class Kept, which its module does not export/],
    // (Built-ins whose contents sit in internal slots: tester np37's urls, boxed, resbi crashed after the task ran.)
    ['WeakMap<object, number>', 'return new WeakMap([[{}, n]]);', '', /^its return type `WeakMap<object, number>` is a WeakMap, a built-in whose contents no worker receives$/],
    ['Number', 'return new Number(n);', '', /^its return type `Number` is a Number, a built-in/],
    ['{ format: Intl.NumberFormat }', "return { format: new Intl.NumberFormat('en') };", '', /holds, at \.format, an Intl\.NumberFormat, a built-in/],
    // (The store refuses a built-in's subclass, whose contents sit in internal slots: tester #24's F5 failed after the task ran.)
    ['Stack', 'const s = new Stack(); s.push(n); return s;', 'export class Stack extends Array<number> {}', /^its return type `Stack` is an instance of Stack, a subclass of Array/],
    // (An `accessor` keeps its value in a private field: tester #25's r10 failed after the task ran.)
    ['Gauge', 'const g = new Gauge(); g.level = n; return g;', 'export class Gauge { accessor level = 0; }', /^its return type `Gauge` is an instance of class Gauge, whose `accessor level` keeps its value in a private field/],
    ['{ tags: Tags<string> }', 'return { tags: new Tags() };', 'export class Base<T> extends Set<T> {}\nexport class Tags<T> extends Base<T> {}', /holds, at \.tags, an instance of Tags, a subclass of Set/],
    // (Declared `any`: the returned values say it; np71's wrong-any-output failed after the task ran.)
    ['any', 'if (n > 1) return [n];\nreturn { n, format: (x: number) => x.toFixed(n) };', '', /^its value `\{ n: number; format: \(x: number\) => string; \}` holds, at \.format, a function$/],
    ['unknown', 'const f = () => n;\nreturn f;', '', /^its value `\(\) => number` is a function$/],
  ];
  for (const [returns, body, prelude, expected] of cases) {
    assert.match(staysHere(task(returns, body, prelude)) ?? 'undefined', expected);
  }
});

test('return types that do come back stay tasks: data, instances of exported classes with methods, interfaces with methods', () => {
  for (const [returns, body, prelude] of [
    ['number[]', 'return [n];', ''],
    ['{ rows: Map<string, number>; at: Date; name?: string }', 'return { rows: new Map(), at: new Date(0) };', ''],
    ['Point', 'return new Point(n);', 'export class Point { constructor(public x: number) {} norm() { return Math.abs(this.x); } }'],
    ['Shape', 'return new Square(n);', 'export interface Shape { area(): number }\nexport class Square implements Shape { constructor(public s: number) {} area() { return this.s ** 2; } }'],
    ['Promise<string | undefined>', 'return Promise.resolve(undefined);', ''],
    // (Declared `any`, returning data, an inner function's return not counted.)
    ['any', 'const inner = () => () => n;\nreturn { n, k: inner.length };', ''],
    // (A Node Buffer travels as one: np44's F5, `gzipSync(s)` returned stayed direct.)
    ['Buffer', 'return Buffer.from(String(n));', ''],
    // (A class expression exported under its const's name, which is the class's name at run time: tester #19's r18b.)
    ['InstanceType<typeof Rect>', 'return new Rect();', 'export class Shape { w = 1; area() { return this.w; } }\nexport const Rect = class extends Shape { h = 2; };'],
  ]) {
    assert.is(staysHere(task(returns, body, prelude)), undefined, returns);
  }
});


test('a task returning views of a buffer it made: each comes back at its place in a copy of that whole buffer (tester #25\'s r06 lost the header before `buf.subarray(4)`)', () => {
  const tasks = printsAsPlain('view-results');
  assert.is(tasks.inWorkers, 3, `${tasks.inWorkers} tasks ran in workers`);
});

test('an instance with an `accessor` field as an argument is no compile error (its call runs in place when made: tester #25\'s q14)', () => {
  const code = 'export class Gauge { accessor level = 0; }\n/** @task */\nexport function bump(g: Gauge): number { return g.level + 1; }\n';
  const program = createAnalysisProgram(ts, ['/virtual/main.ts'], new Map([['/virtual/main.ts', code]]));
  const ctx = createContext(ts, program);
  const found = discoverTasks(ctx, new Summaries(ctx), program.getSourceFile('/virtual/main.ts')!);
  assert.equal(found.diagnostics.map((d) => formatDiagnostic(ctx, d)), []);
  assert.is(found.tasks.length, 1);
});

test.run();
