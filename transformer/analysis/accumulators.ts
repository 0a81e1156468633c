/**
 * The accumulator of a built-in `reduce` that starts as an array or empty object literal and that the callback hands
 * back each time (`lists.reduce((acc, list) => { acc.push(...list); return acc }, [])`, radash's flat, select, merge):
 * it is that one fresh literal all along, so its methods are the standard library's, although the checker types it
 * `any` in untyped JavaScript. `acc.push(x)` then keeps x in it (reach.ts follows that) instead of giving x to code of
 * unknown effect, which made every list passed to such a helper written.
 *
 * Sound because the value is only ever the literal: the callback returns nothing else (a `return` of anything but the
 * accumulator, or a reassignment of it, and this does not apply), and the reduce is the standard library's (a
 * built-in receiver, or a caller's object taken to have the built-in methods under the reading-callbacks summary's
 * recorded assumption: call-effects.ts runsBuiltinReduce).
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext } from './context';
import { returnedExpressions, skipParens } from './expressions';
import { mayHoldFunctions } from './function-values';

export function isLiteralAccumulator(ctx: AnalysisContext, expr: ts.Expression, runsBuiltinReduce: (call: ts.CallExpression) => boolean): boolean {
  const { ts } = ctx;
  expr = skipParens(ts, expr);
  if (!ts.isIdentifier(expr)) return false;
  const declaration = symbolOf(ctx, expr)?.valueDeclaration;
  if (!declaration || !ts.isParameter(declaration) || !ts.isIdentifier(declaration.name) || declaration.initializer) return false;
  const callback = declaration.parent;
  if (!(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) || callback.parameters[0] !== declaration) return false;
  const call = callback.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== callback || call.arguments.length < 2) return false;
  const callee = skipParens(ts, call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !/^reduce(Right)?$/.test(callee.name.text) || !isFreshLiteral(ctx, call.arguments[1])) return false;
  const symbol = symbolOf(ctx, declaration.name);
  const isAccumulator = (e: ts.Expression): boolean => {
    const value = skipParens(ts, e);
    if (ts.isBinaryExpression(value) && value.operatorToken.kind === ts.SyntaxKind.CommaToken) return isAccumulator(value.right);
    return ts.isIdentifier(value) && symbolOf(ctx, value) === symbol;
  };
  return returnedExpressions(ts, callback).every(isAccumulator) && !reassigned(ctx, callback, declaration.name, symbol) && runsBuiltinReduce(call);
}

/** `[]`, `[0, 0]` (elements that cannot be functions), `{}`. */
function isFreshLiteral(ctx: AnalysisContext, init: ts.Expression): boolean {
  const { ts } = ctx;
  const value = skipParens(ts, init);
  if (ts.isObjectLiteralExpression(value)) return value.properties.length === 0;
  return ts.isArrayLiteralExpression(value) &&
    value.elements.every((e) => !ts.isSpreadElement(e) && !mayHoldFunctions(ctx, ctx.checker.getTypeAtLocation(e), 2));
}

/** The callback assigns to its accumulator (or updates it, or destructures into it). */
function reassigned(ctx: AnalysisContext, callback: ts.Node, name: ts.Identifier, symbol: ts.Symbol | undefined): boolean {
  const { ts } = ctx;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && node !== name && symbolOf(ctx, node) === symbol) {
      let use: ts.Node = node;
      while (ts.isParenthesizedExpression(use.parent)) use = use.parent;
      const parent = use.parent;
      if ((ts.isBinaryExpression(parent) && parent.left === use && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
        parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) || ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent) ||
        ts.isArrayLiteralExpression(parent) || ts.isShorthandPropertyAssignment(parent) || ts.isPropertyAssignment(parent) ||
        ((ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === use)) found = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(callback);
  return found;
}
