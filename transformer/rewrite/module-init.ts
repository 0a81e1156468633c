/**
 * Top-level statements of a task's module that only fill the module's own state (`for (let i = 0; i < 256; i++)
 * TABLE[i] = crc(i)` without the call, `for (…) T.push(i + 1)`): a worker importing the module runs them too, as the
 * plain program's import did, so that what its declarations compute from that state (`const READY = T.length > 0`)
 * is what the plain program computed (tester #19's F7 printed `false`). Any other statement is the program's entry
 * code and stays out of workers (emit-module-setup.ts).
 *
 * Judged by the statement's syntax alone: no function, no call but the library's storing methods on a name of this
 * file (`push`, `set`, `add`, `unshift`, `fill`), `Math.*` (not `random`) and functions of the program that are judged
 * the same in their own module (`addUnit('km', 1000)`), no `new` but the library's, nothing that differs from thread
 * to thread (`process`, the global object, `Date`), and every write lands in a name declared in this file.
 */
import type * as ts from 'typescript';
import { isLibraryGlobal, qualifiedName, symbolOf, type AnalysisContext } from '../analysis/context';
import { isWriteTarget, isWrittenName } from './syntax';
import { changeOfReference } from '../analysis/reference-changes';

const STORING = new Set(['push', 'set', 'add', 'unshift', 'fill']);
const THREAD_OWN = new Set(['process', 'globalThis', 'global', 'require', 'module', 'Date', 'performance', 'console']);

export function onlyFillsModuleState(ctx: AnalysisContext, statement: ts.Statement): boolean {
  return fillsOwnState(ctx, statement, statement.getSourceFile(), new Set());
}

/**
 * Every write of `node` lands in a name `home` declares (its own module's state, a function's parameters and locals),
 * and every call is a storing method on such a name, `Math.*`, or a function of the program that does the same in
 * its own module (`addUnit('km', 1000)` setting `UNITS` of units.ts).
 */
function fillsOwnState(ctx: AnalysisContext, node: ts.Node, home: ts.SourceFile, seen: Set<ts.Node>): boolean {
  const { ts } = ctx;
  const ownName = (expr: ts.Expression): boolean => {
    let root = expr;
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isParenthesizedExpression(root)) root = root.expression;
    const declaration = ts.isIdentifier(root) ? symbolOf(ctx, root)?.valueDeclaration : undefined;
    return declaration !== undefined && declaration.getSourceFile() === home && (ts.isVariableDeclaration(declaration) || ts.isParameter(declaration));
  };
  let ok = true;
  const visit = (n: ts.Node): void => {
    if (!ok) return;
    if (n !== node && (ts.isFunctionLike(n) || ts.isClassLike(n)) || ts.isAwaitExpression(n) || ts.isYieldExpression(n) ||
      ts.isDeleteExpression(n) || ts.isTaggedTemplateExpression(n)) { ok = false; return; }
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const storing = ts.isPropertyAccessExpression(callee) && STORING.has(callee.name.text) && ownName(callee.expression);
      // (Not Math.random: a worker's draws are not the program's.)
      const name = qualifiedName(ts, callee);
      const math = name?.startsWith('Math.') && name !== 'Math.random' && isLibraryGlobal(ctx, (callee as ts.PropertyAccessExpression).expression);
      if (!storing && !math && !fillingFunction(ctx, n, seen)) { ok = false; return; }
      n.arguments.forEach(visit);
      return;
    }
    if (ts.isNewExpression(n) && !isLibraryGlobal(ctx, n.expression)) { ok = false; return; }
    // What differs from thread to thread (`process.argv`, the global object, `Date`) decides nothing here.
    if (ts.isIdentifier(n) && THREAD_OWN.has(n.text) && !ownName(n)) { ok = false; return; }
    if (ts.isExpression(n) && isWriteTarget(ts, n) && !ownName(n)) { ok = false; return; }
    ts.forEachChild(n, visit);
  };
  if (ts.isFunctionDeclaration(node)) node.body?.statements.forEach(visit); else visit(node);
  return ok;
}

/** `addUnit('km', 1000)`: a function declared in the program that only fills its own module's state. */
function fillingFunction(ctx: AnalysisContext, call: ts.CallExpression, seen: Set<ts.Node>): boolean {
  const { ts } = ctx;
  const declaration = ts.isIdentifier(call.expression) ? symbolOf(ctx, call.expression)?.valueDeclaration : undefined;
  const fn = declaration && ts.isImportSpecifier(declaration) ? undefined : declaration;
  const target = fn ?? (ts.isIdentifier(call.expression) ? ctx.checker.getResolvedSignature(call)?.declaration : undefined);
  if (!target || !ts.isFunctionDeclaration(target) || !target.body || target.getSourceFile().isDeclarationFile) return false;
  if (seen.has(target)) return true; // (recursion: judged where it started)
  seen.add(target);
  return fillsOwnState(ctx, target, target.getSourceFile(), seen);
}

