/**
 * Top-level statements of a task's module that only fill the module's own state (`for (let i = 0; i < 256; i++)
 * TABLE[i] = crc(i)` without the call, `for (…) T.push(i + 1)`): a worker importing the module runs them too, as the
 * plain program's import did, so that what its declarations compute from that state (`const READY = T.length > 0`)
 * is what the plain program computed (tester #19's F7 printed `false`). Any other statement is the program's entry
 * code and stays out of workers (emit.ts keepOutOfWorkers).
 *
 * Judged by the statement's syntax alone: no function, no call but the library's storing methods on a name of this
 * file (`push`, `set`, `add`, `unshift`, `fill`) and `Math.*` (not `random`), no `new` but the library's, nothing that
 * differs from thread to thread (`process`, the global object, `Date`), and every write lands in a name declared in
 * this file.
 */
import type * as ts from 'typescript';
import { isLibraryGlobal, qualifiedName, symbolOf, type AnalysisContext } from '../analysis/context';
import { isWriteTarget } from './syntax';

const STORING = new Set(['push', 'set', 'add', 'unshift', 'fill']);
const THREAD_OWN = new Set(['process', 'globalThis', 'global', 'require', 'module', 'Date', 'performance', 'console']);

export function onlyFillsModuleState(ctx: AnalysisContext, statement: ts.Statement): boolean {
  const { ts } = ctx;
  const file = statement.getSourceFile();
  const ownName = (expr: ts.Expression): boolean => {
    let root = expr;
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isParenthesizedExpression(root)) root = root.expression;
    const declaration = ts.isIdentifier(root) ? symbolOf(ctx, root)?.valueDeclaration : undefined;
    return declaration !== undefined && declaration.getSourceFile() === file && ts.isVariableDeclaration(declaration);
  };
  let ok = true;
  const visit = (node: ts.Node): void => {
    if (!ok) return;
    if (ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isAwaitExpression(node) || ts.isYieldExpression(node) ||
      ts.isDeleteExpression(node) || ts.isTaggedTemplateExpression(node)) { ok = false; return; }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const storing = ts.isPropertyAccessExpression(callee) && STORING.has(callee.name.text) && ownName(callee.expression);
      // (Not Math.random: a worker's draws are not the program's.)
      const name = qualifiedName(ts, callee);
      const math = name?.startsWith('Math.') && name !== 'Math.random' && isLibraryGlobal(ctx, (callee as ts.PropertyAccessExpression).expression);
      if (!storing && !math) { ok = false; return; }
      node.arguments.forEach(visit);
      return;
    }
    if (ts.isNewExpression(node) && !isLibraryGlobal(ctx, node.expression)) { ok = false; return; }
    // What differs from thread to thread (`process.argv`, the global object, `Date`) decides nothing here.
    if (ts.isIdentifier(node) && THREAD_OWN.has(node.text) && !ownName(node)) { ok = false; return; }
    if (ts.isExpression(node) && isWriteTarget(ts, node) && !ts.isIdentifier(node) && !ownName(node)) { ok = false; return; }
    if (ts.isIdentifier(node) && isWriteTarget(ts, node) && !ownName(node)) { ok = false; return; }
    ts.forEachChild(node, visit);
  };
  visit(statement);
  return ok;
}
