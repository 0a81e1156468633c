/**
 * A local constant holding an array literal written here (`/** @type {Polygon} *\/ const cleaned = [ring[0]]`,
 * geometric's cleanRing): its methods are the standard library's, whatever type the checker gives it. A JSDoc type the
 * program cannot resolve (`@typedef {import("../types.js").Polygon}` where types.js is not shipped) makes it `any`, so
 * `cleaned.push(point)` was code of unknown effect and every ring handed to the function was taken as written.
 *
 * Sound because the value is only ever that literal (a `const`), and nothing can give it an own method of those names:
 * every mention of it reads a member or calls one (`cleaned.length`, `cleaned.push(p)`, `cleaned[i]`), writes an
 * element by a numeric index (`cleaned[i] = p`), gives it to a built-in array method that stores or reads it
 * (`rings.push(ring)`), or returns it (the caller then has it; this body is done with it).
 * Anything else (handed to other code, which could set `arr.push = …`; a member assigned by name or by a key that may
 * be a string) and this does not apply.
 */
import type * as ts from 'typescript';
import { everyMention, symbolOf, type AnalysisContext } from './context';
import { isAssignmentOperator, skipParens } from './expressions';
import { readsArgumentsByName, STORING_METHODS } from './builtins';
import { isBuiltinMethodCall } from './builtin-callees';

const known = new WeakMap<ts.Node, boolean>();

/** `receiver` names a local constant that is such an array literal (see the top of this file). */
export function isFreshArrayConstant(ctx: AnalysisContext, receiver: ts.Expression): boolean {
  const { ts } = ctx;
  const value = skipParens(ts, receiver);
  if (!ts.isIdentifier(value)) return false;
  const declaration = symbolOf(ctx, value)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !declaration.initializer ||
    !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) || !ts.isArrayLiteralExpression(skipParens(ts, declaration.initializer))) return false;
  let answer = known.get(declaration);
  if (answer === undefined) {
    known.set(declaration, false); // (while it is being asked: `a.push(b); b.push(a)`)
    answer = everyMentionKeepsItAnArray(ctx, declaration);
    known.set(declaration, answer);
  }
  return answer;
}

function everyMentionKeepsItAnArray(ctx: AnalysisContext, declaration: ts.VariableDeclaration): boolean {
  const name = declaration.name as ts.Identifier;
  const symbol = symbolOf(ctx, name);
  const scope = declaration.parent.parent.parent; // the block or source file holding the declaration list's statement
  return symbol !== undefined && scope !== undefined && everyMention(ctx, symbol, scope, name, (id) => keepsItAnArray(ctx, id));
}

function keepsItAnArray(ctx: AnalysisContext, id: ts.Identifier): boolean {
  const { ts } = ctx;
  let node: ts.Node = id;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const use = node.parent;
  if (ts.isReturnStatement(use)) return true;
  // `rings.push(ring)`: given to a built-in array method that stores or reads it, and sets no member of it.
  if (ts.isCallExpression(use) && use.arguments.includes(node as ts.Expression)) {
    const callee = skipParens(ts, use.expression);
    return ts.isPropertyAccessExpression(callee) && (STORING_METHODS.has(callee.name.text) || readsArgumentsByName(callee.name.text)) &&
      (isBuiltinMethodCall(ctx, use) || isFreshArrayConstant(ctx, callee.expression));
  }
  if (!(ts.isPropertyAccessExpression(use) || ts.isElementAccessExpression(use)) || use.expression !== node) return false;
  const outer = use.parent;
  const written = (ts.isBinaryExpression(outer) && outer.left === use && isAssignmentOperator(ts, outer.operatorToken.kind)) ||
    ts.isDeleteExpression(outer) || ts.isPrefixUnaryExpression(outer) || ts.isPostfixUnaryExpression(outer) ||
    ((ts.isForInStatement(outer) || ts.isForOfStatement(outer)) && outer.initializer === use) ||
    ts.isArrayLiteralExpression(outer) || ts.isShorthandPropertyAssignment(outer) || ts.isPropertyAssignment(outer);
  if (!written) return true;
  // `cleaned.length = 0` sets no method; an element by a number index is no method either.
  if (ts.isPropertyAccessExpression(use)) return use.name.text === 'length';
  const key = ctx.checker.getTypeAtLocation(use.argumentExpression);
  return (key.flags & ts.TypeFlags.NumberLike) !== 0;
}
