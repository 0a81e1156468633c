/**
 * What a worker runs of the program's modules when it loads them, one rule for every part that asks: emit (which
 * statements it guards with `if (!__taskify.inWorker())`, emit-module-setup.ts), entry-readers.ts (whose names only the
 * program's thread reads) and module-state.ts (whether a built-in patched, or a package configured, at load is seen by
 * the workers too).
 * - A module no worker loads runs in the program's thread only.
 * - A task's module: its declarations, and statements that set up a class, a built-in or a package's settings
 *   (class-setup.ts) or only fill the module's own state (module-init.ts), run in workers too; other statements that do
 *   things are the program's entry code. (Emit refines the last rule by source order: WorkerStatements.)
 * - A module a task's module imports: all of it, but statements that reach outside the process at load (a file
 *   written, a folder made: outside-effects.ts), which every worker would repeat (np43's F2).
 * - A module a worker loads only for a class whose instances travel: all of it.
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from '../analysis/context';
import { filesWorkersLoad, importClosure } from '../analysis/worker-imports';
import { setsUpClass } from './class-setup';
import { onlyFillsModuleState } from './module-init';
import { reachesOutside } from './outside-effects';

export class WorkerLoad {
  private tasksImport?: ReadonlySet<ts.SourceFile>;
  private loaded?: ReadonlySet<ts.SourceFile>;

  constructor(private readonly ctx: AnalysisContext, private readonly taskFiles: ReadonlySet<ts.SourceFile>) {}

  /** A task's module. */
  declaresTasks(file: ts.SourceFile): boolean { return this.taskFiles.has(file); }

  /** A worker loads the module to run tasks: a task's, or one those import. */
  runsTasksIn(file: ts.SourceFile): boolean {
    this.tasksImport ??= importClosure(this.ctx, [...this.taskFiles]);
    return this.tasksImport.has(file);
  }

  /** A worker may load the module: to run tasks, or for a class whose instances travel. */
  loads(file: ts.SourceFile): boolean {
    this.loaded ??= filesWorkersLoad(this.ctx, [...this.taskFiles]);
    return this.loaded.has(file);
  }

  /** A top-level statement a worker loading its module runs too (see the module comment). */
  runsInWorkers(statement: ts.Statement): boolean {
    const file = statement.getSourceFile();
    if (!this.loads(file)) return false;
    if (!acts(this.ctx.ts, statement)) return true;
    if (this.declaresTasks(file)) return setsUpClass(this.ctx, statement) || onlyFillsModuleState(this.ctx, statement);
    return !this.runsTasksIn(file) || !reachesOutside(this.ctx, statement);
  }

  /** A module a task's module imports with a statement that reaches outside the process at load: it keeps that one out. */
  keepsStatementsOut(file: ts.SourceFile): boolean {
    return !this.declaresTasks(file) && this.runsTasksIn(file) && file.statements.some((s) => !this.runsInWorkers(s));
  }
}

/** A statement that does things when the module loads, as opposed to declaring them (a directive does nothing). */
export function acts(t: typeof ts, statement: ts.Statement): boolean {
  if (t.isExpressionStatement(statement)) return !t.isStringLiteral(statement.expression);
  return t.isIfStatement(statement) || t.isIterationStatement(statement, false) || t.isTryStatement(statement) || t.isBlock(statement) ||
    t.isSwitchStatement(statement) || t.isThrowStatement(statement) || t.isLabeledStatement(statement);
}

const perProgram = new WeakMap<ts.Program, Map<string, WorkerLoad>>();

/** The program's one WorkerLoad for these tasks' modules. */
export function workerLoadOf(ctx: AnalysisContext, taskFiles: Iterable<ts.SourceFile>): WorkerLoad {
  const files = new Set(taskFiles);
  const key = [...files].map((file) => file.fileName).sort().join('\n');
  let known = perProgram.get(ctx.program);
  if (!known) { known = new Map(); perProgram.set(ctx.program, known); }
  let load = known.get(key);
  if (!load) { load = new WorkerLoad(ctx, files); known.set(key, load); }
  return load;
}