/**
 * A task's module's statements in source order, as emit.ts decides which run in workers: a statement that only fills
 * module state runs there too, unless it reads a name the entry code before it may have changed (tester #23's r02:
 * `for (let k = 0; k < 2; k++) s += M[k][k][0]` after entry code filled `M`: a worker read its own empty `M` and
 * crashed while importing the module). Then it is entry code too, and so on down the file.
 */
export class WorkerStatements {
  /** Module names of the file that entry code so far may have changed. */
  private readonly changed = new Set<ts.Symbol>();

  constructor(private readonly ctx: AnalysisContext) {}

  /** Whether the statement (as written) runs in workers too; when not, what it may change is recorded. */
  runsInWorkers(statement: ts.Statement): boolean {
    if (this.mayRunInWorkers(statement)) return true;
    this.keptOut(statement);
    return false;
  }

  /** The statement only fills module state and reads nothing entry code so far may have changed (nothing recorded). */
  mayRunInWorkers(statement: ts.Statement): boolean {
    return onlyFillsModuleState(this.ctx, statement) && !this.reads(statement, new Set());
  }

  /**
   * Entry code (or a statement the plan rewrote): the module names it may change are those it assigns or changes as
   * module state is judged (written through, a method not known to only read, handed on: reference-changes.ts), and
   * every module name the program's functions it calls mention.
   */
  keptOut(statement: ts.Statement): void {
    const { ts } = this.ctx;
    const home = statement.getSourceFile();
    const seen = new Set<ts.Node>();
    const visit = (n: ts.Node, inCallee: boolean): void => {
      if (ts.isIdentifier(n)) {
        const symbol = symbolOf(this.ctx, n);
        const declaration = symbol?.valueDeclaration;
        if (!symbol || !declaration || declaration.getSourceFile() !== home || !ts.isVariableDeclaration(declaration)) return;
        // (Changed as module state is judged, analysis/reference-changes.ts, or the name itself assigned: `s += 1`.)
        if (inCallee || isWrittenName(ts, n) || changeOfReference(this.ctx, n) !== undefined) this.changed.add(symbol);
        return;
      }
      if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
        const callee = ts.isIdentifier(n.expression) ? symbolOf(this.ctx, n.expression)?.valueDeclaration : undefined;
        if (callee && !callee.getSourceFile().isDeclarationFile && !seen.has(callee)) {
          seen.add(callee);
          visit(callee, true);
        }
      }
      ts.forEachChild(n, (child) => visit(child, inCallee));
    };
    visit(statement, false);
  }

  /** The statement reads a module name entry code so far may have changed. */
  readsChanged(statement: ts.Statement): boolean { return this.reads(statement, new Set()); }

  /** The same, of what runs as the module loads: not the bodies of functions it only makes (`const first = () => cfg[0]`). */
  readsChangedAtLoad(statement: ts.Statement): boolean { return this.reads(statement, new Set(), true); }

  /** Names declared by entry code only (emit-module-setup.ts), or computed from such: a worker's are not the program's. */
  declaredOut(names: readonly ts.Identifier[]): void {
    for (const name of names) {
      const symbol = symbolOf(this.ctx, name);
      if (symbol) this.changed.add(symbol);
    }
  }

  private reads(node: ts.Node, seen: Set<ts.Node>, atLoad = false): boolean {
    const { ts } = this.ctx;
    if (this.changed.size === 0) return false;
    if (atLoad && ts.isFunctionLike(node)) return false;
    if (ts.isIdentifier(node)) {
      const symbol = symbolOf(this.ctx, node);
      return symbol !== undefined && this.changed.has(symbol);
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const callee = symbolOf(this.ctx, node.expression)?.valueDeclaration;
      if (callee && ts.isFunctionDeclaration(callee) && !seen.has(callee)) {
        seen.add(callee);
        // (Called: its body runs, also as the module loads.)
        if (this.reads(atLoad ? callee.body ?? callee : callee, seen, atLoad)) return true;
      }
    }
    return ts.forEachChild(node, (child) => (this.reads(child, seen, atLoad) ? true : undefined)) ?? false;
  }
}
