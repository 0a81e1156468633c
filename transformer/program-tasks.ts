/** The tasks of a whole program, found once and shared by every file's rewrite (and by `taskify explain`). */
import type * as ts from 'typescript';
import { createContext, type AnalysisContext, type FunctionLike } from './analysis/context';
import { discoverTasks, type TaskInfo } from './analysis/discover';
import { Summaries } from './analysis/summaries';
import { addKeptReaders } from './analysis/kept-state';
import { moduleStateOf } from './analysis/module-state';
import { returnedModuleObjects } from './analysis/returned-module-objects';
import { readTaskTags } from './analysis/tags';
import { isFunctionLike } from './analysis/context';

export interface ProgramTasks {
  readonly ctx: AnalysisContext;
  readonly summaries: Summaries;
  readonly tasks: Map<FunctionLike, TaskInfo>;
  readonly diagnostics: ts.Diagnostic[];
}

const cache = new WeakMap<ts.Program, ProgramTasks>();

export function programTasks(tsInstance: typeof ts, program: ts.Program): ProgramTasks {
  let found = cache.get(program);
  if (!found) {
    const ctx = createContext(tsInstance, program);
    const summaries = new Summaries(ctx);
    const tasks = new Map<FunctionLike, TaskInfo>();
    const diagnostics: ts.Diagnostic[] = [];
    for (const source of program.getSourceFiles()) {
      if (source.isDeclarationFile || program.isSourceFileFromExternalLibrary(source)) continue;
      const discovery = discoverTasks(ctx, summaries, source);
      for (const task of discovery.tasks) tasks.set(task.fn, task);
      diagnostics.push(...discovery.diagnostics);
    }
    // Module state one task keeps travels to every task that uses it (analysis/kept-state.ts).
    const state = moduleStateOf(ctx, (node) => isFunctionLike(ctx, node) && readTaskTags(ctx, node) !== undefined);
    if (diagnostics.length === 0) addKeptReaders(ctx, state, tasks);
    // Then a task's value holding a module object that does not travel with its calls is an error (F25).
    if (diagnostics.length === 0) diagnostics.push(...returnedModuleObjects(ctx, state, tasks));
    found = { ctx, summaries, tasks, diagnostics };
    cache.set(program, found);
  }
  return found;
}

/** The file is emitted as an ES module. */
export function emitsEsm(t: typeof ts, options: ts.CompilerOptions, source: ts.SourceFile): boolean {
  const kind = options.module ?? t.ModuleKind.CommonJS;
  if (kind >= t.ModuleKind.Node16 && kind <= t.ModuleKind.NodeNext) return source.impliedNodeFormat === t.ModuleKind.ESNext;
  return kind >= t.ModuleKind.ES2015 && kind <= t.ModuleKind.ESNext;
}
