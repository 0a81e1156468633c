/**
 * `taskify explain [--all] [--json] <files…>`: what the analysis concluded. For each task (with --all, every
 * function) its parameters' directions with the reason, and for each task call that stays a direct call, why.
 */
import type * as ts from 'typescript';
import { relative } from 'node:path';
import { isFunctionLike, type FunctionLike } from './analysis/context';
import { formatDiagnostic } from './analysis/diagnostics';
import { directionOf } from './analysis/directions';
import { functionName } from './analysis/discover';
import { formatReason } from './analysis/reason';
import { createAnalysisProgram } from './analysis/program';
import { programTasks } from './program-tasks';
import { planFile } from './rewrite/plan';

export interface ExplainedFunction {
  file: string;
  name: string;
  line: number;
  task: boolean;
  params: { name: string; direction: 'in' | 'out' | 'inout'; reason: string; rro?: boolean }[];
}

export interface Explanation {
  functions: ExplainedFunction[];
  directCalls: { file: string; line: number; task: string; reason: string }[];
  errors: string[];
}

export function explain(t: typeof ts, files: readonly string[], all: boolean): Explanation {
  const program = createAnalysisProgram(t, files);
  const found = programTasks(t, program);
  const { ctx } = found;
  const roots = new Set(program.getRootFileNames().map((f) => program.getSourceFile(f)).filter((s): s is ts.SourceFile => s !== undefined));
  const shown = (file: string) => relative(process.cwd(), file) || file;
  const functions: ExplainedFunction[] = [];
  const line = (node: ts.Node) => node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1;

  for (const source of roots) {
    const visit = (node: ts.Node): void => {
      if (isFunctionLike(ctx, node) && node.body) {
        const task = found.tasks.get(node);
        if (task) {
          functions.push({ file: shown(task.file), name: task.name, line: task.line, task: true,
            params: task.params.map((p) => ({ name: p.name, direction: p.direction, reason: p.reason, ...(p.rro ? { rro: true } : {}) })) });
        } else if (all) {
          const summary = found.summaries.get(node as FunctionLike);
          functions.push({ file: shown(source.fileName), name: functionName(ctx, node), line: line(node), task: false,
            params: node.parameters.map((p, i) => {
              const d = directionOf(ctx, p, summary.params[i] ?? {});
              return { name: d.name, direction: d.direction, reason: d.reason };
            }) });
        }
      }
      t.forEachChild(node, visit);
    };
    visit(source);
  }

  // Each call at its own line; the reason says where its cause is when that is elsewhere (an escape further down).
  const directCalls = [...roots].flatMap((source) => planFile(ctx, found.summaries, found.tasks, source).direct.map((d) => {
    const here = shown(d.why.file) === shown(source.fileName) && d.why.line === line(d.call);
    return { file: shown(source.fileName), line: line(d.call), task: d.task.name, reason: here ? formatReason(d.why).replace(/ \([^()]*:\d+\)$/, '') : formatReason(d.why) };
  }).sort((a, b) => a.line - b.line));
  const errors = found.diagnostics.filter((d) => d.file && roots.has(d.file)).map((d) => formatDiagnostic(ctx, d));
  return { functions, directCalls, errors };
}

export function formatExplanation(explanation: Explanation): string {
  const lines: string[] = [];
  for (const fn of explanation.functions) {
    lines.push(`${fn.file}:${fn.line} ${fn.task ? 'task' : 'function'} ${fn.name}`);
    for (const p of fn.params) lines.push(`  ${p.name}: ${p.direction}${p.rro ? ' (@rro)' : ''} — ${p.reason}`);
    if (fn.params.length === 0) lines.push('  (no parameters)');
  }
  if (explanation.directCalls.length > 0) {
    lines.push('', 'calls that stay direct (sequential):');
    for (const c of explanation.directCalls) lines.push(`  ${c.file}:${c.line} ${c.task}: ${c.reason}`);
  }
  if (explanation.errors.length > 0) lines.push('', ...explanation.errors);
  return lines.join('\n');
}

/** The CLI's entry: returns the exit code. */
export function runExplain(t: typeof ts, argv: readonly string[], print: (text: string) => void): number {
  const all = argv.includes('--all');
  const json = argv.includes('--json');
  const files = argv.filter((a) => !a.startsWith('--'));
  if (files.length === 0) { print('usage: taskify explain [--all] [--json] <files…>'); return 2; }
  const explanation = explain(t, files, all);
  if (json) {
    print(JSON.stringify(explanation.functions.map(({ file, name, line, params }) =>
      ({ file, name, line, params: params.map(({ name: n, direction, reason }) => ({ name: n, direction, reason })) })), null, 2));
  } else {
    print(formatExplanation(explanation));
  }
  return explanation.errors.length > 0 ? 1 : 0;
}

