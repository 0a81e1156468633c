/**
 * The directions the plugin infers for the one task of a small virtual program, by parameter name (`in: <reason>`),
 * asserting it compiles without errors: what the inference suites compare against the dynamic truth of each case.
 */
import * as assert from 'uvu/assert';
import * as ts from 'typescript';
import { createAnalysisProgram } from '../transformer/analysis/program';
import { createContext } from '../transformer/analysis/context';
import { Summaries } from '../transformer/analysis/summaries';
import { discoverTasks, type TaskInfo } from '../transformer/analysis/discover';
import { formatDiagnostic } from '../transformer/analysis/diagnostics';

/** `files`: main.ts (holding the task) and the files beside it (JavaScript or TypeScript); or main.ts's text alone. */
export function taskDirections(files: Record<string, string> | string): Record<string, string> {
  return Object.fromEntries(taskParams(files).map((p) => [p.name, `${p.direction}: ${p.reason}`]));
}

/** The one task's parameters as discovered: direction, and where a reference may outlive the call (`escapes`, `returned`). */
export function taskParams(files: Record<string, string> | string): TaskInfo['params'] {
  const sources = new Map(Object.entries(typeof files === 'string' ? { 'main.ts': files } : files).map(([name, text]) => [`/virtual/${name}`, text]));
  const program = createAnalysisProgram(ts, [...sources.keys()], sources);
  const ctx = createContext(ts, program);
  const result = discoverTasks(ctx, new Summaries(ctx), program.getSourceFile('/virtual/main.ts')!);
  assert.equal(result.diagnostics.map((d) => formatDiagnostic(ctx, d)), [], 'no compile errors');
  assert.is(result.tasks.length, 1, 'one task');
  return result.tasks[0].params;
}

/** main.ts with `prelude` (imports, helpers) and one task `t(signature) { body }`. */
export const withTask = (signature: string, body: string, prelude: string): Record<string, string> =>
  ({ 'main.ts': `${prelude}\n/** @task */\nexport function t(${signature}) {\n${body}\n}\n` });
