/**
 * What a file's top level needs around the program's own statements in every thread that loads it:
 * - module objects tasks read (analysis/module-state.ts), registered right after their declaration, which runs in
 *   workers too: `const __taskify_state_RATES = __taskify.moduleState(key, () => RATES)`;
 * - in a task's module, or one whose top level only declares things, each class of its top level that it does not
 *   export, shared by name
 *   (`__taskify.shareClass(Square, __filename, 'Square')`, in every thread): a task returning or throwing its instances
 *   (`makeShape(s): Shape { return new Square(s) }`) gets them back whole, methods and all, where a class no module
 *   exports could not be rebuilt (tester np36's hiddenret, hiddenerr);
 * - in a task's module, statements that do things kept out of workers (`if (!__taskify.inWorker()) { … }`): a worker
 *   imports the module to run tasks, not to run the program; in a module it imports, those reaching outside the
 *   process (outside-effects.ts: np43's F2, a helper's `writeFileSync` at load ran again in every worker). Declarations stay, and so do statements finishing a
 *   class of the file (class-setup.ts) or only filling its module state (module-init.ts); a declaration whose value
 *   does things (`const fd = openSync(p, 'w')`, `const a = work(1)`, a read of what entry code filled) and that only
 *   entry code reads is computed in the program's thread only (`const fd = __taskify.inWorker() ? void 0 : openSync(…)`).
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from '../analysis/context';
import type { ModuleStateRef } from '../analysis/discover';
import { namespacePath, topLevelStatement } from '../analysis/module-state-keys';
import { setsUpClass } from './class-setup';
import { sharesHiddenClasses } from '../analysis/sendable';
import { thisModule } from './paths';
import { WorkerStatements } from './module-init';
import { acts } from './worker-load';
import type { EntryReaders } from './entry-readers';

type Runtime = (name: string, args: ts.Expression[]) => ts.Expression;

/** The statements with each registered object's registration right after its declaration. */
export function withModuleStateRegistered(ctx: AnalysisContext, f: ts.NodeFactory, statements: ts.Statement[],
  registered: readonly ModuleStateRef[], esm: boolean, runtime: Runtime): ts.Statement[] {
  const { ts } = ctx;
  statements = [...statements];
  for (const state of registered) {
    const top = topLevelStatement(ts, state.declaration);
    const at = statements.findIndex((s) => ts.getOriginalNode(s) === top);
    // CommonJS output has no local binding for `export const X` (it becomes `exports.X`); a namespace's member is
    // reached through the namespace's own variable (`Geom.ORIGIN`).
    const path = [...namespacePath(ts, state.declaration) ?? [], (state.declaration.name as ts.Identifier).text];
    const exported = path.length === 1 && ts.canHaveModifiers(top) && ts.getModifiers(top)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const value = exported && !esm ? f.createPropertyAccessExpression(f.createIdentifier('exports'), path[0])
      : path.slice(1).reduce<ts.Expression>((e, name) => f.createPropertyAccessExpression(e, name), f.createIdentifier(path[0]));
    const register = f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(
      f.createIdentifier(`__taskify_state_${path.join('_')}`), undefined, undefined,
      runtime('moduleState', [f.createStringLiteral(state.key), f.createArrowFunction(undefined, undefined, [], undefined, undefined, value)]),
    )], ts.NodeFlags.Const));
    if (at >= 0) statements.splice(at + 1, 0, register);
  }
  return statements;
}

