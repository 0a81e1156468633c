/**
 * A task whose value holds a module-level object that does not travel with its calls (analysis/returned-module-objects.ts,
 * tester #14's F25) is a compile error naming the task and the place; values made afresh from it, and state that
 * travels (kept state: test/programs/held-state), are not.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ts from 'typescript';
import { createAnalysisProgram } from '../transformer/analysis/program';
import { formatDiagnostic } from '../transformer/analysis/diagnostics';
import { programTasks } from '../transformer/program-tasks';

function errorsOf(text: string): string {
  const sources = new Map([['/virtual/main.ts', text]]);
  const program = createAnalysisProgram(ts, [...sources.keys()], sources);
  const found = programTasks(ts, program);
  return found.diagnostics.map((d) => formatDiagnostic(found.ctx, d)).join('\n');
}

const task = (signature: string, body: string) => `/** @task */\nexport function make(${signature}) { ${body} }\n`;

test('a value holding a module object, or a part of one, that does not travel is a compile error naming the task and the place', () => {
  const shapes = [
    ['const DEFAULTS = { scale: 1 };', 'v: number', 'return { v, opts: DEFAULTS };', 'DEFAULTS'],
    ['const NONE: string[] = [];', 'xs: string[]', 'const r = xs.filter((x) => x.length > 1); return r.length ? r : NONE;', 'NONE'],
    ['const LUTS = [[1, 2], [3, 4]];', 'k: number', 'return LUTS[k];', 'LUTS'],
    ['const MEMO = new Map<number, number[]>([[1, [1]]]);', 'n: number', 'const d = MEMO.get(n); return d ?? [];', 'MEMO'],
    ['const CONF = { inner: { k: 2 } };', 'n: number', 'return [n, CONF.inner];', 'CONF'],
  ];
  for (const [state, signature, body, name] of shapes) {
    const errors = errorsOf(`${state}\n${task(signature, body)}`);
    assert.match(errors, new RegExp(`task make: its value holds \`${name}\`, a module-level object`), body);
    assert.match(errors, /main\.ts:\d+:\d+ - error TS99010/, body);
  }
});

test('a value made afresh from a module object, or a number out of it, is the task\'s own', () => {
  const fresh = [
    ['const LUT = [1, 2, 3];', 'k: number', 'return LUT.map((x) => x * k);'],
    ['const LUT = [1, 2, 3];', 'k: number', 'return LUT[k];'],
    ['const DEFAULTS = { scale: 1 };', 'v: number', 'return { v, scale: DEFAULTS.scale };'],
    ['const DEFAULTS = { scale: 1 };', 'v: number', 'return { ...DEFAULTS, v };'],
    ['const LUT = [1, 2, 3];', 'k: number', 'return [...LUT, k];'],
  ];
  for (const [state, signature, body] of fresh) assert.is(errorsOf(`${state}\n${task(signature, body)}`), '', body);
});

test('a value holding kept state, taken apart into names (`const [items, meta] = parts()`), is a compile error; kept whole it is waited through', () => {
  const kept = 'const STATE = { items: [] as string[], meta: { runs: 0 } };\n' +
    '/** @task */\nexport function add(s: string): number { STATE.items.push(s); STATE.meta.runs++; return STATE.items.length; }\n' +
    '/** @task */\nexport function parts(): [string[], { runs: number }] { return [STATE.items, STATE.meta]; }\n';
  for (const use of ['const [items, meta] = parts();', 'let items: string[], meta: { runs: number };\n[items, meta] = parts();', 'const { 0: items } = parts();']) {
    const errors = errorsOf(`${kept}add('a');\n${use}\nadd('b');\n`);
    assert.match(errors, /task parts: its value holds `STATE`, state its calls carry, and here it is taken apart/, use);
  }
  assert.is(errorsOf(`${kept}add('a');\nconst p = parts();\nadd('b');\nconsole.log(p[0].length);\n`), '');
});

test.run();
