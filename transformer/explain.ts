/**
 * `taskify explain [--all] [--waits] [--json] [-p tsconfig.json | <files or directories…>]`: what the plugin concluded,
 * on the same analysis and plan as the build. Each task's parameters with direction and reason (with --all, every
 * function); every task call, submitted or direct, with the reason at its own line; the waits it placed; notes on
 * calls that are legal but costly or serial, with the change that helps; warnings for tags it does not read.
 */
import type * as ts from 'typescript';
import { relative } from 'node:path';
import { isFunctionLike, type FunctionLike } from './analysis/context';
import { formatDiagnostic } from './analysis/diagnostics';
import { directionOf } from './analysis/directions';
import { functionName } from './analysis/function-names';
import { createAnalysisProgram } from './analysis/program';
import { tagWarnings, type TagWarning } from './analysis/tag-typos';
import { programTasks } from './program-tasks';
import { planFile } from './rewrite/plan';
import { explainCalls, lineOf, type ExplainedCall } from './explain/calls';
import { explainWaits, type ExplainedWait } from './explain/waits';
import { explainNotes, type ExplainedNote } from './explain/notes';
import { InputError, resolveInputs, type ExplainInputs } from './explain/inputs';

export interface ExplainedFunction {
  file: string;
  name: string;
  line: number;
  task: boolean;
  params: { name: string; direction: 'in' | 'out' | 'inout'; reason: string; rro?: boolean }[];
}

export interface Explanation {
  functions: ExplainedFunction[];
  /** Every task call of the files, submitted or direct, in file and line order. */
  calls: ExplainedCall[];
  waits: Omit<ExplainedWait, 'node'>[];
  notes: ExplainedNote[];
  warnings: TagWarning[];
  errors: string[];
}

export function explain(t: typeof ts, inputs: ExplainInputs | readonly string[], all: boolean): Explanation {
  const { files, options } = Array.isArray(inputs) ? { files: inputs as readonly string[], options: undefined } : inputs as ExplainInputs;
  const program = createAnalysisProgram(t, files, undefined, options);
  const found = programTasks(t, program);
  const { ctx } = found;
  const roots = [...new Set(program.getRootFileNames().map((f) => program.getSourceFile(f)).filter((s): s is ts.SourceFile => s !== undefined))];
  const shown = (file: string) => relative(process.cwd(), file) || file;
  const explanation: Explanation = { functions: [], calls: [], waits: [], notes: [], warnings: [], errors: [] };

  for (const source of roots) {
    const visit = (node: ts.Node): void => {
      if (isFunctionLike(ctx, node) && node.body) {
        const task = found.tasks.get(node);
        if (task) {
          explanation.functions.push({ file: shown(task.file), name: task.name, line: task.line, task: true,
            params: task.params.map((p) => ({ name: p.name, direction: p.direction, reason: p.reason, rro: p.rro })) });
        } else if (all) {
          const summary = found.summaries.get(node as FunctionLike);
          explanation.functions.push({ file: shown(source.fileName), name: functionName(ctx, node), line: lineOf(node), task: false,
            params: node.parameters.map((p, i) => {
              const d = directionOf(ctx, p, summary.params[i] ?? {});
              return { name: d.name, direction: d.direction, reason: d.reason };
            }) });
        }
      }
      t.forEachChild(node, visit);
    };
    visit(source);
    const file = shown(source.fileName);
    const plan = planFile(ctx, found.summaries, found.tasks, source);
    explanation.calls.push(...explainCalls({ ctx, plan, source, tasks: found.tasks, shown }));
    const waits = explainWaits(ctx.ts, plan, file);
    explanation.waits.push(...waits.map(({ node: _, ...wait }) => wait));
    explanation.notes.push(...explainNotes({ ctx, plan, source, tasks: found.tasks, waits, file }));
    explanation.warnings.push(...tagWarnings(ctx, source).map((w) => ({ ...w, file: shown(w.file) })));
  }
  const rootSet = new Set(roots);
  explanation.errors = found.diagnostics.filter((d) => d.file && rootSet.has(d.file)).map((d) => formatDiagnostic(ctx, d));
  return explanation;
}

export function formatExplanation(explanation: Explanation, { all = false, waits = false } = {}): string {
  const lines: string[] = [];
  for (const fn of explanation.functions) {
    lines.push(`${fn.file}:${fn.line} ${fn.task ? 'task' : 'function'} ${fn.name}`);
    for (const p of fn.params) lines.push(`  ${p.name}: ${p.direction}${p.rro ? ' (@rro)' : ''} — ${p.reason}`);
    if (fn.params.length === 0) lines.push('  (no parameters)');
  }
  const section = (title: string, entries: string[]) => { if (entries.length > 0) lines.push('', title, ...entries.map((e) => `  ${e}`)); };
  const direct = explanation.calls.filter((c) => !c.submitted);
  section('calls that stay direct (sequential):', direct.map((c) =>
    `${c.file}:${c.line} ${c.task}: ${c.sameAs === undefined ? c.reason : c.sameAs === c.line ? 'same reason as the call before it on this line' : `same reason as line ${c.sameAs}`}`));
  if (all) section('calls submitted as tasks:', explanation.calls.filter((c) => c.submitted).map((c) => `${c.file}:${c.line} ${c.task}: ${c.reason}`));
  section('notes (legal, but costly or serial):', explanation.notes.map((n) => `${n.file}:${n.line} ${n.note}`));
  if (all || waits) section('waits placed:', explanation.waits.map((w) => `${w.file}:${w.line} \`${w.on}\`: ${w.does}`));
  if (explanation.warnings.length > 0) {
    lines.push('', ...explanation.warnings.map((w) => `${w.file}:${w.line}:${w.column} - warning: taskify: ${w.message}`));
  }
  if (explanation.errors.length > 0) lines.push('', ...explanation.errors);
  return lines.join('\n').replace(/^\n/, '') || 'no @task functions and no task calls in these files';
}

const USAGE = 'usage: taskify explain [--all] [--waits] [--json] [-p tsconfig.json | <files or directories…>]';

/** The CLI's entry: returns the exit code. Problems with the arguments are one line on `fail`. */
export function runExplain(t: typeof ts, argv: readonly string[], print: (text: string) => void,
  fail: (line: string) => void = print): number {
  const flags = new Set<string>();
  const paths: string[] = [];
  let project: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-p' || arg === '--project') {
      project = argv[++i];
      if (project === undefined) { fail(`taskify explain: ${arg} needs a tsconfig.json or a directory holding one`); return 2; }
    } else if (['--all', '--json', '--waits'].includes(arg)) flags.add(arg);
    else if (arg.startsWith('-')) { fail(`taskify explain: unknown option ${arg} (${USAGE})`); return 2; } else paths.push(arg);
  }
  let inputs: ExplainInputs;
  try {
    inputs = resolveInputs(t, paths, project);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    fail(`taskify explain: ${error.message}`);
    return 2;
  }
  const explanation = explain(t, inputs, flags.has('--all'));
  if (flags.has('--json')) print(JSON.stringify(explanation, null, 2));
  else print(formatExplanation(explanation, { all: flags.has('--all'), waits: flags.has('--waits') }));
  return explanation.errors.length > 0 ? 1 : 0;
}
