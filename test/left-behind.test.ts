/**
 * Work a task leaves behind when it returns (transformer/analysis/left-behind.ts): in a worker it would run after the
 * task's reply, out of the program's order, or never, so the task's calls run in place, saying why.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ts from 'typescript';
import { createAnalysisProgram } from '../transformer/analysis/program';
import { createContext } from '../transformer/analysis/context';
import { Summaries } from '../transformer/analysis/summaries';
import { discoverTasks } from '../transformer/analysis/discover';

function inPlace(code: string, others: Record<string, string> = {}): string | undefined {
  const files = new Map([['/virtual/main.ts', code], ...Object.entries(others).map(([name, text]) => [`/virtual/${name}`, text] as [string, string])]);
  const program = createAnalysisProgram(ts, [...files.keys()], files);
  const ctx = createContext(ts, program);
  return discoverTasks(ctx, new Summaries(ctx), program.getSourceFile('/virtual/main.ts')!).tasks[0]?.runsInPlace;
}

test('a synchronous task making a promise nothing awaits leaves its reactions behind (np44\'s F9: the write of `void audit(log, msg)` was lost)', () => {
  const audit = 'async function audit(log: string[], m: string) { await null; log.push(m); }\n';
  for (const body of ['void audit(log, "x");', 'audit(log, "x");', 'Promise.resolve(n).then((v) => log.push(String(v)));']) {
    assert.match(inPlace(`${audit}/** @task */\nexport function t(n: number, log: string[]): number { ${body} return n; }`) ?? '', /leaves work behind/, body);
  }
  // A promise handed on (returned, awaited by an async task) is its caller's to wait for.
  assert.is(inPlace(`${audit}/** @task */\nexport async function t(n: number, log: string[]): Promise<number> { await audit(log, "x"); return n; }`), undefined);
  assert.is(inPlace(`${audit}/** @task */\nexport function t(n: number, log: string[]): Promise<void> { return audit(log, "x"); }`), undefined);
});

test('an async task\'s timer set outside a promise it awaits is left behind (np44\'s F9: its line was never printed); one a promise waits for is not', () => {
  assert.match(inPlace('/** @task */\nexport async function t(n: number): Promise<number> { setTimeout(() => console.log("later", n), 30); return n + 1; }') ?? '', /leaves work behind/);
  assert.is(inPlace('/** @task */\nexport async function t(n: number): Promise<number> { await new Promise((r) => setTimeout(r, 5)); return n + 1; }'), undefined);
  // A timeout whose handle it keeps and clears (rev59's F4).
  assert.is(inPlace('declare function fetchIt(n: number): Promise<number>;\n/** @task */\nexport async function t(n: number): Promise<number> { const h = setTimeout(() => console.log("slow"), 1000); try { return await fetchIt(n); } finally { clearTimeout(h); } }'), undefined);
  // A promise an async task makes and leaves, by a call or by `new` (rev59's F9: `void audit(msg)` was never printed).
  const audit = 'async function audit(m: string) { await new Promise((r) => setTimeout(r, 20)); console.log(m); }\n';
  assert.match(inPlace(`${audit}/** @task */\nexport async function t(n: number): Promise<number> { void audit("x"); await null; return n; }`) ?? '', /leaves work behind/);
  assert.match(inPlace('/** @task */\nexport async function t(n: number): Promise<number> { void new Promise<void>((resolve) => setTimeout(() => { console.log("late"); resolve(); }, 30)); await null; return n; }') ?? '', /leaves work behind/);
  // A hook that may or may not make a promise (rev59's F10).
  assert.is(inPlace('declare const hook: (n: number) => void | Promise<void>;\n/** @task */\nexport function t(n: number): number { hook(n); return n; }'), undefined);
});

test('a task loading a module when called whose loading prints (itself or a module it imports) runs in place: each worker would print it again (np44\'s F10); a quiet one stays a task', () => {
  const heavy = { 'heavy.ts': "import './banner';\nexport const TABLE = [1, 4, 9];\nexport const show = (m: string) => console.log(m);\n", 'banner.ts': "console.warn('loading tables');\n",
    'quiet.ts': 'export const TABLE = [1, 4, 9];\nexport const show = (m: string) => console.log(m);\n' };
  assert.match(inPlace("/** @task */\nexport function t(i: number): number { const { TABLE } = require('./heavy'); return TABLE[i]; }", heavy) ?? '', /loads heavy\.ts, whose loading prints \(`console\.warn/);
  assert.match(inPlace("/** @task */\nexport async function t(i: number): Promise<number> { const { TABLE } = await import('./heavy'); return TABLE[i]; }", heavy) ?? '', /each worker would print again/);
  assert.is(inPlace("/** @task */\nexport function t(i: number): number { const { TABLE } = require('./quiet'); return TABLE[i]; }", heavy), undefined, 'a helper that prints when called does not print at load');
});

test.run();
