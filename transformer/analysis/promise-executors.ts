/**
 * `new Promise((resolve, reject) => { … })`: the standard library runs the executor once, during the `new`, giving it
 * two fresh functions, and keeps nothing else of it. Its body is analysed as part of the enclosing function (as any
 * inline function's is), so handing it to the constructor adds nothing: what it captures is not given to unknown
 * code. `resolve(v)`/`reject(e)` keep their argument in the promise (let out: whoever awaits it gets it) and change
 * nothing (`resolve` calls `v.then` on a thenable, a method of the data, as `Promise.resolve(v)` does). Without this,
 * every `new Promise((r) => setTimeout(r, ms))` made what the executor mentions unknown code's (moderndash's sleep,
 * retry, races, timeout; @antfu/utils' sleep).
 *
 * Only for the global Promise (not a program's class of that name), an executor written inline, and its two
 * parameters as plain names nothing reassigns.
 */
import type * as ts from 'typescript';
import { isLibraryGlobal, symbolOf, type AnalysisContext } from './context';
import { skipParens } from './expressions';

/** `new Promise(executor)` of the standard library, with the executor written inline: that executor, else undefined. */
export function inlineExecutor(ctx: AnalysisContext, node: ts.NewExpression): ts.ArrowFunction | ts.FunctionExpression | undefined {
  const { ts } = ctx;
  if (!ts.isIdentifier(node.expression) || node.expression.text !== 'Promise' || !isLibraryGlobal(ctx, node.expression)) return undefined;
  const first = node.arguments?.[0];
  const executor = first && skipParens(ts, first);
  return executor && (ts.isArrowFunction(executor) || ts.isFunctionExpression(executor)) ? executor : undefined;
}

/** `callee` is the `resolve` or `reject` an inline executor was given (see above). */
export function isSettlingFunction(ctx: AnalysisContext, callee: ts.Expression): boolean {
  const { ts } = ctx;
  if (!ts.isIdentifier(callee)) return false;
  const declaration = symbolOf(ctx, callee)?.valueDeclaration;
  if (!declaration || !ts.isParameter(declaration) || !ts.isIdentifier(declaration.name) || declaration.initializer || declaration.dotDotDotToken) return false;
  const executor = declaration.parent;
  if (!(ts.isArrowFunction(executor) || ts.isFunctionExpression(executor)) || executor.parameters.indexOf(declaration) > 1) return false;
  const made = executor.parent;
  if (!made || !ts.isNewExpression(made) || inlineExecutor(ctx, made) !== executor) return false;
  return !assignedIn(ctx, executor, symbolOf(ctx, declaration.name));
}

/** The name is assigned somewhere in the executor (`resolve = other`): then it may be any function. */
function assignedIn(ctx: AnalysisContext, executor: ts.Node, symbol: ts.Symbol | undefined): boolean {
  const { ts } = ctx;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const left = skipParens(ts, node.left);
      if ((ts.isIdentifier(left) && symbolOf(ctx, left) === symbol) || ts.isArrayLiteralExpression(left) || ts.isObjectLiteralExpression(left)) {
        // (A destructuring assignment may assign it too: taken as assigned.)
        if (!ts.isIdentifier(left) || symbolOf(ctx, left) === symbol) { found = true; return; }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(executor);
  return found;
}
