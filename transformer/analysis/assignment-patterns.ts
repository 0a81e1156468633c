/**
 * The targets of a destructuring assignment (`[a, o.k, c[i]] = rhs`, `({ x, y: o.y, ...r } = rhs)`): the names and the
 * slots it assigns, each with whether it receives a part of the right side or a fresh rest holding parts. Only the
 * targets: the objects and keys inside a slot target (`c` and `i` of `c[i]`) are read, not assigned, so a walk over
 * every node of the pattern took `c` for a name bound to a part of the right side (`[c[0], c[1]] = [c[1], c[0]]` on a
 * fresh copy `c = [...p]` made `c` the parameter itself, and the swap a write of it). A target may also get its default
 * (`[x = d] = rhs`, `({ x = d } = rhs)`).
 */
import type * as ts from 'typescript';
import { skipParens } from './expressions';

/** A leaf target: a name or a slot (`o.k`, `c[i]`); `rest`: it gets a fresh object or array of the remaining parts. */
export interface PatternTarget {
  readonly target: ts.Identifier | ts.PropertyAccessExpression | ts.ElementAccessExpression;
  readonly rest: boolean;
  /** What it gets when the right side has nothing there. */
  readonly defaultValue?: ts.Expression;
}

/** The leaf targets of an assignment pattern, nested patterns flattened (their targets receive parts of parts). */
export function assignmentTargets(t: typeof ts, pattern: ts.ArrayLiteralExpression | ts.ObjectLiteralExpression): PatternTarget[] {
  const found: PatternTarget[] = [];
  const add = (expr: ts.Expression, rest: boolean): void => {
    let target = skipParens(t, expr);
    let defaultValue: ts.Expression | undefined;
    // `[x = d]`, `{ k: o.k = d }`: the target is the left side.
    if (t.isBinaryExpression(target) && target.operatorToken.kind === t.SyntaxKind.EqualsToken) { defaultValue = target.right; target = skipParens(t, target.left); }
    if (t.isIdentifier(target) || t.isPropertyAccessExpression(target) || t.isElementAccessExpression(target)) found.push({ target, rest, defaultValue });
    else if (t.isArrayLiteralExpression(target) || t.isObjectLiteralExpression(target)) found.push(...assignmentTargets(t, target));
  };
  if (t.isArrayLiteralExpression(pattern)) {
    for (const element of pattern.elements) {
      if (t.isOmittedExpression(element)) continue;
      if (t.isSpreadElement(element)) add(element.expression, true);
      else add(element, false);
    }
  } else {
    for (const property of pattern.properties) {
      if (t.isPropertyAssignment(property)) add(property.initializer, false);
      else if (t.isShorthandPropertyAssignment(property)) found.push({ target: property.name, rest: false, defaultValue: property.objectAssignmentInitializer });
      else if (t.isSpreadAssignment(property)) add(property.expression, true);
    }
  }
  return found;
}
