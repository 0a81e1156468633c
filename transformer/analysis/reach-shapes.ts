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
  const K = t.SyntaxKind;
  switch (expr.kind) {
    case K.BinaryExpression: return !passesOperand(t, (expr as ts.BinaryExpression).operatorToken.kind);
    case K.ThisKeyword: case K.Identifier: case K.PropertyAccessExpression: case K.ElementAccessExpression: case K.ConditionalExpression:
    case K.ArrayLiteralExpression: case K.ObjectLiteralExpression: case K.ArrowFunction: case K.FunctionExpression: case K.CallExpression:
    case K.NewExpression:
      return false;
    default:
      return !isWrapper(t, expr);
  }
}

/**
 * `p.x`, `c ? a[i] : 0`, `(q as T)`: names, `this`, and parts and choices of them. Their reach is read off the names'
 * bindings, without running a callee's summary or asking a type, so it can be found before the type is asked (and the
 * type asked only when something is reached: the answer is the same either way).
 */
export function readsNamesOnly(t: typeof ts, expr: ts.Expression, depth = 0): boolean {
  const K = t.SyntaxKind;
  if (depth > 16) return false;
  switch (expr.kind) {
    case K.Identifier: case K.ThisKeyword: return true;
    case K.PropertyAccessExpression: case K.ElementAccessExpression:
      return readsNamesOnly(t, (expr as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression, depth + 1);
    case K.ConditionalExpression: {
      const { whenTrue, whenFalse } = expr as ts.ConditionalExpression;
      return readsNamesOnly(t, whenTrue, depth + 1) && readsNamesOnly(t, whenFalse, depth + 1);
    }
    case K.BinaryExpression: {
      const { left, operatorToken, right } = expr as ts.BinaryExpression;
      if (!passesOperand(t, operatorToken.kind)) return true;
      if (operatorToken.kind === K.EqualsToken || operatorToken.kind === K.CommaToken) return readsNamesOnly(t, right, depth + 1);
      return readsNamesOnly(t, left, depth + 1) && readsNamesOnly(t, right, depth + 1);
    }
    default:
      if (isWrapper(t, expr)) return readsNamesOnly(t, expr.expression, depth + 1);
      return reachesNothing(t, expr);
  }
}

/**
 * Whether an expression readsNamesOnly accepts may reach anything, told from the names' and `this`'s bindings alone
 * (`reaches`), without asking any type: reach.ts's answer for it is empty when this is false (its parts' answers only
 * ever drop what a primitive part reaches). So the type of the whole (`xs.length`, `p.x`, `v[i]`) can be asked first,
 * and a primitive needs no type asked of the names it is read from.
 */
export function namesMayReach(t: typeof ts, expr: ts.Expression, reaches: (nameOrThis: ts.Expression) => boolean): boolean {
  const K = t.SyntaxKind;
  switch (expr.kind) {
    case K.Identifier: case K.ThisKeyword: return reaches(expr);
    case K.PropertyAccessExpression: case K.ElementAccessExpression:
      return namesMayReach(t, (expr as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression, reaches);
    case K.ConditionalExpression: {
      const { whenTrue, whenFalse } = expr as ts.ConditionalExpression;
      return namesMayReach(t, whenTrue, reaches) || namesMayReach(t, whenFalse, reaches);
    }
    case K.BinaryExpression: {
      const { left, operatorToken, right } = expr as ts.BinaryExpression;
      if (!passesOperand(t, operatorToken.kind)) return false;
      if (operatorToken.kind === K.EqualsToken || operatorToken.kind === K.CommaToken) return namesMayReach(t, right, reaches);
      return namesMayReach(t, left, reaches) || namesMayReach(t, right, reaches);
    }
    default:
      return isWrapper(t, expr) ? namesMayReach(t, expr.expression, reaches) : false;
  }
}

/** `(e)`, `e as T`, `e!`, `<T>e`, `e satisfies T`, `await e`: the value of `e` (reach.ts looks through them). */
function isWrapper(t: typeof ts, expr: ts.Expression): expr is ts.Expression & { readonly expression: ts.Expression } {
  const K = t.SyntaxKind;
  switch (expr.kind) {
    case K.ParenthesizedExpression: case K.AsExpression: case K.NonNullExpression: case K.TypeAssertionExpression:
    case K.SatisfiesExpression: case K.AwaitExpression:
      return true;
    default:
      return false;
  }
}

/** `=`, `,`, `||`, `&&`, `??` (and `||=`, `&&=`, `??=`): the value is (one of) the operands'; every other operator makes a new one. */
function passesOperand(t: typeof ts, op: ts.SyntaxKind): boolean {
  const K = t.SyntaxKind;
  return op === K.EqualsToken || op === K.CommaToken || op === K.BarBarToken || op === K.AmpersandAmpersandToken || op === K.QuestionQuestionToken ||
    op === K.BarBarEqualsToken || op === K.AmpersandAmpersandEqualsToken || op === K.QuestionQuestionEqualsToken;
}
