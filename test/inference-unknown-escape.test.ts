/**
 * What a task lets out when it gives a parameter to code of unknown effect (discover.ts outlives, ParamEffects
 * escapedKnown): such code can hand the object back to the caller only in the task's result or in another argument.
 * A task with a primitive result and no other object parameter lets nothing out, so its calls can be submitted
 * (`total(xs) { return _.sum(xs) }`, tester #16's G2: r02 stayed direct, "its result would share the caller's object").
 * A result or another parameter that could hold it, or a store the analysis sees, still lets it out.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ts from 'typescript';
import { createAnalysisProgram } from '../transformer/analysis/program';
import { createContext } from '../transformer/analysis/context';
import { Summaries } from '../transformer/analysis/summaries';
import { discoverTasks } from '../transformer/analysis/discover';

const LIB = 'declare function lib(x: unknown, y?: unknown): any;\nconst kept: unknown[] = [];\n';

function discover(text: string) {
  const program = createAnalysisProgram(ts, ['/virtual/main.ts'], new Map([['/virtual/main.ts', `${LIB}${text}\n`]]));
  const ctx = createContext(ts, program);
  return { ctx, ...discoverTasks(ctx, new Summaries(ctx), program.getSourceFile('/virtual/main.ts')!) };
}

/** The task's first parameter: whether it escapes or may be returned, by the analysis the plan reads. */
function letOut(task: string): { escapes?: string; returned?: string } {
  const { tasks } = discover(`/** @task */\nexport ${task}`);
  const { escapes, returned } = tasks[0].params[0];
  return { ...(escapes ? { escapes } : {}), ...(returned ? { returned } : {}) };
}

test('given only to unknown code by a task with a primitive result and no other object parameter: not let out', () => {
  for (const task of [
    'function t(xs: number[]): number { return lib(xs); }',
    'function t(xs: number[], k: number, s: string): string { return String(lib(xs, k)) + s; }',
    'function t(xs: number[]): void { lib(xs); }',
    'async function t(xs: number[]): Promise<boolean> { return Boolean(await lib(xs)); }',
    'function t(xs: number[]): number { return new (lib as any)(xs).n; }',
    // No place in the result a part of the parameter fits (an Employee is no string[], nor a { dept, count }).
    'function t(staff: { name: string; dept: string }[], size: number): string[][] { return lib(staff, size); }',
    'function t(staff: { name: string; dept: string }[]): { dept: string; count: number }[] { return lib(staff); }',
  ]) assert.equal(letOut(task), {}, task);
});

test('a result or another parameter that could hold it, or a store the analysis sees, lets it out', () => {
  for (const task of [
    'function t(xs: number[]): number[] { return lib(xs); }',
    'function t(xs: number[]): unknown { return lib(xs); }',
    'function t(xs: number[][]): number[] { return lib(xs); }',
    'function t(xs: { n: number }[]): { n: number } | undefined { return lib(xs); }',
    'function t(xs: { n: number }[]): object { return lib(xs); }',
    'function t<T>(xs: T[]): T[] { return lib(xs); }',
    'function t(xs: number[], ys: number[][]): number { return lib(xs, ys); }',
  ]) {
    const found = letOut(task);
    assert.ok(found.escapes ?? found.returned, `${task}: ${JSON.stringify(found)}`);
  }
});

test('a function value holding the parameter is let out only through an object result: a number result holds none (np20/26, geolib)', () => {
  const holder = '\nfunction holder(o: { xs: number[] }) { return () => o; }';
  assert.equal(letOut(`function t(p: { xs: number[] }): number { const f = holder(p); return f().xs.length; }${holder}`), {});
  assert.equal(letOut(`function t(p: { xs: number[] }): string | undefined { return [p].map(holder)[0]()?.xs.join(); }${holder}`), {});
  // A result holding only primitives (np22's r32: radash's `group(orders, o => o.c)` counted into a record).
  assert.equal(letOut(`function t(p: { xs: number[] }): Record<string, number> { const f = holder(p); return { n: f().xs.length }; }${holder}`), {});
  assert.equal(letOut(`function t(p: { xs: number[] }): { names: string[]; sizes: [number, number][] } { const f = holder(p); return { names: [], sizes: [[f().xs.length, 0]] }; }${holder}`), {});
  const returned = letOut(`function t(p: { xs: number[] }): { xs: number[] } { return holder(p)(); }${holder}`);
  assert.ok(returned.escapes ?? returned.returned, JSON.stringify(returned));
  const object = letOut(`function t(p: { xs: number[] }): { f: () => unknown } { return { f: holder(p) }; }${holder}`);
  assert.ok(object.escapes ?? object.returned, JSON.stringify(object));
  const kept = letOut(`function t(p: { xs: number[] }): number { window.push(holder(p)); return 0; }${holder}\nconst window: unknown[] = [];`);
  assert.ok(kept.escapes, JSON.stringify(kept));
});

