/**
 * What a file's top level needs around the program's own statements in every thread that loads it:
 * - module objects tasks read (analysis/module-state.ts), registered right after their declaration, which runs in
 *   workers too: `const __taskify_state_RATES = __taskify.moduleState(key, () => RATES)`;
 * - in a task's module, statements that do things kept out of workers (`if (!__taskify.inWorker()) { … }`): a worker
 *   imports the module to run its tasks, not to run the program. Declarations stay, and so do statements finishing a
 *   class of the file (class-setup.ts) or only filling its module state (module-init.ts).
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from '../analysis/context';
import type { ModuleStateRef } from '../analysis/discover';
import { namespacePath, topLevelStatement } from '../analysis/module-state-keys';
import { finishesOwnClass } from './class-setup';
import { WorkerStatements } from './module-init';

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

/** The statements of a task's module, those that do things kept out of workers (see the module comment). */
export function keptOutOfWorkers(ctx: AnalysisContext, f: ts.NodeFactory, statements: readonly ts.Statement[], runtime: Runtime): ts.Statement[] {
  const inWorkers = new WorkerStatements(ctx);
  return statements.map((s) => keepOutOfWorkers(ctx, f, s, runtime, inWorkers));
}

/**
 * A worker imports a task's module: statements that do things (as opposed to declaring them) are the program's
 * entry code, and must run only in the program's own thread.
 */
function keepOutOfWorkers(ctx: AnalysisContext, f: ts.NodeFactory, statement: ts.Statement,
  runtime: Runtime, inWorkers: WorkerStatements): ts.Statement {
  const { ts } = ctx;
  const acts = ts.isExpressionStatement(statement) || ts.isIfStatement(statement) || ts.isIterationStatement(statement, false) ||
    ts.isTryStatement(statement) || ts.isBlock(statement) || ts.isSwitchStatement(statement) || ts.isThrowStatement(statement) ||
    ts.isLabeledStatement(statement);
  if (!acts || (ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression))) return statement;
  const keptOut = () => f.createIfStatement(f.createLogicalNot(runtime('inWorker', [])), ts.isBlock(statement) ? statement : f.createBlock([statement], true));
  // (A statement the plan rewrote, or one it added, calls the runtime: the program's thread's only. Judged as written.)
  if ((statement.flags & ts.NodeFlags.Synthesized) !== 0) {
    const written = ts.getParseTreeNode(statement);
    if (written) inWorkers.keptOut(written as ts.Statement);
    return keptOut();
  }
  if (finishesOwnClass(ctx, statement)) return statement; // its classes, which a task's code uses, need it (class-setup.ts)
  if (inWorkers.runsInWorkers(statement)) return statement; // what its declarations compute from needs it (module-init.ts)
  return keptOut();
}