/** A top-level class the module does not export, which a worker finds only if the module shares it by name. */
function isHiddenClass(ts: typeof import('typescript'), statement: ts.Statement): statement is ts.ClassDeclaration & { name: ts.Identifier } {
  return ts.isClassDeclaration(statement) && statement.name !== undefined && !ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** The module shares classes (analysis/sendable.ts sharesHiddenClasses) and has one to share. */
export function hasClassesToShare(ctx: AnalysisContext, source: ts.SourceFile): boolean {
  return source.statements.some((s) => isHiddenClass(ctx.ts, s)) && sharesHiddenClasses(ctx, source);
}

/**
 * A module that shares classes (a task's module, or one whose top level only declares: analysis/sendable.ts
 * sharesHiddenClasses): each top-level class it does not export, shared by name after its declaration (module comment).
 */
export function withClassesShared(ctx: AnalysisContext, f: ts.NodeFactory, statements: readonly ts.Statement[], esm: boolean,
  runtime: Runtime): ts.Statement[] {
  const { ts } = ctx;
  return statements.flatMap((statement) => {
    const written = ts.getOriginalNode(statement) as ts.Statement;
    if (!isHiddenClass(ts, written)) return [statement];
    const name = written.name.text;
    return [statement, f.createExpressionStatement(runtime('shareClass', [f.createIdentifier(name), thisModule(ctx, f, esm), f.createStringLiteral(name)]))];
  });
}

/**
 * The statements of a task's module, those that do things kept out of workers (see the module comment); of a module
 * it imports (`declaresTasks` false), only those reaching outside the process (outside-effects.ts).
 */
export function keptOutOfWorkers(ctx: AnalysisContext, f: ts.NodeFactory, statements: readonly ts.Statement[], runtime: Runtime,
  entryReaders: EntryReaders, declaresTasks: boolean, submissions: Iterable<ts.CallExpression>): ts.Statement[] {
  // (Judged as written: a statement the plan rewrote has a parse tree node; one it added runs as it was.)
  if (!declaresTasks) {
    return statements.map((s) => {
      const written = ctx.ts.getParseTreeNode(s) as ts.Statement | undefined;
      return written && !entryReaders.load.runsInWorkers(written) ? keptOut(ctx, f, s, runtime) : s;
    });
  }
  const inWorkers = new WorkerStatements(ctx);
  const submitting = submittingAtLoad(ctx.ts, submissions);
  return statements.map((s) => keepOutOfWorkers(ctx, f, s, runtime, inWorkers, entryReaders, (written) => submitting.has(written)));
}

/**
 * The top-level statements that submit a task as the module loads: not through a function they only define (`const
 * compute = (n) => work(n) + 1`: rv73's r-const-arrow).
 */
function submittingAtLoad(t: typeof ts, submissions: Iterable<ts.CallExpression>): Set<ts.Node> {
  const found = new Set<ts.Node>();
  for (const call of submissions) {
    let n: ts.Node = call;
    while (!t.isSourceFile(n.parent) && !t.isFunctionLike(n.parent)) n = n.parent;
    if (t.isSourceFile(n.parent)) found.add(n);
  }
  return found;
}

/** `if (!__taskify.inWorker()) { … }`: the statement runs in the program's thread only. */
function keptOut(ctx: AnalysisContext, f: ts.NodeFactory, statement: ts.Statement, runtime: Runtime): ts.Statement {
  return f.createIfStatement(f.createLogicalNot(runtime('inWorker', [])), ctx.ts.isBlock(statement) ? statement : f.createBlock([statement], true));
}

/**
 * A worker imports a task's module: statements that do things (as opposed to declaring them) are the program's
 * entry code, and must run only in the program's own thread.
 */
function keepOutOfWorkers(ctx: AnalysisContext, f: ts.NodeFactory, statement: ts.Statement,
  runtime: Runtime, inWorkers: WorkerStatements, entryReaders: EntryReaders, submits: (written: ts.Node) => boolean): ts.Statement {
  const { ts } = ctx;
  if (ts.isVariableStatement(statement)) return declaredOutOfWorkers(ctx, f, statement, runtime, inWorkers, entryReaders, submits);
  if (!acts(ts, statement)) return statement;
  // (A statement the plan rewrote, or one it added, calls the runtime: the program's thread's only. Judged as written.)
  if ((statement.flags & ts.NodeFlags.Synthesized) !== 0) {
    const written = ts.getParseTreeNode(statement);
    if (written) inWorkers.keptOut(written as ts.Statement);
    return keptOut(ctx, f, statement, runtime);
  }
  if (setsUpClass(ctx, statement)) return statement; // its classes, which a task's code uses, need it (class-setup.ts)
  if (inWorkers.runsInWorkers(statement)) return statement; // what its declarations compute from needs it (module-init.ts)
  return keptOut(ctx, f, statement, runtime);
}


/**
 * A top-level `const`/`let` of a task's module: computed in workers too (what they run may read it) unless its value
 * does things a worker must not repeat (module-init.ts judges, as for statements) and either its names are read only
 * by code no worker runs (entry-readers.ts), or it is computed from names entry code may have changed, or it submits a
 * task: then its value is the program thread's only.
 */
function declaredOutOfWorkers(ctx: AnalysisContext, f: ts.NodeFactory, statement: ts.VariableStatement, runtime: Runtime,
  inWorkers: WorkerStatements, entryReaders: EntryReaders, submits: (written: ts.Node) => boolean): ts.Statement {
  const { ts } = ctx;
  // (One the plugin added, a task's handle or a registration, has no written form: workers need it.)
  const written = ts.getParseTreeNode(statement) as ts.VariableStatement | undefined;
  if (!written) return statement;
  const exported = ts.getModifiers(written)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const declarations = written.declarationList.declarations;
  // A declaration computed in workers too from names entry code may have changed holds there what the program's does
  // not: later statements reading it are entry code as well (tester #27's r37e: `const b = groups.get('b')!` after
  // entry code filled groups; a worker's `for (const v of b)` threw while it imported the module).
  const inBoth = () => {
    if (inWorkers.readsChanged(written)) inWorkers.declaredOut(declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name] : [])));
    return statement;
  };
  // (Most declarations compute from what workers have too, `const N = 100`: judged before the walk of the file.)
  if (exported || declarations.some((d) => !d.initializer || !ts.isIdentifier(d.name))) return inBoth();
  const names = declarations.map((d) => d.name as ts.Identifier);
  // One that submits a task, or is computed as the module loads from names entry code may have changed, and that no
  // task reads: the program thread's. A worker loading the module ran the task again (np70's min-toplevel-rerun
  // appended its line to a log twice), or computed from its own state and threw or never ended (np70's
  // min-worker-toplevel, `xs.reduce(…)` of the worker's empty `xs`; its mergesort, `mergeAll(sortedChunks)`
  // recursing on none). What reads it is rewritten (its Future waited for) or reads a name declared out: entry code.
  // (A task reading it gets the worker's own: rv73's r-const-submit; a direct read of an entry-computed one is a compile
  // error, analysis/entry-computed.ts.)
  const programs = (submits(written) || inWorkers.readsChangedAtLoad(written)) && !names.some((name) => entryReaders.readByTasks(name));
  if (!programs && inWorkers.mayRunInWorkers(written)) return inBoth();
  if (!programs && !names.every((name) => entryReaders.readOnlyByEntryCode(name))) return inBoth();
  inWorkers.keptOut(written);
  inWorkers.declaredOut(names);
  const list = statement.declarationList;
  return f.updateVariableStatement(statement, statement.modifiers, f.updateVariableDeclarationList(list, list.declarations.map((d) =>
    f.updateVariableDeclaration(d, d.name, d.exclamationToken, d.type,
      f.createConditionalExpression(runtime('inWorker', []), undefined, f.createVoidZero(), undefined, d.initializer!)))));
}