test('a method of an interface no known class implements is code of unknown effect: with a number result, nothing is let out (np22 r24)', () => {
  const rule = 'interface Rule { at(c: Float64Array, i: number): number }\ndeclare const rules: Rule[];\n';
  assert.equal(letOut(`function t(c: Float64Array): number { let s = 0; for (const r of rules) s += r.at(c, 0); return s; }\n${rule}`), {});
  const kept = letOut(`function t(c: Float64Array): Float64Array { return rules[0].at(c, 0) > 0 ? c : c; }\n${rule}`);
  assert.ok(kept.escapes ?? kept.returned, JSON.stringify(kept));
});

test('yielded by a generator of its own, or given to unknown code with another parameter only read, by a task whose result has no place for it: not let out (np44\'s F2)', () => {
  for (const task of [
    'function t(xs: number[][]): number { function* rows() { for (const r of xs) yield r; } let s = 0; for (const r of rows()) s += r.length; return s; }',
    'function t(a: object, b: { n: number }): number { return lib(a).length + b.n; }',
  ]) assert.equal(letOut(task), {}, task);
  // Another parameter the task writes could carry it back; so could a result with a place for it, or a store the
  // program may read (a module's, a built-in's: rev59's F8).
  for (const task of [
    'function t(a: object, b: object[]): number { b.push(a); return lib(a, b).length; }',
    'function t(xs: number[][]): number[][] { function* rows() { for (const r of xs) yield r; } return [...rows()]; }',
    'function t(xs: number[]): number { kept.push(xs); return lib(xs); }',
    'function t(xs: number[]): number { (process as any).last = xs; return 0; }',
  ]) {
    const found = letOut(task);
    assert.ok(found.escapes ?? found.returned, `${task}: ${JSON.stringify(found)}`);
  }
});

test('a comparator given to sort is called, not kept: what it reads is not let out (np22 r55)', () => {
  assert.equal(letOut('function t(o: { x: number }, sites: { x: number }[]): string { const near = [...sites].sort((a, b) => Math.abs(a.x - o.x) - b.x); return String(near.length); }'), {});
});

test('a helper that gives it to unknown code passes the same judgement on to its task', () => {
  assert.equal(letOut('function t(xs: number[]): number { return helper(xs); }\nfunction helper(v: number[]) { return lib(v); }'), {});
  const stored = letOut('function t(xs: number[]): number[] { return helper(xs); }\nfunction helper(v: number[]) { kept.push(v); return lib(v); }');
  assert.ok(stored.escapes, JSON.stringify(stored));
});

// A user's `@in` on a parameter the analysis takes as written (discover.ts, ParamEffects.writtenKnown).
const IN = (body: string, helper = '') => `/**\n * @task\n * @in xs\n */\nexport function t(xs: number[]): number { ${body} }\n${helper}`;

test("@in is trusted where every write is one assumed of unknown code, and explain says so", () => {
  for (const [body, helper] of [['return lib(xs);', ''], ['return (xs as any).sum();', ''], ['return help(xs);', 'function help(v: number[]) { return lib(v); }']]) {
    const { tasks, diagnostics } = discover(IN(body, helper));
    assert.equal(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), [], body);
    assert.is(tasks[0].params[0].direction, 'in', body);
    assert.match(tasks[0].params[0].reason, /^@in in the JSDoc, trusted: the analysis sees no write, only code of unknown effect/, body);
  }
});

test('@in on a parameter the task (or a function it calls) is seen to write stays an error', () => {
  for (const [body, helper] of [['xs[0] = 1; return lib(xs);', ''], ['return help(xs);', 'function help(v: number[]) { v.push(1); return lib(v); }'],
    ['xs.sort(); return 0;', '']]) {
    const { diagnostics } = discover(IN(body, helper));
    assert.match(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'), /@in xs contradicts the analysis/, body);
  }
});

test.run();
