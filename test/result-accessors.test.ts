/**
 * A task returning an object with a getter or setter of its own (analysis/result-accessors.ts) runs in place: from a
 * worker the accessor came back as the value it read at the return (tester #16's G3: `p.b = 100; p.sum` printed the
 * old sum). A class's accessors live on its prototype and travel with the class.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ts from 'typescript';
import { createAnalysisProgram } from '../transformer/analysis/program';
import { createContext } from '../transformer/analysis/context';
import { Summaries } from '../transformer/analysis/summaries';
import { discoverTasks } from '../transformer/analysis/discover';

function staysHere(task: string): string | undefined {
  const text = `export class P { constructor(public a: number) {} get twice() { return this.a * 2; } }\n/** @task */\nexport ${task}\n`;
  const program = createAnalysisProgram(ts, ['/virtual/main.ts'], new Map([['/virtual/main.ts', text]]));
  const ctx = createContext(ts, program);
  const { tasks, diagnostics } = discoverTasks(ctx, new Summaries(ctx), program.getSourceFile('/virtual/main.ts')!);
  assert.equal(diagnostics.length, 0);
  return tasks[0].runsInPlace;
}

test('a getter or setter in the returned literal, nested or behind a local name, or defined on it, keeps the task here', () => {
  const cases: [string, RegExp][] = [
    ['function t(a: number) { return { a, b: 1, get sum() { return this.a + this.b; } }; }', /a getter `sum` \(main\.ts:3\)/],
    ['function t(a: number) { return { inner: { set v(x: number) { a = x; } } }; }', /a setter `v`/],
    ['function t(a: number) { const r = { a, get d() { return 2 * this.a; } }; return r; }', /a getter `d`/],
    ["function t(a: number) { const r = { a, total: 0 }; Object.defineProperty(r, 'total', { get() { return r.a; }, enumerable: true }); return r; }",
      /gets an accessor from `Object\.defineProperty\(r, 'total'/],
  ];
  for (const [task, reason] of cases) assert.match(staysHere(task) ?? '', reason, task);
});

test("data, methods of a literal's functions, and a class's getters come back", () => {
  for (const task of ['function t(a: number) { return { a, b: [a] }; }', 'function t(a: number) { return new P(a); }',
    "function t(a: number) { const r = { a }; Object.defineProperty(r, 'id', { value: 7 }); return r; }",
    'function t(a: number) { return [1, 2].map((x) => ({ x: x + a })); }']) assert.is(staysHere(task), undefined, task);
});

test.run();
