/**
 * The ts-patch plugin: `{ "transform": "taskify/transformer" }` in compilerOptions.plugins, built with tspc.
 * It finds @task functions, infers their parameters' directions, and rewrites their calls into submissions to
 * the taskify runtime, with waits where the program needs a value. It uses the compiler instance ts-patch hands
 * it, never a second copy of typescript. Problems are reported as compile errors with file:line.
 */
import type * as ts from 'typescript';
import { INSTALL, unusableTypeScript } from './version-check';
import { emitsEsm, programTasks, type ProgramTasks } from './program-tasks';
import { mayForward } from './rewrite/may-forward';
import { mayResume } from './rewrite/resumptions';
import { calledFunction, symbolOf } from './analysis/context';
import { taskNamed } from './rewrite/file-facts';
import { planFile } from './rewrite/plan';
import { loadTimeConstants } from './analysis/load-time';
import { emitFile } from './rewrite/emit';
import { hasClassesToShare } from './rewrite/emit-module-setup';
import type { ModuleStateRef } from './analysis/discover';
import { keptStateWaits } from './rewrite/kept-state-waits';
import { processChangingStatements } from './rewrite/process-changes';
import { censusOf } from './analysis/syntax-census';
import { EntryReaders } from './rewrite/entry-readers';

export interface TaskifyPluginConfig {
  readonly transform?: string;
  /** Module specifier emitted code imports the runtime from (default "taskify/runtime"). */
  readonly runtime?: string;
}

export interface TransformerExtras {
  readonly ts: typeof ts;
  readonly addDiagnostic?: (diagnostic: ts.Diagnostic) => number;
}

const reported = new WeakSet<ts.Program>();

export default function taskifyTransformer(program: ts.Program, config: TaskifyPluginConfig = {},
  extras?: TransformerExtras): ts.TransformerFactory<ts.SourceFile> {
  const tsInstance = extras?.ts ?? hostTypeScript();
  const problem = tsInstance ? unusableTypeScript(tsInstance) : `TypeScript is not installed; install it: ${INSTALL}`;
  if (problem || !tsInstance) return refuse(`taskify/transformer: ${problem}`, extras);
  const found = programTasks(tsInstance, program);
  if (!reported.has(program)) {
    reported.add(program);
    for (const diagnostic of found.diagnostics) extras?.addDiagnostic?.(diagnostic);
  }
  const options = program.getCompilerOptions();
  const taskFiles = new Set([...found.tasks.values()].map((task) => task.file));
  const entryReaders = new EntryReaders(found.ctx, [...found.tasks.keys()]);
  // Module objects tasks read, by the file declaring them (each registered once).
  const stateByFile = new Map<string, ModuleStateRef[]>();
  for (const task of found.tasks.values()) {
    for (const state of task.moduleState ?? []) {
      const file = state.declaration.getSourceFile().fileName;
      const list = stateByFile.get(file) ?? [];
      if (!list.some((s) => s.key === state.key)) list.push(state);
      stateByFile.set(file, list);
    }
  }
  // Files where the program waits for kept state tasks change (rewrite/kept-state-waits.ts).
  const waitsKept = keptStateWaits(found.tasks);
  return (context) => (source) => {
    if (source.isDeclarationFile) return source;
    const declaresTasks = taskFiles.has(source.fileName);
    // A file with nothing to rewrite is emitted as it is (emitFile would return it untouched): skip planning it. The
    // plan finds resumption points only in a program with tasks, submissions only at calls of tasks.
    const resumes = found.tasks.size > 0 && mayResume(source);
    // Constants a worker must take from the program's thread (analysis/load-time.ts): only in modules workers load.
    const loadTime = found.tasks.size > 0 && entryReaders.load.loads(source) ? loadTimeConstants(found.ctx, source) : [];
    // Statements changing the process tasks share wait for them (rewrite/process-changes.ts), in any file.
    const changesProcess = found.tasks.size > 0 && processChangingStatements(found.ctx, source).size > 0;
    // A module a worker may import to rebuild a private class's instance a task returns (emit-module-setup.ts).
    const sharesClasses = found.tasks.size > 0 && (declaresTasks || hasClassesToShare(found.ctx, source));
    // A task's module, or one it imports whose top level reaches outside the process (rewrite/worker-load.ts).
    const keepsEntryCodeOut = declaresTasks || (found.tasks.size > 0 && entryReaders.load.keepsStatementsOut(source));
    if (!keepsEntryCodeOut && !sharesClasses && !stateByFile.has(source.fileName) && !waitsKept.has(source.fileName) && !resumes && loadTime.length === 0 &&
      !changesProcess && !callsTask(found, source)) return source;
    const plan = planFile(found.ctx, found.summaries, found.tasks, source);
    return emitFile(found.ctx, plan, source, context, {
      runtime: config.runtime ?? 'taskify/runtime', esm: emitsEsm(tsInstance, options, source), declaresTasks, keepsEntryCodeOut, sharesClasses, entryReaders,
      moduleState: stateByFile.get(source.fileName), loadTime,
    });
  };
}

/** Some call in the file reaches a task: a submission the plan may make (the planner's FileFacts.taskCalls, without its index). */
function callsTask(found: ProgramTasks, source: ts.SourceFile): boolean {
  const { ctx, tasks } = found;
  if (tasks.size === 0) return false;
  return censusOf(ctx, source).calls.some((node) => {
    const fn = calledFunction(ctx, node);
    // (A forwarder of another file's: rewrite/forwarders.ts.)
    if (fn && (tasks.has(fn) || (fn.getSourceFile() !== source && mayForward(ctx, tasks, fn)))) return true;
    // `parts.map(total)`, `parts.map(K.total)` (mapped-tasks.ts)
    const [only] = node.arguments;
    const named = only && (ctx.ts.isIdentifier(only) ? only : ctx.ts.isPropertyAccessExpression(only) ? only.name : undefined);
    if (named && node.arguments.length === 1 && ctx.ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'map') {
      const symbol = symbolOf(ctx, named);
      if (symbol && taskNamed(ctx, tasks, symbol)) return true;
    }
    return false;
  });
}

/** Without ts-patch handing it a compiler, the plugin uses the typescript its host resolves. */
function hostTypeScript(): typeof ts | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('typescript') as typeof ts;
  } catch {
    return undefined;
  }
}

/**
 * A compiler the plugin cannot work with: one error line in the build's output (the build fails, its files are
 * the plain, sequential program), or, with a host that takes no diagnostics, an exception with that line.
 */
function refuse(message: string, extras: TransformerExtras | undefined): ts.TransformerFactory<ts.SourceFile> {
  if (!extras?.addDiagnostic) throw new Error(message);
  extras.addDiagnostic({ category: 1 /* DiagnosticCategory.Error */, code: 9_0001, file: undefined, start: undefined, length: undefined, messageText: message });
  return () => (source) => source;
}
