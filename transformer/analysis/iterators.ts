/**
 * Iterating by hand as `for…of` does: `const it = values[Symbol.iterator](); it.next()` (d3-array's reduce, superset)
 * takes values' elements one by one. Iteration counts as reading the iterable wherever `for…of` does, so `next()` on
 * such an iterator is not an unknown method changing its object (the iterator may be `values` itself: what `next()`
 * hands back is still followed, reach.ts, so writing an element writes `values`).
 */
import type * as ts from 'typescript';
import { skipParens } from './expressions';
import { symbolOf, type AnalysisContext } from './context';

/** `E[Symbol.iterator]()`, or a `const` initialized with it. */
export function isProtocolIterator(ctx: AnalysisContext, expr: ts.Expression): boolean {
  const { ts } = ctx;
  expr = skipParens(ts, expr);
  if (ts.isIdentifier(expr)) {
    const declaration = symbolOf(ctx, expr)?.valueDeclaration;
    return declaration !== undefined && ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined &&
      (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0 && isProtocolIterator(ctx, declaration.initializer);
  }
  if (!ts.isCallExpression(expr) || expr.arguments.length > 0) return false;
  const callee = skipParens(ts, expr.expression);
  if (!ts.isElementAccessExpression(callee)) return false;
  const key = skipParens(ts, callee.argumentExpression);
  return ts.isPropertyAccessExpression(key) && ts.isIdentifier(key.expression) && key.expression.text === 'Symbol' && key.name.text === 'iterator';
}

/** `it.next()` on such an iterator: the step of an iteration. */
export function isIterationStep(ctx: AnalysisContext, call: ts.CallExpression): boolean {
  const callee = skipParens(ctx.ts, call.expression);
  return ctx.ts.isPropertyAccessExpression(callee) && callee.name.text === 'next' && isProtocolIterator(ctx, callee.expression);
}
