/**
 * What reach.ts can tell from an expression's syntax alone, before asking its type (the checker checks an expression
 * again, control flow included, at every getTypeAtLocation: asking is what a summary costs). A primitive value
 * reaches nothing, so the type only matters for an expression that reaches something; these say when it cannot, or
 * when finding out first is free.
 */
import type * as ts from 'typescript';

/**
 * `a + b`, `x < y`, `-x`, `!x`, a literal, a template: shapes whose value reach.ts never takes from their operands
 * (its `of` ends in NOTHING for them whatever their type).
 */
export function reachesNothing(t: typeof ts, expr: ts.Expression): boolean {
  if (t.isBinaryExpression(expr)) return !passesOperand(t, expr.operatorToken.kind);
  return !(expr.kind === t.SyntaxKind.ThisKeyword || t.isIdentifier(expr) || isWrapper(t, expr) || t.isPropertyAccessExpression(expr) ||
    t.isElementAccessExpression(expr) || t.isConditionalExpression(expr) || t.isArrayLiteralExpression(expr) ||
    t.isObjectLiteralExpression(expr) || t.isArrowFunction(expr) || t.isFunctionExpression(expr) || t.isCallExpression(expr) ||
    t.isNewExpression(expr));
}

/**
 * `p.x`, `c ? a[i] : 0`, `(q as T)`: names, `this`, and parts and choices of them. Their reach is read off the names'
 * bindings, without running a callee's summary or asking a type, so it can be found before the type is asked (and the
 * type asked only when something is reached: the answer is the same either way).
 */
export function readsNamesOnly(t: typeof ts, expr: ts.Expression, depth = 0): boolean {
  if (depth > 16) return false;
  if (t.isIdentifier(expr) || expr.kind === t.SyntaxKind.ThisKeyword) return true;
  if (isWrapper(t, expr) || t.isPropertyAccessExpression(expr) || t.isElementAccessExpression(expr)) return readsNamesOnly(t, expr.expression, depth + 1);
  if (t.isConditionalExpression(expr)) return readsNamesOnly(t, expr.whenTrue, depth + 1) && readsNamesOnly(t, expr.whenFalse, depth + 1);
  if (t.isBinaryExpression(expr)) {
    const op = expr.operatorToken.kind;
    if (!passesOperand(t, op)) return true;
    if (op === t.SyntaxKind.EqualsToken || op === t.SyntaxKind.CommaToken) return readsNamesOnly(t, expr.right, depth + 1);
    return readsNamesOnly(t, expr.left, depth + 1) && readsNamesOnly(t, expr.right, depth + 1);
  }
  return reachesNothing(t, expr);
}

/** `(e)`, `e as T`, `e!`, `<T>e`, `e satisfies T`, `await e`: the value of `e` (reach.ts looks through them). */
function isWrapper(t: typeof ts, expr: ts.Expression): expr is ts.Expression & { readonly expression: ts.Expression } {
  return t.isParenthesizedExpression(expr) || t.isAsExpression(expr) || t.isNonNullExpression(expr) || t.isTypeAssertionExpression(expr) ||
    t.isSatisfiesExpression(expr) || t.isAwaitExpression(expr);
}

/** `=`, `,`, `||`, `&&`, `??`: the value is (one of) the operands'; every other operator makes a new one. */
function passesOperand(t: typeof ts, op: ts.SyntaxKind): boolean {
  return op === t.SyntaxKind.EqualsToken || op === t.SyntaxKind.CommaToken || op === t.SyntaxKind.BarBarToken ||
    op === t.SyntaxKind.AmpersandAmpersandToken || op === t.SyntaxKind.QuestionQuestionToken;
}
