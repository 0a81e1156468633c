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

/** The task's first parameter: whether it escapes or may be returned, by the analysis the plan reads. */
function letOut(task: string): { escapes?: string; returned?: string } {
  const program = createAnalysisProgram(ts, ['/virtual/main.ts'], new Map([['/virtual/main.ts', `${LIB}/** @task */\nexport ${task}\n`]]));
  const ctx = createContext(ts, program);
  const { tasks } = discoverTasks(ctx, new Summaries(ctx), program.getSourceFile('/virtual/main.ts')!);
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
  ]) assert.equal(letOut(task), {}, task);
});

test('a result or another parameter that could hold it, or a store the analysis sees, lets it out', () => {
  for (const task of [
    'function t(xs: number[]): number[] { return lib(xs); }',
    'function t(xs: number[]): unknown { return lib(xs); }',
    'function t(xs: number[], ys: number[][]): number { return lib(xs, ys); }',
    'function t(xs: number[]): number { kept.push(xs); return lib(xs); }',
    'function t(xs: number[]): number { setTimeout(() => xs, 1); return lib(xs); }',
  ]) {
    const found = letOut(task);
    assert.ok(found.escapes ?? found.returned, `${task}: ${JSON.stringify(found)}`);
  }
});

test('a helper that gives it to unknown code passes the same judgement on to its task', () => {
  assert.equal(letOut('function t(xs: number[]): number { return helper(xs); }\nfunction helper(v: number[]) { return lib(v); }'), {});
  const stored = letOut('function t(xs: number[]): number { return helper(xs); }\nfunction helper(v: number[]) { kept.push(v); return lib(v); }');
  assert.ok(stored.escapes, JSON.stringify(stored));
});

test.run();
