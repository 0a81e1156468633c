/**
 * The plugin's proof that a task never prints (transformer/analysis/prints.ts): what is quiet, and every way of
 * printing it must not miss (a wrong "quiet" would let main's output overtake the task's).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ts from 'typescript';
import { createAnalysisProgram } from '../transformer/analysis/program';
import { createContext } from '../transformer/analysis/context';
import { Summaries } from '../transformer/analysis/summaries';
import { discoverTasks } from '../transformer/analysis/discover';
import { formatDiagnostic } from '../transformer/analysis/diagnostics';

/** Whether the single task of main.ts (with `prelude` before it and other files beside it) is proved quiet. */
function quiet(body: string, prelude = '', extra: Record<string, string> = {}, signature = 'n: number, a: Float64Array'): boolean {
  const files: Record<string, string> = { 'main.ts': `${prelude}\n/** @task */\nexport function t(${signature}) {\n${body}\n}\n`, ...extra };
  const sources = new Map(Object.entries(files).map(([name, text]) => [`/virtual/${name}`, text]));
  const program = createAnalysisProgram(ts, [...sources.keys()], sources);
  const ctx = createContext(ts, program);
  const { tasks, diagnostics } = discoverTasks(ctx, new Summaries(ctx), program.getSourceFile('/virtual/main.ts')!);
  assert.equal(diagnostics.map((d) => formatDiagnostic(ctx, d)), [], `compiles: ${body}`);
  assert.is(tasks.length, 1);
  return tasks[0].quiet === true;
}

test('quiet: arithmetic, typed arrays, Math, Atomics, Map, JSON, Promise, and program functions that do the same', () => {
  const cases = [
    'let s = 0; for (let i = 0; i < a.length; i++) s += Math.sqrt(a[i]); return s;',
    'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, n); return n;',
    'const m = new Map<number, number>(); m.set(n, 1); return JSON.stringify([...m]);',
    'return a.map((x) => x * 2).filter((x) => x > n).reduce((p, q) => p + q, 0);',
    'return new Promise<number>((resolve) => resolve(n));',
    'return helper(n);',
    'const next = random(n); return next() + next();',
    'return new Point(n, n).norm();',
    'return OPS[0](n) + TABLE.twice(n);',
    'return twice.call(undefined, n) + [n].map(twice)[0];',
    'return new Derived(n).k;',
  ];
  const prelude = `
function helper(x: number): number { return twice(x) + 1; }
function twice(x: number): number { return x * 2; }
function random(seed: number): () => number { let s = seed; return () => (s = (s * 16807) % 2147483647) / 2147483647; }
export class Point { constructor(readonly x: number, readonly y: number) {} norm(): number { return Math.hypot(this.x, this.y); } }
export class Counted { protected n = 0; }
export class Derived extends Counted { constructor(readonly k: number) { super(); } }
const OPS = [(x: number) => x + 1, twice];
const TABLE = { twice };`;
  for (const body of cases) assert.ok(quiet(body, prelude), body);
});

test('may print: console, process streams, Node API, timers, functions from outside held or passed on, import()', () => {
  const cases = [
    'console.log(n);',
    'console.error("x");',
    'process.stdout.write("x");',
    'process.stderr.write(String(n));',
    'const { write } = process.stdout; write.call(process.stdout, "x");',
    'const w = process.stdout["write"]; w.call(process.stdout, "x");',
    'const out = process.stdout; out.write("x");',
    'setTimeout(() => {}, n);',
    '[n].forEach(console.log);',
    'globalThis.console.log(n);',
    'void import("node:fs");',
    'const f: any = n; f();',
    'require("node:fs");',
    'eval("1");',
  ];
  for (const body of cases) assert.not.ok(quiet(body), body);
});

test("quiet: Node's computing functions (zlib, crypto's hashes, path, Buffer's reads), not its others", () => {
  const prelude = `/// <reference types="node" />
import { inflateSync, deflateSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { writeSync } from 'node:fs';`;
  for (const body of ["return inflateSync(deflateSync(b)).toString('hex') + createHash('md5').update(b).digest('hex') + posix.normalize('a//b');",
    'return b.readUInt32LE(0) + Buffer.concat([b, b]).length;',
    // (A global declared inside worker_threads' `global` block, and by lib.dom too: tester #24's F7.)
    'return structuredClone({ v: b.length }).v;']) assert.ok(quiet(body, prelude, {}, 'b: Buffer'), body);
  for (const body of ['writeSync(1, b); return 0;', 'return (createHash as any)(b);']) assert.not.ok(quiet(body, prelude, {}, 'b: Buffer'), body);
});

test('may print: through program functions, other files, overrides, getters, constructors, module tables, closures', () => {
  const prelude = `
import { shout } from './other';
function level2(x: number) { shout(x); }
function level1(x: number) { level2(x); }
export class Base { area(): number { return 1; } get size(): number { return 2; } }
export class Loud extends Base { override area(): number { console.log('area'); return 2; } }
export class Noisy { constructor() { console.log('made'); } }
export class Field { x = console.log('field'); }
export class FromField extends Field { constructor(readonly k: number) { super(); } }
export class Getter { get v(): number { console.log('get'); return 1; } }
const LOUD = [(x: number) => console.log(x)];
function later(): () => void { return () => process.stdout.write('x'); }
function each(xs: number[], f: (x: number) => void) { xs.forEach(f); }`;
  const cases = [
    'level1(n);',
    'shout(n);',
    'const b: Base = new Base(); return b.area();',
    'new Noisy();',
    'new Field();',
    'return new FromField(n).k;',
    'return new Getter().v;',
    'LOUD[0](n);',
    'later()();',
    'each([n], (x) => console.log(x));',
  ];
  const extra = { 'other.ts': 'export function shout(x: number) { console.log(x); }' };
  for (const body of cases) assert.not.ok(quiet(body, prelude, extra), body);
});

test('a class whose toString (or any implicitly called member) may print makes every task may-print', () => {
  assert.ok(quiet('return n + 1;', 'export class Quiet { toString() { return "q"; } }'));
  assert.not.ok(quiet('return n + 1;', 'export class Loud { toString() { console.log("s"); return "l"; } }'));
  assert.not.ok(quiet('return n + 1;', 'export class It { *[Symbol.iterator]() { console.log("i"); yield 1; } }'));
});

test.run();
